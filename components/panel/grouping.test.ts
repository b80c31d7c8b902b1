import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../lib/messaging/views';
import { filterViews, groupViews, NO_ROLE } from './grouping';

const view = (name: string, over: Partial<ConnectionView> = {}): ConnectionView =>
  ({
    id: name,
    isSource: true,
    other: {
      key: name,
      crm: 'hubspot',
      tenant: '1',
      entityType: 'contact',
      recordId: '1',
      name,
      url: 'https://x.test/',
    },
    otherRole: null,
    thisRole: null,
    description: '',
    owner: '',
    effectiveStart: null,
    effectiveEnd: null,
    status: 'active',
    createdAt: '',
    createdBy: '',
    updatedAt: '',
    updatedBy: '',
    ...over,
  }) as ConnectionView;

const champion = { id: 'c', name: 'Champion', category: 'Stakeholder' as const, active: true };
const friend = { id: 'f', name: 'Friend', category: 'Social' as const, active: true };

describe('panel grouping and filters', () => {
  const views = [
    view('Zoë', { otherRole: champion }),
    view('Anna', { otherRole: champion, status: 'inactive' }),
    view('Bob', { otherRole: friend, description: 'Met in Ångström lab' }),
    view('Carl'),
  ];

  it('groups by category in category order, rows by name, no-role last', () => {
    expect(groupViews(views).map((g) => [g.title, g.rows.map((r) => r.other.name)])).toEqual([
      ['Social', ['Bob']],
      ['Stakeholder', ['Anna', 'Zoë']],
      [NO_ROLE, ['Carl']],
    ]);
  });

  it('filters by status, role and accent-insensitive text', () => {
    const names = (f: Parameters<typeof filterViews>[1]) => filterViews(views, f).map((v) => v.other.name);
    expect(names({ status: 'active', roleId: '', text: '' })).toEqual(['Zoë', 'Bob', 'Carl']);
    expect(names({ status: 'inactive', roleId: '', text: '' })).toEqual(['Anna']);
    expect(names({ status: 'all', roleId: 'c', text: '' })).toEqual(['Zoë', 'Anna']);
    expect(names({ status: 'all', roleId: '', text: 'angstrom' })).toEqual(['Bob']);
    expect(names({ status: 'all', roleId: '', text: 'zoe' })).toEqual(['Zoë']);
  });
});
