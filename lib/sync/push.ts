import * as v from 'valibot';
import { inTransaction, type DocKind, type OutboxEntry, type Store, type Tx } from '../store';
import {
  AllDocsRowSchema,
  AllDocsSchema,
  BulkAnswerSchema,
  BulkRowSchema,
  problemOf,
  rowLabel,
  type AllDocsRow,
  type BulkRow,
} from './answers';
import { APPLY_STORES, RELAXED, applyIncoming, type Applied } from './apply';
import { CouchError, type CouchClient } from './couch';
import { readMany } from './read-many';
import { localBody, parseDocId, parseRemote, type RemoteDoc } from './remote-doc';

export const PUSH_BATCH = 500;

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
  let size = PUSH_BATCH;
  let from: string | undefined;
  // Conflicts won by local changes leave them queued on top of the server's revision: another
  // pass sends them. Each pass settles what it met, so a few passes always suffice.
  let again = false;
  let next = readBatch(db, from, size, now());
  for (let pass = 0; pass < 5;) {
    const { read, last, items: batch } = await next;
    if (read === 0) {
      if (!again) break;
      [from, again] = [undefined, false];
      pass++;
      next = readBatch(db, from, size, now());
      continue;
    }
    if (batch.length === 0) {
      // Only changes the server refused before: they wait for the user's next edit.
      from = last;
      next = readBatch(db, from, size, now());
      continue;
    }
    const sending = client.request<unknown>({
      method: 'POST',
      path: '_bulk_docs',
      body: { docs: batch.map((b) => b.doc) },
    });
    // The next batch is read while this one is on the wire (its documents come after these).
    next = readBatch(db, last, size, now());
    next.catch(() => {}); // Its error, if any, surfaces when it is awaited.
    let results: BulkRow[];
    try {
      results = checkBulkAnswer(await sending, batch.length, out);
    } catch (e) {
      // Too large for the server or a proxy in front of it (nginx allows 1 MB by default):
      // the same documents again, in halves.
      if (!(e instanceof CouchError && e.status === 413 && batch.length > 1)) throw e;
      size = Math.max(1, Math.floor(batch.length / 2));
      next = readBatch(db, from, size, now());
      continue;
    }
    from = last;
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

type Batch = Awaited<ReturnType<typeof readBatch>>['items'];

const malformed = (path: string, detail: string) =>
  new CouchError('protocol', `The server's answer to ${path} is malformed: ${detail}.`);

/**
 * The `_bulk_docs` answer checked: a list of at most one row per document sent (anything else
 * fails the push with the reason, retried later with backoff). A malformed row is refused and
 * reported; its document stays queued, unmarked, and goes again with the next push (a conflict
 * then settles it if the server did take it).
 */
function checkBulkAnswer(answer: unknown, sent: number, out: Applied): BulkRow[] {
  const list = v.safeParse(BulkAnswerSchema, answer);
  if (!list.success) throw malformed('_bulk_docs', problemOf(list.issues));
  if (list.output.length > sent) {
    throw malformed('_bulk_docs', `${list.output.length} answers for ${sent} documents`);
  }
  const rows: BulkRow[] = [];
  list.output.forEach((item, i) => {
    const row = v.safeParse(BulkRowSchema, item);
    if (row.success) rows.push(row.output);
    else {
      const docId = rowLabel(item, `(answer ${i + 1} from _bulk_docs)`);
      out.rejected.push({ docId, reason: `the server's answer for it is malformed: ${problemOf(row.issues)}.` });
    }
  });
  return rows;
}

/**
 * Records what the server answered for a batch: new revisions, entries cleared (only those no
 * newer local change replaced meanwhile), refusals kept and reported; conflicts are returned for
 * the caller to settle. One read of the entries, then every write at once (see read-many.ts).
 */
async function settle(tx: Tx<['outbox', 'revs'], 'readwrite'>, batch: Batch, answers: BulkRow[], out: Applied) {
  const outbox = tx.objectStore('outbox');
  const sentEntries = new Map(batch.map((b) => [b.entry.docId, b.entry]));
  // One answer per document we sent; anything else in the reply is ignored.
  const results = [...new Map(answers.filter((r) => sentEntries.has(r.id)).map((r) => [r.id, r])).values()];
  const conflicts = results.filter((r) => r.error === 'conflict').map((r) => r.id);
  const settled = results.filter((r) => r.error !== 'conflict');
  const current = await readMany(
    outbox,
    settled.map((r) => r.id),
  );
  const writes: Promise<unknown>[] = [];
  const cleared: string[] = [];
  let taken = 0;
  for (const r of settled) {
    const entry = sentEntries.get(r.id)!;
    // Only if no newer local change replaced the entry while the batch was out.
    const unchanged = current.get(r.id)?.token === entry.token;
    if (r.ok && r.rev) {
      writes.push(tx.objectStore('revs').put(r.rev, r.id));
      taken++;
      if (unchanged) cleared.push(r.id);
      continue;
    }
    // Refused by the server's own rules (a validate function, say): sending it again would be
    // refused again, so it waits, marked, for the next local edit of that document (which
    // replaces the entry). Reported once.
    const reason = `refused by the server: ${String(r.reason || r.error || 'no reason given').slice(0, 200)}`;
    out.rejected.push({ docId: r.id, reason });
    if (unchanged) writes.push(outbox.put({ ...entry, refused: reason }));
  }
  // Those first: one of them failing (the disk full) must fail the settle with its own error,
  // not go unhandled while the count below is awaited, nor show as the count's abort.
  await Promise.all(writes);
  const sorted = cleared.sort();
  const span = sorted.length ? IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]) : null;
  // Usually every document of the batch went through and the span holds exactly their entries
  // (the batch was one contiguous run of the outbox): one request deletes them all. A change
  // queued since inside the span, or any entry kept, means one by one.
  if (span && cleared.length === sentEntries.size && (await outbox.count(span)) === cleared.length) {
    await outbox.delete(span);
  } else {
    await Promise.all(cleared.map((id) => outbox.delete(id)));
  }
  return { taken, conflicts };
}

