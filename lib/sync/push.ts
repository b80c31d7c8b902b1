import { inTransaction, type DocKind, type OutboxEntry, type Store, type Tx } from '../store';
import { APPLY_STORES, RELAXED, applyIncoming, type Applied } from './apply';
import type { CouchClient } from './couch';
import { readMany } from './read-many';
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
    const { taken, conflicts } = await inTransaction(
      db,
      ['outbox', 'revs'],
      'readwrite',
      (tx) => settle(tx, batch, results, out),
      RELAXED,
    );
    sent += taken;
    if (conflicts.length) {
      await resolveConflicts(db, client, conflicts, now(), out);
      again = true;
    }
    progress?.(sent, await db.count('outbox'));
  }
  return sent;
}

type Batch = Awaited<ReturnType<typeof readBatch>>;

/**
 * Records what the server answered for a batch: new revisions, entries cleared (only those no
 * newer local change replaced meanwhile), refusals reported; conflicts are returned for the
 * caller to settle. One read of the entries, then every write at once (see read-many.ts).
 */
async function settle(tx: Tx<['outbox', 'revs'], 'readwrite'>, batch: Batch, results: BulkResult[], out: Applied) {
  const outbox = tx.objectStore('outbox');
  const tokens = new Map(batch.map((b) => [b.entry.docId, b.entry.token]));
  const ours = results.filter((r) => tokens.has(r.id));
  const conflicts = ours.filter((r) => r.error === 'conflict').map((r) => r.id);
  const settled = ours.filter((r) => r.error !== 'conflict');
  const current = await readMany(
    outbox,
    settled.map((r) => r.id),
  );
  const writes: Promise<unknown>[] = [];
  const cleared: string[] = [];
  let taken = 0;
  for (const r of settled) {
    if (r.ok && r.rev) {
      writes.push(tx.objectStore('revs').put(r.rev, r.id));
      taken++;
    } else {
      // Refused by the server's own rules (a validate function, say): sending it again would be
      // refused again. The document stays here; the status reports the refusal.
      out.rejected.push({ docId: r.id, reason: `refused by the server: ${r.reason || r.error || 'no reason given'}` });
    }
    if (current.get(r.id)?.token === tokens.get(r.id)) cleared.push(r.id);
  }
  const sorted = cleared.sort();
  const span = sorted.length ? IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]) : null;
  // Usually the span holds exactly the cleared entries (the batch was one contiguous run of the
  // outbox): one request deletes them all. A change queued since, or an entry kept, means one by one.
  if (span && cleared.length === batch.length && (await outbox.count(span)) === cleared.length) {
    writes.push(outbox.delete(span));
  } else {
    for (const id of cleared) writes.push(outbox.delete(id));
  }
  await Promise.all(writes);
  return { taken, conflicts };
}

async function readBatch(db: Store, after: string | undefined, now: string) {
  return inTransaction(db, ['outbox', 'revs', 'roles', 'connections'], 'readonly', async (tx) => {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const entries: OutboxEntry[] = await tx.objectStore('outbox').getAll(range, PUSH_BATCH);
    const refs = entries.map((e) => parseDocId(e.docId)!);
    const idsOf = (kind: DocKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
    const [roles, connections, revs] = await Promise.all([
      readMany(tx.objectStore('roles'), idsOf('role')),
      readMany(tx.objectStore('connections'), idsOf('connection')),
      readMany(
        tx.objectStore('revs'),
        entries.map((e) => e.docId),
      ),
    ]);
    return entries.map((entry, i) => {
      const { kind, id } = refs[i]!;
      const local = kind === 'role' ? roles.get(id) : connections.get(id);
      const rev = revs.get(entry.docId);
      const doc: RemoteDoc = {
        _id: entry.docId,
        ...(rev ? { _rev: rev } : {}),
        ...localBody(kind, local, entry.gone, now),
      };
      return { entry, doc };
    });
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
