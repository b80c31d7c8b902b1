import type { Connection, ConnectionRole, RecordKey } from '../model';
import type { Tx } from '../store';
import { canonicalJson, remoteWins } from './conflict';
import { asTombstone, localBody, type Incoming } from './remote-doc';

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
  for (const doc of docs) {
    if (!doc.ok) {
      out.rejected.push({ docId: doc.docId, reason: doc.reason });
      continue;
    }
    // An older revision than one we already hold (a page read before our own push landed): stale.
    if (doc.rev && generation(doc.rev) < generation((await revs.get(doc.docId)) ?? '0')) continue;
    if (doc.rev) await revs.put(doc.rev, doc.docId);
    const local = doc.kind === 'role' ? await roles.get(doc.id) : await conns.get(doc.id);
    const pending = await outbox.get(doc.docId);
    const mine = localBody(doc.kind, local, pending?.gone, now);
    // Our own change coming back from the server, or nothing new: only the revision was news.
    if (doc.body && (local || pending) && canonicalJson(doc.body) === canonicalJson(mine)) {
      if (pending) await outbox.delete(doc.docId);
      continue;
    }
    if (pending) {
      if (!remoteWins(doc.body, mine)) continue;
      await outbox.delete(doc.docId);
    }
    out.applied++;
    if (doc.kind === 'role') {
      out.roles.add(doc.id);
      if (doc.value) await roles.put(doc.value as ConnectionRole);
      else if (local) await roles.delete(doc.id);
      continue;
    }
    const before = local as Connection | undefined;
    for (const key of before?.endpoints ?? []) out.records.add(key);
    if (doc.value) {
      const next = doc.value as Connection;
      for (const key of next.endpoints) out.records.add(key);
      await conns.put(next);
    } else if (before && !before.deleted) {
      await conns.put(asTombstone(before, doc.body));
    }
  }
}

/** A CouchDB revision's generation: the number before the dash (`3-abc…` → 3). */
export const generation = (rev: string) => Number.parseInt(rev, 10) || 0;
