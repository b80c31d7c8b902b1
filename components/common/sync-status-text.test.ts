import { describe, expect, it } from 'vitest';
import { SYNC_OFF, type SyncStatus } from '../../lib/model';
import { clockTime, describeSync, relativeTime } from './sync-status-text';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;
const HOUR = 60 * MIN;
/** 14:05 on the reader's clock, whatever the test machine's time zone. */
const FIVE_PAST_TWO = new Date(2026, 2, 10, 14, 5).toISOString();

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  ...SYNC_OFF,
  state: 'synced',
  server: 'http://127.0.0.1:5984 / connections',
  ...over,
});
const say = (over: Partial<SyncStatus>, o: Parameters<typeof describeSync>[2] = {}) =>
  describeSync(status(over), NOW, { locale: 'en-GB', ...o });

describe('relativeTime', () => {
  it.each([
    [0, 'just now'],
    [44_000, 'just now'],
    [-30_000, 'just now'], // the server's clock a little ahead of ours
    [50_000, '1 minute ago'],
    [2 * MIN, '2 minutes ago'],
    [44 * MIN, '44 minutes ago'],
    [50 * MIN, '1 hour ago'],
    [3 * HOUR, '3 hours ago'],
    [30 * HOUR, 'yesterday'],
    [4 * 24 * HOUR, '4 days ago'],
  ])('%i ms ago reads "%s"', (ms, text) => expect(relativeTime(ago(ms), NOW)).toBe(text));

  it('reads an unreadable date as now rather than as nonsense', () =>
    expect(relativeTime('not a date', NOW)).toBe('just now'));
});

describe('clockTime', () => {
  it('writes the time of day in the given locale', () => expect(clockTime(FIVE_PAST_TWO, 'en-GB')).toBe('14:05'));
});

describe('describeSync', () => {
  it('off: "Local only" and nothing else, whatever the counters say', () =>
    expect(say({ state: 'off', pending: 3, rejected: 2 })).toEqual({
      headline: 'Local only',
      since: null,
      advice: null,
      progress: null,
      notes: [],
    }));

  it('synced: the time since the last sync', () => {
    expect(say({ lastSyncedAt: ago(2 * MIN) })).toMatchObject({ headline: 'Synced', since: '2 minutes ago' });
    expect(say({ lastSyncedAt: null })).toMatchObject({ headline: 'Synced', since: null });
  });

  it('syncing: no time, a progress bar only for a large transfer', () => {
    expect(say({ state: 'syncing', lastSyncedAt: ago(MIN) })).toMatchObject({
      headline: 'Syncing…',
      since: null,
      progress: null,
    });
    expect(say({ state: 'syncing', progress: { direction: 'pull', done: 1200, total: 10000 } }).progress).toEqual({
      label: 'Receiving 1,200 of 10,000',
      value: 1200,
      max: 10000,
    });
    expect(say({ state: 'syncing', progress: { direction: 'push', done: 250, total: 300 } }).progress?.label).toBe(
      'Sending 250 of 300',
    );
  });

  it('offline: when it retries, if known', () => {
    expect(say({ state: 'offline', problem: 'offline', retryAt: FIVE_PAST_TWO }).headline).toBe(
      'Offline — will retry at 14:05',
    );
    expect(say({ state: 'offline', problem: 'offline' })).toMatchObject({ headline: 'Offline', advice: null });
  });

  it('error: the reason, and what to do about it where the user can do something', () => {
    const refused = { state: 'error', problem: 'auth', reason: 'The server refused the password.' } as const;
    expect(say(refused)).toMatchObject({
      headline: 'Error: The server refused the password.',
      advice: 'Check the username and password in Options.',
    });
    expect(say(refused, { inOptions: true }).advice).toBe('Check the username and password below.');
    const denied = { state: 'error', problem: 'permission', reason: 'Access is not granted.' } as const;
    expect(say(denied).advice).toBe('Grant access in Options.');
    // On the options page the background's reason already says to press Save.
    expect(say(denied, { inOptions: true }).advice).toBeNull();
    expect(say({ state: 'error', problem: 'database', reason: 'No such database.' }).advice).toBe(
      'Check the database name in Options.',
    );
  });

  it('error: a server failure retries on its own, so it says when and gives no advice', () =>
    expect(
      say({ state: 'error', problem: 'server', reason: 'The server failed (500).', retryAt: FIVE_PAST_TWO }),
    ).toMatchObject({ headline: 'Error: The server failed (500). — will retry at 14:05', advice: null }));

  it('error without a reason still reads as a sentence', () =>
    expect(say({ state: 'error' }).headline).toBe('Error: sync stopped.'));

  it('counts changes waiting to be sent, in any state but off', () => {
    expect(say({ pending: 1 }).notes).toEqual(['1 change waiting to be sent']);
    expect(say({ state: 'offline', pending: 1234 }).notes).toEqual(['1,234 changes waiting to be sent']);
    expect(say({ pending: 0 }).notes).toEqual([]);
  });

  it('counts documents the server sent that were refused, with the last reason unless compact', () => {
    const lastRejected = { docId: 'connection:x', reason: 'Role id is missing.' };
    expect(say({ rejected: 2, lastRejected }).notes).toEqual(['2 documents could not be synced: Role id is missing.']);
    expect(say({ rejected: 1, lastRejected }, { compact: true }).notes).toEqual(['1 document could not be synced']);
    expect(say({ rejected: 1, lastRejected: null }).notes).toEqual(['1 document could not be synced']);
  });

  it('lists waiting changes before refused documents', () =>
    expect(say({ pending: 2, rejected: 1 }).notes).toEqual([
      '2 changes waiting to be sent',
      '1 document could not be synced',
    ]));
});
