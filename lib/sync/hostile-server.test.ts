// The sync engine against a server that answers wrongly: broken, buggy or hostile. Each answer
// here is one a review made the engine choke on; the engine must end with a clear status (or a
// refused document), never a crash, a poisoned checkpoint or a loop.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordKey } from '../model';
import { freshBackground, rec } from '../../tests/services';
import { emptyApplied } from './apply';
import { AnswerTooLarge, CouchError, couchClient, type CouchClient, type RequestOptions } from './couch';
import { MAX_PAGE_BYTES, PULL_PAGE, pull, readCheckpoint } from './pull';
import { push } from './push';
import { parseRemote } from './remote-doc';

const SERVER = 'http://127.0.0.1:5999/';
const DB = 'team';

/** A connection as another replica would have written it, dated before the test clocks. */
const connectionDoc = (id: string, over: object = {}) => ({
  _id: `connection:${id}`,
  _rev: '1-abc',
  type: 'connection' as const,
  schema: 1,
  from: rec('Alice'),
  fromRoleId: null,
  to: rec('Contoso'),
  toRoleId: null,
  description: 'from the server',
  owner: '',
  effectiveStart: null,
  effectiveEnd: null,
  status: 'active',
  createdAt: '2025-12-31T00:00:00.000Z',
  createdBy: 'x@example.com',
  updatedAt: '2025-12-31T00:00:00.000Z',
  updatedBy: 'x@example.com',
  ...over,
});
const row = (seq: number, doc: { _id: string; _rev: string }) => ({
  id: doc._id,
  seq,
  changes: [{ rev: doc._rev }],
  doc,
});
/** Changes of documents that are not ours (ignored by the engine): filler for full pages. */
const foreignRows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => row(from + i, { _id: `note:${from + i}`, _rev: '1-a' }));

/**
 * The server, faked at `fetch`: `_changes` answers what `changes` says (JSON, or a Response as
 * is), the database's info an update sequence, anything else 404.
 */
let changes: (q: URLSearchParams) => unknown = () => ({ results: [], last_seq: 0 });
let asked: URLSearchParams[] = [];
const realFetch = globalThis.fetch;
beforeEach(() => {
  asked = [];
  changes = () => ({ results: [], last_seq: 0 });
  globalThis.fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === `/${DB}/_changes`) {
      asked.push(url.searchParams);
      const answer = changes(url.searchParams);
      return answer instanceof Response ? answer : Response.json(answer);
    }
    if (url.pathname === `/${DB}/`) return Response.json({ update_seq: 0 });
    return Response.json({ error: 'not_found', reason: 'missing' }, { status: 404 });
  };
});
afterEach(() => {
  globalThis.fetch = realFetch;
  vi.restoreAllMocks();
});

const sinces = () => asked.map((q) => q.get('since'));

/** A replica syncing with the fake server. */
async function replica() {
  const bg = freshBackground();
  await bg.send('sync.configure', { enabled: true, url: SERVER, database: DB, username: 'alice', password: 'pw' });
  await settled(bg);
  return bg;
}
type Replica = Awaited<ReturnType<typeof replica>>;

/** The run ends; so does the retry it armed after an error (the test starts the next run itself). */
const settled = async (bg: Replica | ReturnType<typeof freshBackground>) => {
  await bg.sync.settle();
  await bg.sync.settle();
};
const syncNow = async (bg: Replica) => {
  await bg.send('sync.now', {});
  await settled(bg);
};
const exists = (bg: Replica | ReturnType<typeof freshBackground>, id: string) =>
  bg.send('connections.get', { id }).then(
    () => true,
    () => false,
  );

/** A client whose every request is answered by `answer` (no network at all). */
const fakeClient = (answer: (o: RequestOptions) => unknown): CouchClient => ({
  label: 'fake',
  request: async <T>(o: RequestOptions) => answer(o) as T,
});
const clock = () => new Date().toISOString();

