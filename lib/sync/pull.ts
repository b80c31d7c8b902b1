import * as v from 'valibot';
import { inTransaction, type Store } from '../store';
import {
  ChangeRowSchema,
  ChangesSchema,
  isSeq,
  problemOf,
  rowLabel,
  sameSeq,
  type ChangeRow,
  type Seq,
} from './answers';
import { APPLY_STORES, RELAXED, applyIncoming, emptyApplied, mergeApplied, type Applied } from './apply';
import { AnswerTooLarge, CouchError, MAX_ANSWER_BYTES, type CouchClient } from './couch';
import { parseRemote, type Incoming, type RemoteDoc } from './remote-doc';

export const PULL_PAGE = 1_000;
/**
 * Long-poll: the server sends a newline every HEARTBEAT while it waits (with a heartbeat, CouchDB
 * waits for a change however long it takes). The client ends each poll after LIVE_TIMEOUT and
 * starts another if anyone still watches, so a poll never outlives the UIs that wanted it.
 */
export const LIVE_TIMEOUT_MS = 55_000;
export const HEARTBEAT_MS = 10_000;
/** The client gives up when nothing at all (not even a heartbeat) arrived for this long. */
export const IDLE_LIMIT_MS = HEARTBEAT_MS * 3;

const CHECKPOINT = 'checkpoint';

/** A page as the server sent it, before any check. */
type RawPage = unknown;

/** A page after its checks: what to apply, what was refused, and where the next page starts. */
interface Page {
  incoming: Incoming[];
  refused: { docId: string; reason: string }[];
  /** Rows taken from the page (at most the limit asked). */
  rows: number;
  /** As many rows as asked: more may follow at once. */
  full: boolean;
  next: Seq;
  pending: number | null;
}

export interface PullOptions {
  /** Wait for the next change (long-poll) once caught up, instead of returning. */
  live?: boolean;
  signal?: AbortSignal;
  /** Called after each page: documents so far, and the total when the server says it. */
  progress?: (done: number, total: number | null) => void;
  /** Called after a page that changed something has committed, with what it changed. */
  committed?: (page: Applied) => void;
}

/**
 * Where the last pull stopped. Anything but a sequence (stored by an older version that took
 * whatever the server said) is dropped: sent back it would break every request for ever, while
 * starting over from 0 only reads again what is already applied (pulls are idempotent).
 */
export async function readCheckpoint(db: Store): Promise<Seq> {
  const stored: unknown = await db.get('sync', CHECKPOINT);
  return isSeq(stored) ? stored : 0;
}

const malformed = (detail: string) =>
  new CouchError('protocol', `The server's changes feed sent a malformed answer: ${detail}.`);

/**
 * Reads `_changes` from the checkpoint, a page at a time; each page is validated outside any
 * transaction, then merged and its checkpoint stored in one transaction, so a stop at any point
 * resumes exactly after the last page applied. The next page is fetched while this one is
 * applied. Returns when caught up (or, live, after the first page of new changes).
 */
export async function pull(db: Store, client: CouchClient, now: () => string, out: Applied, o: PullOptions = {}) {
  let since = await readCheckpoint(db);
  let done = 0;
  let total: number | null = null;
  /** Halved for the rest of this pull when a page is too large to read (see couch.ts). */
  let limit = PULL_PAGE;
  // Each page is validated as soon as it arrives, so that work overlaps the previous page's
  // transaction instead of waiting behind it.
  const fetchPage = (from: Seq, live: boolean) => {
    const asked = limit;
    const page = (live ? livePoll(from, asked) : request(from, asked, false, o.signal)).then((raw) =>
      checkPage(raw, from, asked, now()),
    );
    return { from, live, page };
  };
  /** One long-poll, ended by our own timer as "no changes" (not as an error). */
  const livePoll = async (from: Seq, asked: number): Promise<RawPage> => {
    const timer = new AbortController();
    const stop = setTimeout(() => timer.abort(), LIVE_TIMEOUT_MS);
    const signal = o.signal ? AbortSignal.any([o.signal, timer.signal]) : timer.signal;
    try {
      return await request(from, asked, true, signal);
    } catch (e) {
      if (timer.signal.aborted && !o.signal?.aborted) return { results: [], last_seq: from };
      throw e;
    } finally {
      clearTimeout(stop);
    }
  };
  const request = (from: Seq, asked: number, live: boolean, signal?: AbortSignal) =>
    client.request<RawPage>({
      path: '_changes',
      query: {
        since: from,
        include_docs: true,
        style: 'main_only',
        limit: asked,
        ...(live ? { feed: 'longpoll', heartbeat: HEARTBEAT_MS } : {}),
      },
      signal,
      idleTimeoutMs: live ? IDLE_LIMIT_MS : 60_000,
      maxBytes: MAX_PAGE_BYTES,
    });
  // How many changes to expect, for the progress bar: CouchDB says `pending` on each page; other
  // servers are estimated once from the database's update sequence (a number, or "N-…").
  if (o.progress) total = await estimate(client, since);
  let next = fetchPage(since, false);
  let waited = false;
  for (;;) {
    let page: Page;
    try {
      page = await next.page;
    } catch (e) {
      // Too large to read (many big documents, maybe not even ours): the same place again in
      // smaller pages, down to one document at a time. Only a single change too large fails.
      if (!(e instanceof AnswerTooLarge && limit > 1)) throw e;
      limit = Math.max(1, Math.floor(limit / 2));
      next = fetchPage(next.from, next.live);
      continue;
    }
    // Caught up: one long-poll when live (and not yet waited), else done.
    const following = page.full ? fetchPage(page.next, false) : o.live && !waited ? fetchPage(page.next, true) : null;
    following?.page.catch(() => {}); // Its error, if any, surfaces when it is awaited.
    if (following && !page.full) waited = true;
    if (page.rows > 0 || !sameSeq(page.next, since)) {
      const pageOut = emptyApplied();
      pageOut.rejected.push(...page.refused);
      await inTransaction(
        db,
        [...APPLY_STORES],
        'readwrite',
        async (tx) => {
          await applyIncoming(tx, page.incoming, now(), pageOut);
          await tx.objectStore('sync').put(page.next, CHECKPOINT);
        },
        RELAXED,
      );
      mergeApplied(out, pageOut);
      since = page.next;
      done += page.rows;
      if (page.pending !== null) total = done + page.pending;
      else if (total !== null && done > total) total = done;
      o.progress?.(done, total);
      if (pageOut.applied || pageOut.rejected.length) o.committed?.(pageOut);
    }
    if (!following) return done;
    next = following;
  }
}

