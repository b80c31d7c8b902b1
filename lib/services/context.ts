import type { Change } from '../messaging/views';
import type { Identity } from '../model';
import type { Store } from '../store';

/** What every background service is given: injected so tests control time, ids and events. */
export interface ServiceContext {
  /** The database, opening; services await it per call (the composition root never awaits). */
  db: Promise<Store>;
  now(): Date;
  newId(): string;
  /** Tells every open UI what changed, after the change has committed. */
  emit(change: Change): void;
}

/** Who is acting, for createdBy/updatedBy: the identity's email, or "me" before one is set. */
export const actorOf = (identity: Identity | undefined | null) => identity?.email || 'me';
