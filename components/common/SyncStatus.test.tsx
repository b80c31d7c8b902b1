// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYNC_OFF, type SyncStatus } from '../../lib/model';
import { SyncStatusView } from './SyncStatus';

const root = document.createElement('div');
document.body.append(root);
afterEach(() => {
  render(null, root);
  vi.useRealTimers();
});

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  ...SYNC_OFF,
  state: 'synced',
  server: 'http://127.0.0.1:5984 / connections',
  ...over,
});
const show = (s: SyncStatus | null, props: { compact?: boolean } = {}) => {
  act(() => render(<SyncStatusView status={s} {...props} />, root));
  return root.querySelector<HTMLElement>('.sync-status');
};
const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('SyncStatusView', () => {
  it('shows nothing until the status is known', () => expect(show(null)).toBeNull());

  it('is a polite live region with stable hooks for tests', () => {
    const el = show(status({ pending: 3, rejected: 1 }))!;
    expect(el.getAttribute('role')).toBe('status');
    expect(el.getAttribute('aria-live')).toBe('polite');
    expect(el.dataset).toMatchObject({ syncState: 'synced', pending: '3', rejected: '1' });
  });

  it('full form: headline, notes and server on their own lines', () => {
    const el = show(status({ lastSyncedAt: new Date(Date.now() - 120_000).toISOString(), pending: 2 }))!;
    expect(text(el.querySelector('.sync-headline'))).toBe('Synced · 2 minutes ago');
    expect([...el.querySelectorAll('.sync-note')].map(text)).toEqual(['2 changes waiting to be sent']);
    expect(text(el.querySelector('.sync-server'))).toBe('Server: http://127.0.0.1:5984 / connections');
  });

  it('keeps the ticking time out of announcements', () => {
    const el = show(status({ lastSyncedAt: new Date().toISOString() }))!;
    expect(el.querySelector('time')?.getAttribute('aria-live')).toBe('off');
  });

  it('compact form: one line, named, without the server', () => {
    const el = show(status({ state: 'offline', pending: 1 }), { compact: true })!;
    expect(el.querySelectorAll('p')).toHaveLength(1);
    expect(text(el)).toBe('Team sync: Offline · 1 change waiting to be sent');
  });

  it('a large transfer shows a labelled progress bar', () => {
    const el = show(status({ state: 'syncing', progress: { direction: 'pull', done: 1200, total: 10000 } }))!;
    const bar = el.querySelector('progress')!;
    expect([bar.value, bar.max]).toEqual([1200, 10000]);
    expect(text(bar.closest('label'))).toMatch(/^Receiving 1.200 of 10.000$/);
  });

  it('updates "… ago" as time passes', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-10T12:00:00Z'), toFake: ['Date', 'setInterval', 'clearInterval'] });
    const el = show(status({ lastSyncedAt: '2026-03-10T12:00:00Z' }))!;
    expect(text(el.querySelector('.sync-headline'))).toBe('Synced · just now');
    act(() => void vi.advanceTimersByTime(2 * 60_000));
    expect(text(el.querySelector('.sync-headline'))).toBe('Synced · 2 minutes ago');
  });
});