describe('a malformed _changes answer', () => {
  it('is a server error naming what is wrong, retried with backoff, never a crash; fixed, sync resumes', async () => {
    const crashed = vi.spyOn(console, 'error');
    const a = await replica();
    const cases: [unknown, RegExp][] = [
      [{ results: [null] }, /last_seq is missing/],
      [{ results: 'all of them', last_seq: 1 }, /results must be a list, not "all of them"/],
      [{ results: { 0: {} }, last_seq: 1 }, /results must be a list/],
      [null, /it must be an object, not null/],
      [[], /results is missing/],
      [{ results: [], last_seq: { evil: 1 } }, /last_seq must be text .*or a finite number, not \{"evil":1\}/],
      [{ results: [], last_seq: 'x'.repeat(20_000) }, /last_seq must be text/],
    ];
    for (const [answer, reason] of cases) {
      changes = () => answer;
      await syncNow(a);
      const s = await a.send('sync.status', {});
      expect(s, JSON.stringify(answer)).toMatchObject({ state: 'error', problem: 'server' });
      expect(s.reason).toMatch(/^The server's changes feed sent a malformed answer: /);
      expect(s.reason).toMatch(reason);
      expect(s.retryAt).not.toBeNull();
      // Nothing of it became the checkpoint.
      expect(await readCheckpoint(await a.db)).toBe(0);
    }
    expect(crashed).not.toHaveBeenCalled();
    expect(sinces().every((s) => s === '0')).toBe(true);
    changes = () => ({ results: [row(1, connectionDoc('after-fix'))], last_seq: 1 });
    await syncNow(a);
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'synced', problem: null, retryAt: null });
    expect(await exists(a, 'after-fix')).toBe(true);
    expect(await readCheckpoint(await a.db)).toBe(1);
  });

  it('refuses and counts the bad rows, never applies them, and applies the rest of the page', async () => {
    const a = await replica();
    changes = () => ({
      results: [
        null,
        7,
        { id: 5, seq: 1 },
        { id: 'connection:bad-seq', seq: { evil: 1 } },
        { id: 'connection:array-doc', seq: 2, doc: [1] },
        { id: 'connection:other-id', seq: 3, doc: connectionDoc('smuggled') },
        { id: 'connection:bad-changes', seq: 4, deleted: true, changes: 'x' },
        row(5, connectionDoc('good')),
      ],
      last_seq: 5,
    });
    await syncNow(a);
    const s = await a.send('sync.status', {});
    expect(s).toMatchObject({ state: 'synced', problem: null, rejected: 7 });
    expect(s.lastRejected).toEqual({
      docId: 'connection:bad-changes',
      reason: 'not a valid change: changes must be a list, not "x".',
    });
    expect(await exists(a, 'good')).toBe(true);
    expect(await exists(a, 'smuggled')).toBe(false);
    expect(await readCheckpoint(await a.db)).toBe(5);
  });

  it('drops a stored checkpoint that is not a sequence and starts over from 0', async () => {
    const a = await replica();
    const db = await a.db;
    for (const bad of [{ evil: 1 }, '', 'x'.repeat(20_000), null, [1], true]) {
      await db.put('sync', bad, 'checkpoint');
      expect(await readCheckpoint(db), JSON.stringify(bad)).toBe(0);
    }
    await db.put('sync', { evil: 1 }, 'checkpoint');
    asked = [];
    await syncNow(a);
    expect(sinces()).toEqual(['0']);
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'synced' });
    for (const good of ['12-g1AAAA', 12]) {
      await db.put('sync', good, 'checkpoint');
      expect(await readCheckpoint(db)).toBe(good);
    }
  });

  it('a full page whose last_seq does not move is an error, with backoff, not a loop', async () => {
    const a = await replica();
    asked = [];
    // Stops answering after a while, so that an engine that loops ends the test rather than hangs.
    changes = (q) =>
      asked.length > 20
        ? new Response('{"error":"enough"}', { status: 500 })
        : { results: foreignRows(1, PULL_PAGE), last_seq: q.get('since') === '0' ? 0 : q.get('since') };
    await syncNow(a);
    expect(asked).toHaveLength(1);
    const s = await a.send('sync.status', {});
    expect(s).toMatchObject({ state: 'error', problem: 'server' });
    expect(s.reason).toMatch(/the server's changes feed does not advance/i);
    expect(s.retryAt).not.toBeNull();
  });

  it('never takes more rows than asked: those past the limit wait for the next page', async () => {
    const db = await freshBackground().db;
    const requests: { since: unknown; limit: unknown }[] = [];
    const client = fakeClient((o) => {
      const { since, limit } = o.query!;
      requests.push({ since, limit });
      if (since === 0)
        return { results: [...foreignRows(1, PULL_PAGE), row(1001, connectionDoc('late'))], last_seq: 1001 };
      if (since === 1000)
        return { results: [row(1001, connectionDoc('late', { description: 'second page' }))], last_seq: 1001 };
      return { results: [], last_seq: since };
    });
    const applied: number[] = [];
    await pull(db, client, clock, emptyApplied(), { committed: (page) => void applied.push(page.applied) });
    expect(requests).toEqual([
      { since: 0, limit: PULL_PAGE },
      { since: 1000, limit: PULL_PAGE },
    ]);
    // The first page applied nothing (its extra row was left), the second the connection.
    expect(applied).toEqual([1]);
    expect((await db.get('connections', 'late'))?.description).toBe('second page');
    expect(await readCheckpoint(db)).toBe(1001);
  });
});

