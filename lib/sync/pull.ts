import { inTransaction, type Store } from '../store';
import { APPLY_STORES, RELAXED, applyIncoming, emptyApplied, mergeApplied, type Applied } from './apply';
import type { CouchClient } from './couch';
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

interface ChangesPage {
  results: { id: string; seq: unknown; deleted?: boolean; changes: { rev: string }[]; doc?: RemoteDoc }[];
  last_seq: string | number;
  pending?: number;
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

export const readCheckpoint = async (db: Store) =>
  ((await db.get('sync', CHECKPOINT)) as string | number | undefined) ?? 0;

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
  // Each page is validated as soon as it arrives, so that work overlaps the previous page's
  // transaction instead of waiting behind it.
  const fetchPage = (from: string | number, live: boolean) =>
    (live ? livePoll(from) : normalPage(from)).then((page) => ({ page, incoming: validate(page) }));
  const normalPage = (from: string | number) => request(from, false, o.signal);
  /** One long-poll, ended by our own timer as "no changes" (not as an error). */
  const livePoll = async (from: string | number): Promise<ChangesPage> => {
    const timer = new AbortController();
    const stop = setTimeout(() => timer.abort(), LIVE_TIMEOUT_MS);
    const signal = o.signal ? AbortSignal.any([o.signal, timer.signal]) : timer.signal;
    try {
      return await request(from, true, signal);
    } catch (e) {
      if (timer.signal.aborted && !o.signal?.aborted) return { results: [], last_seq: from };
      throw e;
    } finally {
      clearTimeout(stop);
    }
  };
  const request = (from: string | number, live: boolean, signal?: AbortSignal) =>
    client.request<ChangesPage>({
      path: '_changes',
      query: {
        since: from,
        include_docs: true,
        style: 'main_only',
        limit: PULL_PAGE,
        ...(live ? { feed: 'longpoll', heartbeat: HEARTBEAT_MS } : {}),
      },
      signal,
      idleTimeoutMs: live ? IDLE_LIMIT_MS : 60_000,
    });
  // How many changes to expect, for the progress bar: CouchDB says `pending` on each page; other
  // servers are estimated once from the database's update sequence (a number, or "N-…").
  if (o.progress) total = await estimate(client, since);
  let next = fetchPage(since, false);
  let waited = false;
  for (;;) {
    const { page, incoming } = await next;
    const full = page.results.length >= PULL_PAGE;
    // Caught up: one long-poll when live (and not yet waited), else done.
    const following = full
      ? fetchPage(page.last_seq, false)
      : o.live && !waited
        ? fetchPage(page.last_seq, true)
        : null;
    following?.catch(() => {}); // Its error, if any, surfaces when it is awaited.
    if (following && !full) waited = true;
    if (page.results.length > 0 || page.last_seq !== since) {
      const pageOut = emptyApplied();
      await inTransaction(
        db,
        [...APPLY_STORES],
        'readwrite',
        async (tx) => {
          await applyIncoming(tx, incoming, now(), pageOut);
          await tx.objectStore('sync').put(page.last_seq, CHECKPOINT);
        },
        RELAXED,
      );
      mergeApplied(out, pageOut);
      since = page.last_seq;
      done += page.results.length;
      if (typeof page.pending === 'number') total = done + page.pending;
      else if (total !== null && done > total) total = done;
      o.progress?.(done, total);
      if (pageOut.applied || pageOut.rejected.length) o.committed?.(pageOut);
    }
    if (!following) return done;
    next = following;
  }
}

/** The page's documents checked against the model (see remote-doc.ts); others' documents dropped. */
const validate = (page: ChangesPage): Incoming[] =>
  page.results
    .map((r) =>
      r.doc
        ? parseRemote(r.doc)
        : r.deleted
          ? parseRemote({ _id: r.id, _rev: r.changes?.[0]?.rev, _deleted: true })
          : null,
    )
    .filter((d): d is Incoming => d !== null);

const seqNumber = (seq: unknown) => (typeof seq === 'number' ? seq : Number.parseInt(String(seq), 10) || 0);

async function estimate(client: CouchClient, since: string | number): Promise<number | null> {
  try {
    const info = await client.request<{ update_seq?: unknown }>({ path: '' });
    return Math.max(0, seqNumber(info.update_seq) - seqNumber(since));
  } catch {
    return null; // Only the progress bar needed it; the pull itself will report a real problem.
  }
}
