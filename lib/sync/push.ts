import { inTransaction, type OutboxEntry, type Store } from '../store';
import { APPLY_STORES, RELAXED, applyIncoming, type Applied } from './apply';
import type { CouchClient } from './couch';
import { localBody, parseDocId, parseRemote, type RemoteDoc } from './remote-doc';

export const PUSH_BATCH = 500;

type BulkResult = { id: string; rev?: string; ok?: boolean; error?: string; reason?: string };
type AllDocsRow = { key: string; error?: string; value?: { rev: string; deleted?: boolean }; doc?: RemoteDoc | null };

export interface PushProgress {
  (sent: number, left: number): void;
}

/**
 * Sends queued local changes with `_bulk_docs`, a batch at a time, each document on top of the
 * server revision we last saw. A stale revision comes back as a per-document conflict: the
 * server's version is fetched and weighed by the conflict rule (apply.ts), and a local winner
 * goes again on top of it. Returns how many documents the server took.
 */
export async function push(db: Store, client: CouchClient, now: () => string, out: Applied, progress?: PushProgress) {
  let sent = 0;
  let after: string | undefined;
  // Conflicts won by local changes leave them queued on top of the server's revision: another
  // pass sends them. Each pass settles what it met, so a few passes always suffice.
  let again = false;
  let next = readBatch(db, after, now());
  for (let pass = 0; pass < 5;) {
    const batch = await next;
    if (batch.length === 0) {
      if (!again) break;
      [after, again] = [undefined, false];
      pass++;
      next = readBatch(db, after, now());
      continue;
    }
    after = batch[batch.length - 1]!.entry.docId;
    const sending = client.request<BulkResult[]>({
      method: 'POST',
      path: '_bulk_docs',
      body: { docs: batch.map((b) => b.doc) },
    });
    // The next batch is read while this one is on the wire (its documents come after these).
    next = readBatch(db, after, now());
    next.catch(() => {}); // Its error, if any, surfaces when it is awaited.
    const results = await sending;
    const conflicts: string[] = [];
    await inTransaction(
      db,
      ['outbox', 'revs'],
      'readwrite',
      async (tx) => {
        const outbox = tx.objectStore('outbox');
        const tokens = new Map(batch.map((b) => [b.entry.docId, b.entry.token]));
        const settled = results.filter((r) => tokens.has(r.id) && r.error !== 'conflict');
        conflicts.push(...results.filter((r) => tokens.has(r.id) && r.error === 'conflict').map((r) => r.id));
        // All reads at once, then all writes: one round of waiting per batch (see apply.ts).
        const now = await Promise.all(settled.map((r) => outbox.get(r.id)));
        const writes: Promise<unknown>[] = [];
        settled.forEach((r, i) => {
          if (r.ok && r.rev) {
            writes.push(tx.objectStore('revs').put(r.rev, r.id));
            sent++;
          } else {
            // Refused by the server's own rules (a validate function, say): sending it again would
            // be refused again. The document stays here; the status reports the refusal.
            out.rejected.push({
              docId: r.id,
              reason: `refused by the server: ${r.reason || r.error || 'no reason given'}`,
            });
          }
          // Cleared only if no newer local change replaced the entry while the batch was out.
          if (now[i]?.token === tokens.get(r.id)) writes.push(outbox.delete(r.id));
        });
        await Promise.all(writes);
      },
      RELAXED,
    );
    if (conflicts.length) {
      await resolveConflicts(db, client, conflicts, now(), out);
      again = true;
    }
    progress?.(sent, await db.count('outbox'));
  }
  return sent;
}

async function readBatch(db: Store, after: string | undefined, now: string) {
  return inTransaction(db, ['outbox', 'revs', 'roles', 'connections'], 'readonly', async (tx) => {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const entries: OutboxEntry[] = await tx.objectStore('outbox').getAll(range, PUSH_BATCH);
    return Promise.all(
      entries.map(async (entry) => {
        const ref = parseDocId(entry.docId)!;
        const store = tx.objectStore(ref.kind === 'role' ? 'roles' : 'connections');
        const [local, rev] = await Promise.all([store.get(ref.id), tx.objectStore('revs').get(entry.docId)]);
        const doc: RemoteDoc = {
          _id: entry.docId,
          ...(rev ? { _rev: rev } : {}),
          ...localBody(ref.kind, local, entry.gone, now),
        };
        return { entry, doc };
      }),
    );
  });
}

/** Fetches the server's current versions of conflicting documents and merges them by the rule. */
export async function resolveConflicts(db: Store, client: CouchClient, ids: string[], now: string, out: Applied) {
  const res = await client.request<{ rows: AllDocsRow[] }>({
    method: 'POST',
    path: '_all_docs',
    query: { include_docs: true },
    body: { keys: ids },
  });
  const incoming = res.rows.flatMap((row) => {
    if (row.doc) return [parseRemote(row.doc)];
    // Deleted with CouchDB's own delete: the row carries the deletion's revision only.
    if (row.value?.deleted) return [parseRemote({ _id: row.key, _rev: row.value.rev, _deleted: true })];
    return [];
  });
  await inTransaction(db, [...APPLY_STORES], 'readwrite', (tx) =>
    applyIncoming(
      tx,
      incoming.filter((d) => d !== null),
      now,
      out,
    ),
  );
}
