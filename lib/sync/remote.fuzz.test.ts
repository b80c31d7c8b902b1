// Properties of what the sync engine takes from a server (lib/sync/remote-doc.ts, answers.ts,
// pull.ts): a mutated or made-up document is refused with a reason or accepted only as a valid
// model document; a mutated `_changes` page, through the whole engine (sync.now against a server
// faked at `fetch`), never crashes it: a broken page is a server error that changes nothing, a
// bad row is refused and counted and never applied, the good rows of the page are applied, and a
// following valid page still applies (sync is not wedged).
import fc from 'fast-check';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionDocSchema, RoleDocSchema, type Connection, type ConnectionRole } from '../model';
import { freshBackground, rec } from '../../tests/services';
import {
  checkProperty,
  fuzzRuns,
  fuzzStats,
  fuzzTimeout,
  hasLoneSurrogate,
  hostileJson,
  mutate,
  mutationArb,
  mutationsOf,
  objectOf,
  show,
  type Mutation,
} from '../../tests/fuzz';
import { ChangeRowSchema, ChangesSchema } from './answers';
import { canonicalJson } from './conflict';
import { readCheckpoint } from './pull';
import { connectionBody, MAX_CLOCK_AHEAD_MS, parseRemote, roleBody, type RemoteDoc } from './remote-doc';

const FILE = 'lib/sync/remote.fuzz.test.ts';
const SERVER = 'http://127.0.0.1:5999/';
const DB = 'team';
const NOW = '2026-01-01T00:00:00.000Z';
const PAST = '2025-12-31T00:00:00.000Z';
/** The receiving clock a day on: the replica's clock moves a second per reading. */
const DAY_ON = new Date(Date.parse(NOW) + 24 * 60 * 60 * 1000).toISOString();

const CONNECTION_IDS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
const ROLE_IDS = ['r0', 'r1', 'r2'];

/** A connection as another replica would have written it. */
const connectionDoc = (id: string, rev: string, over: object = {}) => ({
  _id: `connection:${id}`,
  _rev: rev,
  type: 'connection',
  schema: 1,
  from: rec('Alice', { entityType: 'contact' }),
  fromRoleId: null,
  to: rec('Contoso'),
  toRoleId: 'builtin-employer',
  description: `from the server (${id})`,
  owner: '',
  effectiveStart: '2025-01-01',
  effectiveEnd: null,
  status: 'active',
  createdAt: PAST,
  createdBy: 'x@example.com',
  updatedAt: PAST,
  updatedBy: 'x@example.com',
  ...over,
});
const roleDoc = (id: string, rev: string) => ({
  _id: `role:${id}`,
  _rev: rev,
  type: 'role',
  schema: 1,
  name: `Advisor ${id}`,
  category: 'Business',
  description: '',
  matchingRoleIds: [id],
  appliesTo: ['contact'],
  active: true,
  builtIn: false,
  createdAt: PAST,
  updatedAt: PAST,
});
const tombstoneDoc = (kind: 'connection' | 'role', id: string, rev: string) => ({
  _id: `${kind}:${id}`,
  _rev: rev,
  type: kind,
  schema: 1,
  deleted: true,
  updatedAt: PAST,
  updatedBy: 'x@example.com',
});

/** A valid document of any kind the server holds: ours (live or deleted) or not ours at all. */
const validDocArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...CONNECTION_IDS), fc.nat(99), fc.string({ maxLength: 20 }))
      .map(([id, r, d]) => connectionDoc(id, `${r + 1}-abc`, { description: d })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(...ROLE_IDS), fc.nat(99)).map(([id, r]) => roleDoc(id, `${r + 1}-abc`)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('connection' as const, 'role' as const), fc.nat(5), fc.nat(99))
      .map(([k, i, r]) => tombstoneDoc(k, (k === 'role' ? ROLE_IDS : CONNECTION_IDS)[i % 3]!, `${r + 1}-def`)),
  },
  { weight: 1, arbitrary: fc.nat(99).map((n) => ({ _id: `note:${n}`, _rev: '1-a', text: 'not ours' })) },
  { weight: 1, arbitrary: fc.constant({ _id: '_design/app', _rev: '1-a', views: {} }) },
);

// ---------------------------------------------------------------------------------------------