describe('a _changes answer too large to read', () => {
  const CHUNK = 2 ** 20;
  const client = (doFetch: typeof fetch) =>
    couchClient({ url: SERVER, database: DB, username: '', password: '', auth: 'basic' }, doFetch);

  it('is cut off at 32 MiB before it is parsed, and the same place is asked for in smaller pages', async () => {
    const db = await freshBackground().db;
    const limits: number[] = [];
    let streamed = 0;
    const doFetch = async (input: RequestInfo | URL) => {
      const limit = Number(new URL(String(input)).searchParams.get('limit'));
      limits.push(limit);
      // Says it is 100 MiB: refused without reading.
      if (limit === PULL_PAGE) return new Response('{}', { headers: { 'content-length': String(100 * CHUNK) } });
      // Says nothing and never ends (whitespace is valid JSON, so only a byte limit stops it).
      if (limit === PULL_PAGE / 2) {
        return new Response(
          new ReadableStream({
            pull(c) {
              streamed += CHUNK;
              c.enqueue(new Uint8Array(CHUNK).fill(0x20));
            },
          }),
        );
      }
      return Response.json({ results: [row(1, connectionDoc('small'))], last_seq: 1 });
    };
    await pull(db, client(doFetch), clock, emptyApplied());
    expect(limits).toEqual([1000, 500, 250]);
    expect(streamed).toBeGreaterThan(MAX_PAGE_BYTES);
    expect(streamed).toBeLessThanOrEqual(MAX_PAGE_BYTES + 2 * CHUNK);
    expect((await db.get('connections', 'small'))?.description).toBe('from the server');
  });

  it('fails the pull with a clear reason when even a single change is too large', async () => {
    const db = await freshBackground().db;
    const limits: number[] = [];
    const doFetch = async (input: RequestInfo | URL) => {
      limits.push(Number(new URL(String(input)).searchParams.get('limit')));
      return new Response('{}', { headers: { 'content-length': String(64 * CHUNK) } });
    };
    const failed = pull(db, client(doFetch), clock, emptyApplied());
    await expect(failed).rejects.toThrow(AnswerTooLarge);
    await expect(failed).rejects.toThrow(/answer to _changes is larger than 32 MiB/);
    expect(limits).toEqual([1000, 500, 250, 125, 62, 31, 15, 7, 3, 1]);
    expect(await readCheckpoint(db)).toBe(0);
  });
});

describe('documents dated in the future', () => {
  const NOW = '2026-01-01T00:00:00.000Z';

  it('refuses any time more than a day ahead of the receiving clock, accepts a clock a little behind', () => {
    const refused = (doc: Parameters<typeof parseRemote>[0]) => parseRemote(doc, NOW);
    expect(refused(connectionDoc('f', { updatedAt: '9999-12-31T00:00:00Z' }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^updatedAt: timestamp 9999-12-31T00:00:00\.000Z is more than a day in the future/),
    });
    expect(refused(connectionDoc('f', { createdAt: '2026-01-02T00:00:01Z' }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^createdAt: timestamp 2026-01-02T00:00:01\.000Z is more than a day in the future/),
    });
    const tombstone = {
      _id: 'connection:f',
      _rev: '2-b',
      type: 'connection' as const,
      schema: 1,
      deleted: true as const,
    };
    expect(refused({ ...tombstone, updatedAt: '9999-12-31T00:00:00Z' })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/more than a day in the future/),
    });
    const role = {
      _id: 'role:r',
      _rev: '1-a',
      type: 'role' as const,
      schema: 1,
      name: 'Advisor',
      category: 'Business',
      matchingRoleIds: [],
      appliesTo: [],
      active: true,
      createdAt: NOW,
      updatedAt: '2030-01-01T00:00:00Z',
    };
    expect(refused(role)).toMatchObject({ ok: false, reason: expect.stringMatching(/more than a day in the future/) });
    // A sender's clock a few hours ahead is ordinary drift (or a zone set wrong): accepted.
    expect(refused(connectionDoc('f', { updatedAt: '2026-01-01T23:00:00Z' }))).toMatchObject({ ok: true });
    expect(refused({ ...role, updatedAt: '2026-01-01T23:59:59+00:00' })).toMatchObject({ ok: true });
  });

  it('a pulled far-future document is refused, counted and reported, never applied', async () => {
    const a = await replica();
    changes = () => ({
      results: [
        row(1, connectionDoc('future', { updatedAt: '9999-12-31T00:00:00Z' })),
        row(2, connectionDoc('present')),
      ],
      last_seq: 2,
    });
    await syncNow(a);
    const s = await a.send('sync.status', {});
    expect(s).toMatchObject({ state: 'synced', rejected: 1 });
    expect(s.lastRejected?.docId).toBe('connection:future');
    expect(s.lastRejected?.reason).toMatch(/timestamp 9999-12-31T00:00:00\.000Z is more than a day in the future/);
    expect(await exists(a, 'future')).toBe(false);
    expect(await exists(a, 'present')).toBe(true);
    const listed = await a.send('connections.listForRecord', { key: recordKey(rec('Contoso')), status: 'all' });
    expect(listed.map((c) => c.id)).toEqual(['present']);
  });
});

