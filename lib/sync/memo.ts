import type { SyncProblem } from '../model';
import type { Store } from '../store';

/**
 * What sync remembers between runs and worker restarts (not in globals: an idle stop would lose
 * it): last success, the failure streak behind the backoff, a pause for problems that retrying
 * cannot fix, and documents refused.
 */
export interface SyncMemo {
  lastSyncedAt: string | null;
  failures: number;
  retryAt: string | null;
  /** Set after a refused password, a missing database or missing access: no retries until the user acts. */
  paused: { problem: SyncProblem; reason: string } | null;
  /** The last error that will be retried (offline, server down), for the status line. */
  lastError: { problem: SyncProblem; reason: string } | null;
  rejected: number;
  lastRejected: { docId: string; reason: string } | null;
  /**
   * Whether the signed-in user may change connection roles on the team database (the
   * `connections-admin` role, or a server admin), as the server's `_session` said; null until
   * asked, and again after the settings change.
   */
  rolesAdmin: boolean | null;
}

const KEY = 'memo';

export const EMPTY_MEMO: SyncMemo = {
  lastSyncedAt: null,
  failures: 0,
  retryAt: null,
  paused: null,
  lastError: null,
  rejected: 0,
  lastRejected: null,
  rolesAdmin: null,
};

export async function readMemo(db: Store): Promise<SyncMemo> {
  return { ...EMPTY_MEMO, ...((await db.get('sync', KEY)) as Partial<SyncMemo> | undefined) };
}

export async function updateMemo(db: Store, patch: Partial<SyncMemo>): Promise<SyncMemo> {
  const tx = db.transaction('sync', 'readwrite');
  const next = { ...EMPTY_MEMO, ...((await tx.store.get(KEY)) as Partial<SyncMemo> | undefined), ...patch };
  await tx.store.put(next, KEY);
  await tx.done;
  return next;
}

/** Exponential backoff with jitter: 1 s, 2 s, 4 s … capped at 5 minutes, each scaled by 0.5–1. */
export function backoffMs(failures: number, random: number): number {
  const ceiling = Math.min(5 * 60_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random * 0.5));
}