describe('remote documents fuzz: parseRemote', () => {
  const runs = fuzzRuns(5_000);
  /** Times a document may carry, given the receiving clock. */
  const limit = Date.parse(NOW) + MAX_CLOCK_AHEAD_MS;

  it(
    `refuses with a reason, ignores what is not ours, or accepts only valid documents (${runs} cases)`,
    async () => {
      const { tally, report } = fuzzStats();
      const docArb = fc.oneof(
        { weight: 1, arbitrary: validDocArb },
        // The engine hands parseRemote objects only (answers.ts checks rows' documents are).
        {
          weight: 6,
          arbitrary: validDocArb
            .chain((d) => mutationsOf(d))
            .map((d) => (typeof d === 'object' && d !== null && !Array.isArray(d) ? d : { _id: d })),
        },
        // Made up, with the fields the engine looks at first set to something plausible or not.
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              hostileJson,
              fc.oneof(fc.constantFrom('connection:c1', 'role:r1', 'connection:', 'role:a b'), hostileJson),
              fc.oneof(fc.constantFrom('1-a', '99-ff', '1-', 'x'), hostileJson),
              fc.oneof(fc.constantFrom('connection', 'role'), hostileJson),
            )
            .map(([body, _id, _rev, type]) =>
              typeof body === 'object' && body !== null && !Array.isArray(body)
                ? objectOf([...Object.entries(body), ['_id', _id], ['_rev', _rev], ['type', type], ['schema', 1]])
                : { _id, _rev, type, schema: 1, body },
            ),
        },
      );
      await checkProperty(
        fc.asyncProperty(docArb, async (doc) => {
          const input = structuredClone(doc);
          let got: ReturnType<typeof parseRemote>;
          try {
            got = parseRemote(doc as RemoteDoc, NOW);
          } catch (e) {
            throw new Error(`parseRemote threw ${String(e)}`);
          }
          expect(doc, 'parseRemote must not change its input').toEqual(input);
          if (got === null) {
            // Not ours: a design document, another prefix, no text id.
            const id = (doc as { _id?: unknown } | null)?._id;
            expect(typeof id !== 'string' || !/^(role|connection):./s.test(id), `ignored ${show(id)}`).toBe(true);
            tally('ignored');
            return;
          }
          expect(typeof got.docId).toBe('string');
          expect(got.docId.length).toBeLessThanOrEqual(300);
          if (!got.ok) {
            expect(got.reason.trim().length, 'a refusal has a reason').toBeGreaterThan(0);
            expect(got.reason.length).toBeLessThanOrEqual(300);
            tally('refused');
            return;
          }
          tally(got.value ? `accepted ${got.kind}` : 'accepted deletion');
          expect(got.rev).toMatch(/^\d{1,10}-[0-9a-f]{1,64}$/);
          expect(got.docId).toBe(`${got.kind}:${got.id}`);
          if (got.body) {
            expect(got.body.type).toBe(got.kind);
            expect(Date.parse(got.body.updatedAt)).toBeLessThanOrEqual(limit);
          }
          if (!got.value) return;
          // What is accepted is a model document: it passes the model's schema again, unchanged.
          const value = got.value as unknown as Record<string, unknown>;
          expect(hasLoneSurrogate(value), 'an accepted document holds a broken character').toBe(false);
          const { nameKey: _n, endpoints: _e, roleIds: _r, relKey: _k, ...fields } = value;
          const again = v.safeParse(got.kind === 'role' ? RoleDocSchema : ConnectionDocSchema, fields);
          expect(again.success, JSON.stringify(again.issues?.[0]?.message)).toBe(true);
          expect(canonicalJson(again.output)).toBe(canonicalJson(value));
          expect(value.id).toBe(got.id);
          expect(Date.parse(String(value.createdAt))).toBeLessThanOrEqual(limit);
          expect(Date.parse(String(value.updatedAt))).toBeLessThanOrEqual(limit);
        }),
        runs,
        FILE,
      );
      report('parseRemote');
    },
    fuzzTimeout(runs, 2),
  );

  // Found by the property above: parseRemote threw URIError ("URI malformed", from recordKey) on
  // a connection whose end had a lone surrogate in tenant/entityType/recordId (JSON carries it as
  // "\ud800"), and in a pull the whole page failed. Such a document is refused with a reason now.
  // Guarded here.
  it('refuses, never throws on, a record field holding a lone surrogate', async () => {
    await checkProperty(
      fc.asyncProperty(loneSurrogateDocArb, async (doc) => {
        let got: unknown;
        expect(() => (got = parseRemote(doc as RemoteDoc, NOW))).not.toThrow();
        expect(got).toMatchObject({ ok: false, docId: 'connection:c1', reason: expect.any(String) });
        expect((got as { reason: string }).reason).toMatch(/holds a broken character/);
      }),
      fuzzRuns(200),
      FILE,
    );
  });

  // Found by the property above: without the `s` flag, remote-doc.ts's ID_PATTERN took an id of
  // ours holding a line terminator after the prefix (`connection:c2\n`) for "not ours", so it was
  // silently ignored (neither applied nor counted in a pull) instead of refused with a reason, as
  // `connection:a b` is. Guarded here.
  it('refuses (does not ignore) an id of ours with a line break after the prefix', async () => {
    const ids = fc
      .tuple(
        fc.constantFrom('connection:', 'role:'),
        fc.string({ maxLength: 8 }),
        fc.constantFrom('\n', '\r', '\u2028', '\u2029'),
        fc.string({ maxLength: 8 }),
      )
      .map(([prefix, a, brk, b]) => `${prefix}${a}${brk}${b}`);
    await checkProperty(
      fc.asyncProperty(ids, fc.boolean(), async (id, deletion) => {
        const doc = deletion ? { _id: id, _rev: '1-a', _deleted: true } : { ...connectionDoc('x', '1-a'), _id: id };
        expect(parseRemote(doc as RemoteDoc, NOW)).toMatchObject({ ok: false, docId: id, reason: expect.any(String) });
      }),
      fuzzRuns(200),
      FILE,
    );
  });
});

