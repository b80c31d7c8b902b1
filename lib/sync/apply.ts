import type { Connection, ConnectionRole, RecordKey } from '../model';
import type { Tx } from '../store';
import { canonicalJson, remoteWins } from './conflict';
import { readMany } from './read-many';
import { asTombstone, localBody, type Incoming } from './remote-doc';

/**
 * Sync's own writes skip the flush to disk before commit: a page lost to a power cut is only
 * pulled (or its revisions pushed) again, because its checkpoint was lost with it.
 */
export const RELAXED: IDBTransactionOptions = { durability: 'relaxed' };

export const APPLY_STORES = ['roles', 'connections', 'outbox', 'revs', 'sync'] as const;
export type ApplyTx = Tx<['roles', 'connections', 'outbox', 'revs', 'sync'], 'readwrite'>;

/** What applying server documents touched, for the change feed and the status line. */
export interface Applied {
  records: Set<RecordKey>;
  roles: Set<string>;
  applied: number;
  rejected: { docId: string; reason: string }[];
}

export const emptyApplied = (): Applied => ({ records: new Set(), roles: new Set(), applied: 0, rejected: [] });

export function mergeApplied(into: Applied, from: Applied) {
  for (const k of from.records) into.records.add(k);
  for (const r of from.roles) into.roles.add(r);
  into.applied += from.applied;
  into.rejected.push(...from.rejected);
}

/**
 * Merges server documents into the store, in the caller's transaction (the pull's checkpoint is
 * written in the same one). A document this replica has a pending change for is weighed by the
 * conflict rule: if the local change wins it stays queued, now on top of the server's revision;
 * if the server's wins, it replaces the local change. Server documents are already there, so
 * applying one never queues anything.
 */
export async function applyIncoming(tx: ApplyTx, docs: Incoming[], now: string, out: Applied) {
  const roles = tx.objectStore('roles');
  const conns = tx.objectStore('connections');
  const outbox = tx.objectStore('outbox');
  const revs = tx.objectStore('revs');
  // A document may appear twice (a conflict fetched while its page was in flight): the last wins.
  const latest = new Map<string, Incoming>();
  const refused: string[] = [];
  for (const doc of docs) {
    if (doc.ok) latest.set(doc.docId, doc);
    else {
      out.rejected.push({ docId: doc.docId, reason: doc.reason });
      refused.push(doc.docId);
    }
  }
  const valid = [...latest.values()] as Extract<Incoming, { ok: true }>[];
  // Every read is issued at once and every write without waiting for the one before: IndexedDB
  // runs them in order inside the transaction, so a page costs one round of waiting, not several
  // per document. The outbox is usually small: its keys are read once, not probed per document.
  const queued = new Set(await outbox.getAllKeys());
  const pendingIds = valid.filter((d) => queued.has(d.docId)).map((d) => d.docId);
  const [localRoles, localConns, pendings] = await Promise.all([
    readMany(roles, idsOf(valid, 'role')),
    readMany(conns, idsOf(valid, 'connection')),
    readMany(outbox, pendingIds),
  ]);
  const writes: Promise<unknown>[] = [];
  // The server holds a version of these we cannot read (a newer extension's, another client's
  // mistake): a local change would only conflict with it for ever. It is given up (reported above);
  // the local document stays as it is.
  for (const id of refused) if (queued.has(id)) writes.push(outbox.delete(id));
  valid.forEach((doc) => {
    const local = doc.kind === 'role' ? localRoles.get(doc.id) : localConns.get(doc.id);
    const pending = pendings.get(doc.docId);
    if (doc.rev) writes.push(revs.put(doc.rev, doc.docId));
    const mine = localBody(doc.kind, local, pending?.gone, now);
    // Our own change coming back from the server, or nothing new: only the revision was news.
    if (doc.body && (local || pending) && canonicalJson(doc.body) === canonicalJson(mine)) {
      if (pending) writes.push(outbox.delete(doc.docId));
      return;
    }
    if (pending) {
      if (!remoteWins(doc.body, mine)) return;
      writes.push(outbox.delete(doc.docId));
    }
    out.applied++;
    if (doc.kind === 'role') {
      out.roles.add(doc.id);
      if (doc.value) writes.push(roles.put(doc.value as ConnectionRole));
      else if (local) writes.push(roles.delete(doc.id));
      return;
    }
    const before = local as Connection | undefined;
    for (const key of before?.endpoints ?? []) out.records.add(key);
    if (doc.value) {
      const next = doc.value as Connection;
      for (const key of next.endpoints) out.records.add(key);
      writes.push(conns.put(next));
    } else if (before && !before.deleted) {
      writes.push(conns.put(asTombstone(before, doc.body)));
    }
  });
  await Promise.all(writes);
}

const idsOf = (docs: { kind: string; id: string }[], kind: string) =>
  docs.filter((d) => d.kind === kind).map((d) => d.id);
