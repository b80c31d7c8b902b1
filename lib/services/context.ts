import type { Change } from '../messaging/views';
import type { Identity } from '../model';
import type { Store } from '../store';
import { SYNC_SETTINGS_KEY } from '../store/sync-settings';

/** What every background service is given: injected so tests control time, ids and events. */
export interface ServiceContext {
  /** The database, opening; services await it per call (the composition root never awaits). */
  db: Promise<Store>;
  now(): Date;
  newId(): string;
  /** Tells every open UI what changed, after the change has committed. */
  emit(change: Change): void;
}

/** Who is acting before team sync is set up: the identity's email, or "me" before one is set. */
export const actorOf = (identity: Identity | undefined | null) => identity?.email || 'me';

/**
 * Who is acting, for createdBy/updatedBy, read in the write's own transaction: the username team
 * sync signs in with, once it is set up (the team's server checks that a change's updatedBy, and
 * a new connection's createdBy, is the user who sends it), else `actorOf(identity)`.
 */
export async function actorIn(settings: { get(key: string): Promise<unknown> }): Promise<string> {
  const sync = (await settings.get(SYNC_SETTINGS_KEY)) as { username?: unknown } | undefined;
  if (typeof sync?.username === 'string' && sync.username.trim()) return sync.username.trim();
  return actorOf((await settings.get('identity')) as Identity | undefined);
}
