import type { IDBPTransaction, StoreNames } from 'idb';
import type { Connection, ConnectionRole } from '../model';
import type { ConnectionsDB } from './schema';

/** The kinds of document that sync; seen records are personal browsing history and stay local. */
export type DocKind = 'role' | 'connection';

/** A local change waiting to be pushed; the document itself is read from its store at push time. */
export interface OutboxEntry {
  /** The server document id: `role:<id>` or `connection:<id>`. */
  docId: string;
  /** Unique per change: a push only clears the entry if no newer change replaced it meanwhile. */
  token: string;
  /** A role deleted here (roles leave no tombstone in their store): when, for the conflict rule. */
  gone?: { updatedAt: string };
  /** The server refused this change (its reason): not sent again until the next local edit. */
  refused?: string;
}

type AnyWriteTx = IDBPTransaction<ConnectionsDB, StoreNames<ConnectionsDB>[], 'readwrite'>;
/** Any read-write transaction whose scope includes the outbox and the store written. */
export type DocWriteTx = Pick<AnyWriteTx, 'objectStore'>;

export const docIdOf = (kind: DocKind, id: string) => `${kind}:${id}`;

let tick = 0;
const newToken = () => `${Date.now().toString(36)}.${(++tick).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;

/** Queues document `docId` for the next push, in the caller's transaction. */
export async function noteChange(tx: DocWriteTx, docId: string, gone?: OutboxEntry['gone']) {
  await tx.objectStore('outbox').put(gone ? { docId, token: newToken(), gone } : { docId, token: newToken() });
}

/**
 * Local writes of synced documents go through these three, so the change and its outbox entry
 * commit or abort together. (Changes pulled from the server are written directly: they are
 * already there.)
 */
export async function putConnection(tx: DocWriteTx, c: Connection) {
  await tx.objectStore('connections').put(c);
  await noteChange(tx, docIdOf('connection', c.id));
}

export async function putRole(tx: DocWriteTx, role: ConnectionRole) {
  await tx.objectStore('roles').put(role);
  await noteChange(tx, docIdOf('role', role.id));
}

export async function deleteRole(tx: DocWriteTx, id: string, updatedAt: string) {
  await tx.objectStore('roles').delete(id);
  await noteChange(tx, docIdOf('role', id), { updatedAt });
}