/** Up to `size` queued entries after `from`, with the documents to send (refused ones left out). */
async function readBatch(db: Store, from: string | undefined, size: number, now: string) {
  return inTransaction(db, ['outbox', 'revs', 'roles', 'connections'], 'readonly', async (tx) => {
    const range = from === undefined ? undefined : IDBKeyRange.lowerBound(from, true);
    const read: OutboxEntry[] = await tx.objectStore('outbox').getAll(range, size);
    const entries = read.filter((e) => !e.refused);
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
    const items = entries.map((entry, i) => {
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
    return { read: read.length, last: read.at(-1)?.docId, items };
  });
}

/** Fetches the server's current versions of conflicting documents and merges them by the rule. */
export async function resolveConflicts(db: Store, client: CouchClient, ids: string[], now: string, out: Applied) {
  const answer = await client.request<unknown>({
    method: 'POST',
    path: '_all_docs',
    query: { include_docs: true },
    body: { keys: ids },
  });
  // Checked like a page of changes: a malformed envelope fails the push, a malformed row (or one
  // not asked for) is refused and reported, and the conflict stays for the next push.
  const envelope = v.safeParse(AllDocsSchema, answer);
  if (!envelope.success) throw malformed('_all_docs', problemOf(envelope.issues));
  const asked = new Set(ids);
  const rows: AllDocsRow[] = [];
  envelope.output.rows.forEach((item, i) => {
    const row = v.safeParse(AllDocsRowSchema, item);
    const docId = rowLabel(item, `(row ${i + 1} from _all_docs)`);
    const problem = !row.success
      ? problemOf(row.issues)
      : !asked.has(row.output.key)
        ? 'it was not asked for'
        : row.output.doc && row.output.doc._id !== row.output.key
          ? "its document's _id is another id"
          : null;
    if (problem) out.rejected.push({ docId, reason: `the server's answer for it is malformed: ${problem}.` });
    else if (row.success) rows.push(row.output);
  });
  const incoming = rows.flatMap((row) => {
    if (row.doc) return [parseRemote(row.doc as RemoteDoc, now)];
    // Deleted with CouchDB's own delete: the row carries the deletion's revision only.
    if (row.value?.deleted) return [parseRemote({ _id: row.key, _rev: row.value.rev, _deleted: true }, now)];
    return [];
  });
  // Gone from the server altogether (its database recreated, the document purged): our revision
  // means nothing there any more, so the next push goes without one.
  const missing = rows.filter((row) => row.error === 'not_found').map((row) => row.key);
  await inTransaction(db, [...APPLY_STORES], 'readwrite', async (tx) => {
    await Promise.all(missing.map((id) => tx.objectStore('revs').delete(id)));
    await applyIncoming(
      tx,
      incoming.filter((d) => d !== null),
      now,
      out,
    );
  });
}