/** A page of `_changes` may hold this many bytes; a larger one is asked for again in halves. */
export const MAX_PAGE_BYTES = MAX_ANSWER_BYTES;

/**
 * Checks a page asked for from `from` with `limit`: its envelope (a malformed one fails the pull
 * with the reason, retried later with backoff), then each row (a malformed one is refused and
 * reported, the others go on), each document against the model (see remote-doc.ts); others'
 * documents are dropped. Also where the next page starts, and that the feed advances.
 */
function checkPage(raw: RawPage, from: Seq, limit: number, now: string): Page {
  const envelope = v.safeParse(ChangesSchema, raw);
  if (!envelope.success) throw malformed(problemOf(envelope.issues));
  const { results, last_seq, pending } = envelope.output;
  // Never more than asked: rows past the limit are left for the next page, which starts after
  // the last row taken (a row's seq is a valid `since`, as CouchDB's replicator uses them).
  const taken = results.slice(0, limit);
  const incoming: Incoming[] = [];
  const refused: Page['refused'] = [];
  let lastRowSeq: Seq | null = null;
  for (const [i, item] of taken.entries()) {
    const row = v.safeParse(ChangeRowSchema, item);
    const where = `(change ${i + 1} of a page of the changes feed)`;
    if (!row.success) {
      refused.push({ docId: rowLabel(item, where), reason: `not a valid change: ${problemOf(row.issues)}.` });
      continue;
    }
    lastRowSeq = row.output.seq;
    if (row.output.doc && row.output.doc._id !== row.output.id) {
      refused.push({ docId: rowLabel(item, where), reason: "not a valid change: its document's _id is another id." });
      continue;
    }
    const doc = parseRow(row.output, now);
    if (doc) incoming.push(doc);
  }
  let next: Seq = last_seq;
  if (results.length > limit) {
    if (lastRowSeq === null) throw malformed(`${results.length} changes for a limit of ${limit}, none of them valid`);
    next = lastRowSeq;
  }
  const full = taken.length >= limit;
  // A full page says more follow at once; if the next one starts where this one did, the same
  // page would be fetched again without end.
  if (full && sameSeq(next, from)) {
    throw new CouchError(
      'protocol',
      `The server's changes feed does not advance (it stays at ${String(from).slice(0, 40)}).`,
    );
  }
  const count = typeof pending === 'number' && Number.isFinite(pending) && pending >= 0 ? pending : null;
  return { incoming, refused, rows: taken.length, full, next, pending: count };
}

/** One row's document (or deletion) checked; null when it is not ours to read. */
const parseRow = (row: ChangeRow, now: string): Incoming | null =>
  row.doc
    ? parseRemote(row.doc as RemoteDoc, now)
    : row.deleted
      ? parseRemote({ _id: row.id, _rev: row.changes?.[0]?.rev, _deleted: true }, now)
      : null;

const seqNumber = (seq: unknown) => (typeof seq === 'number' ? seq : Number.parseInt(String(seq), 10) || 0);

async function estimate(client: CouchClient, since: Seq): Promise<number | null> {
  try {
    const info = await client.request<{ update_seq?: unknown }>({ path: '' });
    return Math.max(0, seqNumber(info.update_seq) - seqNumber(since));
  } catch {
    return null; // Only the progress bar needed it; the pull itself will report a real problem.
  }
}