/** A valid connection document but for a lone surrogate in one of its ends' key fields. */
const loneSurrogateDocArb = fc
  .tuple(
    fc.constantFrom('from', 'to'),
    fc.constantFrom('tenant', 'entityType', 'recordId'),
    fc.constantFrom('\ud800', '\udfff', '\udbff', '\udc00'),
    fc.boolean(),
  )
  .map(([end, field, lone, before]) => {
    const doc = connectionDoc('c1', '1-abc') as Record<string, unknown>;
    const e = { ...(doc[end] as Record<string, string>) };
    e[field] = before ? `${lone}${e[field]}` : `${e[field]}${lone}`;
    return { ...doc, [end]: e };
  });

// ---------------------------------------------------------------------------------------------

/** What the faked server answers to `_changes`: JSON, or a Response as it is. */
let changes: () => unknown = () => ({ results: [], last_seq: 0 });
const realFetch = globalThis.fetch;
beforeEach(() => {
  globalThis.fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === `/${DB}/_changes`) {
      const answer = changes();
      return answer instanceof Response ? answer : Response.json(answer);
    }
    if (url.pathname === `/${DB}/`) return Response.json({ update_seq: 0 });
    if (url.pathname === '/_session') return Response.json({ ok: true, userCtx: { name: 'alice', roles: ['_admin'] } });
    if (url.pathname === `/${DB}/_bulk_docs`) return Response.json([]);
    return Response.json({ error: 'not_found', reason: 'missing' }, { status: 404 });
  };
});
afterEach(() => {
  globalThis.fetch = realFetch;
  vi.restoreAllMocks();
});

type Replica = ReturnType<typeof freshBackground>;

async function replica(): Promise<Replica> {
  const bg = freshBackground({ start: NOW });
  changes = () => ({ results: [], last_seq: 0 });
  await bg.send('sync.configure', { enabled: true, url: SERVER, database: DB, username: 'alice', password: 'pw' });
  await bg.sync.settle();
  await bg.sync.settle();
  return bg;
}

const syncNow = async (bg: Replica) => {
  await bg.send('sync.now', {});
  await bg.sync.settle();
  await bg.sync.settle();
  return bg.send('sync.status', {});
};

/** The synced data: roles, connections, revisions, the outbox, and the checkpoint. */
async function syncedData(bg: Replica) {
  const db = await bg.db;
  const stores = ['roles', 'connections', 'revs', 'outbox'] as const;
  const tx = db.transaction([...stores, 'sync']);
  const out = await Promise.all(stores.map(async (n) => [n, await tx.objectStore(n).getAll()]));
  const checkpoint = await tx.objectStore('sync').get('checkpoint');
  return JSON.stringify([out, checkpoint ?? null]);
}

type Row = { id: string; seq: number; changes?: { rev: string }[]; doc?: unknown; deleted?: boolean };
const rowOf = (seq: number, doc: { _id: string; _rev: string }, asDeletion: boolean): Row =>
  asDeletion ? { id: doc._id, seq, deleted: true, changes: [{ rev: doc._rev }] } : { id: doc._id, seq, doc };

/** A valid page of 1–4 rows (a row may be a bare deletion, without its document). */
const pageArb = fc
  .array(fc.tuple(validDocArb, fc.boolean(), fc.nat(9)), { minLength: 1, maxLength: 4 })
  .map((rows) => ({
    results: rows.map(([doc, bare, n], i) => rowOf(i + 1, doc, bare && n < 2)),
    last_seq: rows.length,
  }));