describe('a malformed _bulk_docs or _all_docs answer', () => {
  /** A store with three connections queued, and what the push reported. */
  async function queued() {
    const a = freshBackground();
    for (const name of ['P1', 'P2', 'P3']) await a.send('connections.create', { from: rec(name), to: rec('Contoso') });
    const db = await a.db;
    const ids = (await db.getAllKeys('outbox')).map(String);
    expect(ids).toHaveLength(3);
    return { db, ids };
  }
  const bulk = (answer: unknown, allDocs?: unknown) =>
    fakeClient((o) => (o.path === '_bulk_docs' ? answer : o.path === '_all_docs' ? allDocs : null));

  it('an answer that is not a list fails the push with the reason; every change stays queued', async () => {
    const { db } = await queued();
    const failed = push(db, bulk({ ok: true }), clock, emptyApplied());
    await expect(failed).rejects.toThrow(CouchError);
    await expect(failed).rejects.toThrow(
      `The server's answer to _bulk_docs is malformed: it must be a list, not {"ok":true}.`,
    );
    expect(await db.count('outbox')).toBe(3);
  });

  it('more answers than documents sent fails the push', async () => {
    const { db, ids } = await queued();
    const answer = [...ids, 'connection:extra'].map((id) => ({ id, ok: true, rev: '1-a' }));
    await expect(push(db, bulk(answer), clock, emptyApplied())).rejects.toThrow(/4 answers for 3 documents/);
    expect(await db.count('revs')).toBe(0);
  });

  it('rows that are not answers are refused and reported; their changes stay queued to go again', async () => {
    const { db, ids } = await queued();
    const out = emptyApplied();
    const answer = [null, 'ok', { id: ids[2], ok: true, rev: 'not a revision' }];
    expect(await push(db, bulk(answer), clock, out)).toBe(0);
    expect(out.rejected.map((r) => r.docId)).toEqual([
      '(answer 1 from _bulk_docs)',
      '(answer 2 from _bulk_docs)',
      ids[2],
    ]);
    expect(out.rejected[0]!.reason).toBe("the server's answer for it is malformed: it must be an object, not null.");
    expect(out.rejected[2]!.reason).toMatch(/rev must be a CouchDB revision/);
    expect(await db.count('revs')).toBe(0);
    // Not marked as refused by the server: the next push sends them again.
    expect((await db.getAll('outbox')).map((e) => e.refused)).toEqual([undefined, undefined, undefined]);
  });

  it('a malformed _all_docs answer while settling a conflict fails the push with the reason', async () => {
    const { db, ids } = await queued();
    const conflicts = ids.map((id) => ({ id, error: 'conflict', reason: 'Document update conflict.' }));
    await expect(push(db, bulk(conflicts, { rows: 'none' }), clock, emptyApplied())).rejects.toThrow(
      `The server's answer to _all_docs is malformed: rows must be a list, not "none".`,
    );
    const out = emptyApplied();
    await push(db, bulk(conflicts, { rows: [null, { key: 'connection:not-asked', error: 'not_found' }] }), clock, out);
    expect(out.rejected.slice(0, 2)).toEqual([
      {
        docId: '(row 1 from _all_docs)',
        reason: "the server's answer for it is malformed: it must be an object, not null.",
      },
      { docId: 'connection:not-asked', reason: "the server's answer for it is malformed: it was not asked for." },
    ]);
    expect(await db.count('outbox')).toBe(3);
  });
});
