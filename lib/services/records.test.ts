import { describe, expect, it } from 'vitest';
import { recordKey } from '../model';
import { freshBackground, rec } from '../../tests/services';

describe('seen records', () => {
  it('finds records by name ignoring case and accents, most recent first', async () => {
    const { send } = freshBackground();
    await send('records.seen', rec('Zoë Ångström', { entityType: 'contact' }));
    await send('records.seen', rec('Contoso'));
    await send('records.seen', rec('ZOE Partners'));
    const found = await send('records.search', { query: 'zoe' });
    expect(found.map((r) => r.name)).toEqual(['ZOE Partners', 'Zoë Ångström']);
    expect((await send('records.search', { query: 'ANGSTROM' })).map((r) => r.name)).toEqual(['Zoë Ångström']);
    expect(await send('records.search', { query: '', limit: 2 })).toHaveLength(2);
  });

  it('a revisit moves a record to the top and keeps a known name when the page had none yet', async () => {
    const { send } = freshBackground();
    await send('records.seen', rec('Alpha'));
    await send('records.seen', rec('Beta'));
    const again = await send('records.seen', { ...rec('Alpha'), name: '' });
    expect(again.name).toBe('Alpha');
    expect((await send('records.search', { query: '' })).map((r) => r.name)).toEqual(['Alpha', 'Beta']);
  });

  it('a rename updates the name inside connections and tells every UI', async () => {
    const { send, changes } = freshBackground();
    const contoso = rec('Contoso');
    const alice = rec('Alice', { entityType: 'contact' });
    await send('records.seen', contoso);
    await send('connections.create', { from: contoso, to: alice });
    changes.length = 0;
    await send('records.seen', { ...contoso, name: 'Contoso Ltd' });
    const [view] = await send('connections.listForRecord', { key: recordKey(alice) });
    expect(view?.other.name).toBe('Contoso Ltd');
    expect(changes).toEqual([{ records: [recordKey(contoso)] }]);
  });

  it('refuses a record without an id or with a non-web URL, naming the field', async () => {
    const { refuse } = freshBackground();
    expect(await refuse('records.seen', { ...rec('X'), recordId: ' ' })).toMatchObject({ field: 'recordId' });
    expect(await refuse('records.seen', { ...rec('X'), url: 'javascript:alert(1)' })).toMatchObject({ field: 'url' });
    expect(await refuse('records.seen', { ...rec('X'), crm: 'Not An Id' })).toMatchObject({ field: 'crm' });
    expect(await refuse('records.search', { query: 'x'.repeat(201) })).toMatchObject({ field: 'query' });
  });
});

describe('settings', () => {
  it('stores the identity, lower-casing the email', async () => {
    const { send } = freshBackground();
    expect(await send('settings.get', {})).toEqual({ identity: null });
    await send('settings.setIdentity', { name: ' Dana ', email: 'DANA@example.com' });
    expect(await send('settings.get', {})).toEqual({ identity: { name: 'Dana', email: 'dana@example.com' } });
  });

  it('refuses an identity without a valid email', async () => {
    const { refuse } = freshBackground();
    expect(await refuse('settings.setIdentity', { name: 'Dana', email: 'dana' })).toMatchObject({ field: 'email' });
    expect(await refuse('settings.setIdentity', { name: '', email: 'd@example.com' })).toMatchObject({ field: 'name' });
  });
});

describe('records open in other tabs', () => {
  it('lists what other tabs show now, not the asking tab, and forgets a tab that left its record', async () => {
    const bg = freshBackground();
    const inTab = (tab: number, type: string, payload: unknown) => bg.route({ type, payload }, { tab: { id: tab } });
    await inTab(1, 'records.seen', rec('Contoso'));
    await inTab(2, 'records.seen', rec('Fabrikam'));
    const fromTab1 = await inTab(1, 'records.open', {});
    expect(fromTab1).toMatchObject({ ok: true, value: [{ name: 'Fabrikam' }] });
    await inTab(2, 'records.left', {});
    expect(await inTab(1, 'records.open', {})).toMatchObject({ ok: true, value: [] });
  });
});

describe('the "To Me" record', () => {
  it('is a record like any other, with a mailto address', async () => {
    const { send } = freshBackground();
    const { meRecord } = await import('../model');
    const me = meRecord({ name: 'Dana', email: 'dana@example.com' });
    const c = await send('connections.create', { from: rec('Contoso'), to: me, toRoleId: 'builtin-account-manager' });
    expect(c.to).toMatchObject({ crm: 'me', name: 'Dana', url: 'mailto:dana@example.com' });
  });
});