/** A mutation of a page: mostly inside its rows (the page's key 0), sometimes of the envelope. */
const pageMutationArb = fc.oneof(
  { weight: 1, arbitrary: mutationArb },
  {
    weight: 5,
    arbitrary: mutationArb.map((m): Mutation => ({ ...m, path: [0, ...m.path] })),
  },
);

/** A value as it arrives from a server: JSON (NaN becomes null, undefined goes). */
const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x) ?? 'null');

/** What the server answers: a page (valid, mutated), junk rows added, or a broken answer. */
const answerArb = fc.oneof(
  { weight: 1, arbitrary: pageArb.map((page) => ({ json: page as unknown })) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(pageArb, fc.array(pageMutationArb, { minLength: 1, maxLength: 3 }))
      .map(([page, ms]) => ({ json: asJson(ms.reduce<unknown>((p, m) => mutate(p, m), page)) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pageArb, fc.array(hostileJson, { minLength: 1, maxLength: 3 }))
      .map(([page, junk]) => ({ json: { ...page, results: [...junk, ...page.results] } as unknown })),
  },
  { weight: 1, arbitrary: hostileJson.map((json) => ({ json })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(pageArb, fc.nat(10_000), fc.constantFrom(200, 500, 502), fc.constantFrom('', '<html>Bad gateway</html>'))
      .map(([page, at, status, junk]) => {
        const text = JSON.stringify(page);
        return { raw: { body: junk || text.slice(0, at % text.length), status } };
      }),
  },
);

/** The rows the engine must refuse and those it must apply, as answers.ts and remote-doc.ts define them. */
function expected(page: unknown, now: string) {
  const parse = (doc: RemoteDoc) => parseRemote(doc, now);
  const refused: string[] = [];
  const applied = new Map<string, Extract<ReturnType<typeof parseRemote>, { ok: true }>>();
  const results = (page as { results: unknown[] }).results;
  for (const item of results) {
    const row = v.safeParse(ChangeRowSchema, item);
    if (!row.success) {
      refused.push('(a malformed row)');
      continue;
    }
    const r = row.output;
    if (r.doc && r.doc._id !== r.id) {
      refused.push(r.id);
      continue;
    }
    const doc = r.doc
      ? parse(r.doc as RemoteDoc)
      : r.deleted
        ? parse({ _id: r.id, _rev: r.changes?.[0]?.rev, _deleted: true })
        : null;
    if (!doc) continue;
    if (doc.ok) applied.set(doc.docId, doc);
    else refused.push(doc.docId);
  }
  return { refused, applied };
}

/** The body this replica would send for its stored document `docId` (null: none, or deleted). */
async function storedBody(bg: Replica, docId: string) {
  const db = await bg.db;
  const [kind, id] = [docId.slice(0, docId.indexOf(':')), docId.slice(docId.indexOf(':') + 1)];
  if (kind === 'role') {
    const r = await db.get('roles', id);
    return r ? canonicalJson(roleBody(r as ConnectionRole)) : null;
  }
  const c = await db.get('connections', id);
  return c && !(c as Connection).deleted ? canonicalJson(connectionBody(c as Connection)) : null;
}

describe('remote documents fuzz: _changes pages through the sync engine', () => {
  const runs = fuzzRuns(1_000);
  it(
    `refuses and counts bad rows, applies good ones, reports broken pages, and is never wedged (${runs} cases)`,
    async () => {
      const crashed = vi.spyOn(console, 'error');
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { tally, report } = fuzzStats();
      let bg: Replica | null = null;
      let cases = 0;
      let seq = 1_000;
      await checkProperty(
        fc.asyncProperty(answerArb, async (answer) => {
          if (!bg || ++cases % 250 === 0) bg = await replica();
          const page = 'json' in answer ? answer.json : null;
          const valid = page !== null && v.safeParse(ChangesSchema, page).success;
          const before = await bg.send('sync.status', {});
          const data = await syncedData(bg);
          changes = () =>
            'raw' in answer ? new Response(answer.raw.body, { status: answer.raw.status }) : answer.json;
          const status = await syncNow(bg);
          expect(crashed, 'the engine crashed').not.toHaveBeenCalled();
          if (!valid) {
            // A broken answer: a server error with its reason, retried later; nothing changed.
            expect(status, JSON.stringify(page)?.slice(0, 200)).toMatchObject({ state: 'error', problem: 'server' });
            expect(status.reason?.trim()).toBeTruthy();
            expect(status.retryAt).not.toBeNull();
            expect(await syncedData(bg), status.reason!).toBe(data);
            tally(`broken answer: ${status.reason!.replace(/:.*/s, '').slice(0, 60)}`);
          } else {
            expect(status, status.reason ?? '').toMatchObject({ state: 'synced', problem: null });
            // The replica's clock moves on a second per reading: judged at the start and a day on,
            // a row whose verdict differs (a time right at the limit) is left out of the checks.
            const early = expected(page, NOW);
            const late = expected(page, DAY_ON);
            const { refused, applied } = early;
            const unsure = new Set(
              [...early.applied.keys(), ...late.applied.keys()].filter(
                (k) => early.applied.has(k) !== late.applied.has(k),
              ),
            );
            if (!unsure.size) {
              expect(status.rejected - before.rejected, 'rows refused and counted').toBe(refused.length);
            }
            // Good rows applied: the store holds what the server sent (or the deletion).
            for (const [docId, doc] of applied) {
              if (unsure.has(docId)) continue;
              const body = await storedBody(bg, docId);
              expect(body, `${docId} applied`).toBe(doc.value ? canonicalJson(doc.body) : null);
            }
            // Bad rows never applied: what this replica holds for them is what it held before.
            tally(
              `page: ${applied.size ? 'applied' : 'nothing applied'}, ${refused.length ? 'rows refused' : 'none refused'}`,
            );
            const checkpoint = await readCheckpoint(await bg.db);
            expect(String(checkpoint)).toBe(String((page as { last_seq: unknown }).last_seq));
          }
          // Bad rows (and broken pages) leave no trace in documents the page did not validly carry.
          const after = JSON.parse(await syncedData(bg)) as [[string, Record<string, unknown>[]][], unknown];
          const was = JSON.parse(data) as typeof after;
          const carried = valid
            ? new Set([...expected(page, NOW).applied.keys(), ...expected(page, DAY_ON).applied.keys()])
            : new Set<string>();
          for (const [i, [store, docs]] of after[0].entries()) {
            if (store !== 'roles' && store !== 'connections') continue;
            const kind = store === 'roles' ? 'role' : 'connection';
            const old = new Map(was[0][i]![1].map((d) => [String(d.id), JSON.stringify(d)]));
            for (const d of docs) {
              if (carried.has(`${kind}:${String(d.id)}`)) continue;
              expect(JSON.stringify(d), `${kind}:${String(d.id)} changed without a valid row`).toBe(
                old.get(String(d.id)),
              );
            }
          }

          // Not wedged: a following valid page applies.
          const id = CONNECTION_IDS[cases % CONNECTION_IDS.length]!;
          const next = ++seq;
          const doc = connectionDoc(id, `${next}-abc`, { description: `follow-up ${next}` });
          changes = () => ({ results: [rowOf(next, doc, false)], last_seq: next });
          const recovered = await syncNow(bg);
          expect(recovered, recovered.reason ?? '').toMatchObject({ state: 'synced', problem: null });
          expect((await bg.send('connections.get', { id })).description).toBe(`follow-up ${next}`);
          expect(await readCheckpoint(await bg.db)).toBe(next);
        }),
        runs,
        FILE,
      );
      report('_changes pages');
    },
    fuzzTimeout(runs, 40),
  );

  // Found by the property above: a row whose connection end had a lone surrogate in a key field
  // made the whole pull fail (parseRemote's URIError), the checkpoint never passed the row, and
  // sync was wedged: the valid rows of the page, and all that followed, never applied. Such a row
  // is refused and counted now, the rest of the page applied. Guarded here.
  it('refuses a row with a lone surrogate, applies the rest of the page, and is not wedged', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const crashed = vi.spyOn(console, 'error');
    const bg = await replica();
    let seq = 0;
    await checkProperty(
      fc.asyncProperty(loneSurrogateDocArb, async (bad) => {
        const feed = [
          { id: 'connection:c1', seq: ++seq, doc: bad },
          { id: 'connection:c2', seq: ++seq, doc: connectionDoc('c2', `${seq}-abc`, { description: `good ${seq}` }) },
        ];
        changes = () => ({ results: feed, last_seq: seq });
        const before = await bg.send('sync.status', {});
        const status = await syncNow(bg);
        expect(crashed, 'the engine crashed').not.toHaveBeenCalled();
        expect(status, status.reason ?? '').toMatchObject({ state: 'synced', problem: null });
        expect(status.rejected - before.rejected, 'the bad row refused and counted').toBe(1);
        expect(await (await bg.db).get('connections', 'c1'), 'the bad row applied').toBeUndefined();
        expect((await bg.send('connections.get', { id: 'c2' })).description).toBe(`good ${seq}`);
        expect(await readCheckpoint(await bg.db)).toBe(seq);
      }),
      fuzzRuns(100),
      FILE,
    );
  });
});
