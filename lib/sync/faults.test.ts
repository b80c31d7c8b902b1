// Fault injection in team sync, against the real test server (server/): the worker stopped in the
// middle of a pull page or a push batch, the disk full while a page or a batch is recorded, and a
// server (behind a fault-injecting proxy) answering 500, 409, truncated JSON, a cut connection or a
// slow trickle. Every time: nothing half-written (every object store compared), nothing lost or
// doubled (the server's revisions), the status names the problem, and sync resumes by itself; in
// the end the server and both replicas hold the same documents and revisions.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Connection, ConnectionRole } from '../model';
import { rec } from '../../tests/services';
import { ADMIN, testServer, type TestServer } from '../../tests/sync-server';
import { unhandledDuring, type FaultPlan, type TxInfo } from '../../tests/failing-store';
import { faultOn, faultProxy, type FaultProxy, type ProxiedRequest, type ProxyFault } from '../../tests/fault-proxy';
import { warpTimers } from '../../tests/time-warp';
import {
  browserState,
  dump,
  freshName,
  testClock,
  worker,
  type BrowserState,
  type Dump,
  type TestClock,
  type Worker,
} from '../../tests/worker';
import { APPLY_STORES } from './apply';
import { canonicalJson } from './conflict';
import { couchClient } from './couch';
import { IDLE_LIMIT_MS, LIVE_TIMEOUT_MS } from './pull';
import { connectionBody, roleBody } from './remote-doc';

/**
 * The replicas sign in as the server admin: roles are editable only by the team's role admins
 * (lib/sync/service.ts learnRolesAdmin), and these tests change roles.
 */
const USER = ADMIN;

/** What this file injected, for the report at the end. */
const count: Record<string, number> = {};
const counted = (what: string, n = 1) => void (count[what] = (count[what] ?? 0) + n);
afterAll(() => console.info('Faults injected (sync):', count));

/** The engine's idle and long-poll limits, run 100 times faster where a test warps time. */
const WARP = 100;
const ENGINE_LIMITS = [60_000, IDLE_LIMIT_MS, LIVE_TIMEOUT_MS];
let warped = false;

let server: TestServer;
let proxy: FaultProxy;
let errors: ReturnType<typeof vi.spyOn>;
beforeAll(async () => {
  server = await testServer();
  // Heartbeats asked for by the engine come 100 times as often while time is warped.
  proxy = await faultProxy(server.url, {
    rewrite: (url) => {
      const beat = Number(url.searchParams.get('heartbeat'));
      if (warped && beat) url.searchParams.set('heartbeat', String(beat / WARP));
    },
  });
  // The engine logs failures that are not the server's (the quota error): expected here.
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => proxy.plan(() => 'pass'));
afterAll(async () => {
  vi.restoreAllMocks();
  await proxy.close();
  await server.dispose();
});

// ---------------------------------------------------------------------------------------------
// Profiles: a database that outlives its workers, and the worker running on it now.

interface Profile {
  name: string;
  browser: BrowserState;
  clock: TestClock;
  w: Worker;
  prefix: string;
  gen: number;
}
let profiles = 0;

/** A profile syncing with `database` (through the proxy when `via` is it), synced once. */
async function profile(database: string, o: { via?: string; start?: string } = {}): Promise<Profile> {
  // Clocks start now: default roles are stamped with the real time when the database is created.
  const clock = testClock(o.start ?? new Date().toISOString());
  const p = { name: freshName('replica'), browser: browserState(), clock, gen: 0 } as Profile;
  p.prefix = `p${++profiles}`;
  p.w = worker(p.name, { browser: p.browser, clock: p.clock, idPrefix: `${p.prefix}g0-` });
  await p.w.send('sync.configure', {
    enabled: true,
    url: o.via ?? server.url,
    database,
    username: USER.name,
    password: USER.password,
  });
  await p.w.sync.settle();
  return p;
}

/**
 * Stops the profile's worker (if it still runs) and starts a new one over the same database, with
 * `plan`'s faults; as the browser does, the new worker wakes sync at once ('start'). Resolves once
 * the new worker is up, with the run its start began (that run does run: the backoff of an earlier
 * failure is over by then; it never ends if the plan stops the worker in it).
 */
async function startWorker(p: Profile, plan?: FaultPlan) {
  await p.w.stop();
  // Time passes while no worker runs.
  p.clock.advance(5 * 60_000);
  p.w = worker(p.name, { browser: p.browser, clock: p.clock, plan, idPrefix: `${p.prefix}g${++p.gen}-` });
  await p.w.db;
  return { run: p.w.sync.wake('start') };
}

/** As `startWorker`, and waits for the start's run to end. */
const restart = async (p: Profile, plan?: FaultPlan) => (await startWorker(p, plan)).run;

const until = async (done: () => boolean | Promise<boolean>, what: string, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/**
 * Restarts `p` with `plan` and waits until the plan has stopped the new worker: in the sync run
 * its start begins, or, given `work`, in that (started once the start run is over).
 */
async function stoppedAt(p: Profile, plan: FaultPlan, work?: (w: Worker) => Promise<unknown>) {
  const { run } = await startWorker(p, plan);
  const w = p.w;
  if (work) {
    await run;
    void work(w).catch(() => {});
  }
  await until(() => w.faults.stopped, 'the worker stopped');
  counted('worker stopped');
}

const syncNow = async (...ps: Profile[]) => {
  for (const p of ps) {
    await p.w.send('sync.now', {});
    await p.w.sync.settle();
  }
};

/**
 * What the engine's retry timer does when it fires: wake sync as 'retry', which keeps the backoff
 * (unlike "Sync now"). The time it waited has passed (the test clock is moved on).
 */
async function retryFires(p: Profile) {
  const s = await p.w.send('sync.status', {});
  expect(s.retryAt, 'a retry is scheduled').not.toBeNull();
  p.clock.advance(5 * 60_000);
  await p.w.sync.wake('retry');
  // The timer itself is still armed: cancel it, so that it does not run into the next step.
  await p.w.sync.settle();
}

/** One run now, as the backstop alarm starts it; its retry timer is left alone. */
const runOnce = (p: Profile) => p.w.sync.wake('alarm');

// ---------------------------------------------------------------------------------------------
// The server's documents, and convergence.

const adminAuth = { Authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}` };
type ServerDoc = { _id: string; _rev: string; _conflicts?: string[]; [k: string]: unknown };

async function serverDocs(database: string): Promise<ServerDoc[]> {
  const res = await fetch(`${server.url}${database}/_all_docs?include_docs=true&conflicts=true`, {
    headers: adminAuth,
  });
  const body = (await res.json()) as { rows: { id: string; doc: ServerDoc }[] };
  return body.rows.filter((r) => /^(role|connection):/.test(r.id)).map((r) => r.doc);
}
const revsOf = (docs: ServerDoc[]) => Object.fromEntries(docs.map((d) => [d._id, d._rev]));

/**
 * Both profiles synced twice more, then: no conflicting revisions on the server; each replica's
 * connections and (edited) roles are exactly the server's documents, with the server's revisions;
 * nothing queued, nothing refused, status synced.
 */
async function expectConverged(database: string, ...ps: Profile[]) {
  await syncNow(...ps, ...ps);
  const docs = await serverDocs(database);
  expect(docs.filter((d) => d._conflicts)).toEqual([]);
  const onServer = new Map<string, string>();
  for (const { _id, _rev: _r, _conflicts: _c, ...body } of docs) onServer.set(_id, canonicalJson(body));
  const tombstones = new Set(docs.filter((d) => d.deleted === true).map((d) => d._id));
  for (const p of ps) {
    expect(await p.w.send('sync.status', {})).toMatchObject({
      state: 'synced',
      pending: 0,
      problem: null,
      rejected: 0,
    });
    const d = await dump(p.name, { raw: true });
    expect(d.outbox).toEqual([]);
    const local = new Map<string, string>();
    for (const [, c] of d.connections)
      local.set(`connection:${(c as Connection).id}`, canonicalJson(connectionBody(c as Connection)));
    for (const [, value] of d.roles) {
      const r = value as ConnectionRole;
      // Default roles never edited are on every replica already: they are never pushed.
      if (!(r.builtIn && r.createdAt === r.updatedAt)) local.set(`role:${r.id}`, canonicalJson(roleBody(r)));
    }
    // A deletion leaves a tombstone on the server; a replica keeps none for a deleted role, nor
    // for a connection deleted before it ever had it. Everything else is here exactly as there.
    const expected = [...onServer].filter(([id]) => local.has(id) || !tombstones.has(id));
    expect(Object.fromEntries(local), p.name).toEqual(Object.fromEntries(expected));
    // The server's revision of every document (tombstones included, once seen), and no other.
    const revs = Object.fromEntries(d.revs) as Record<string, string>;
    for (const doc of docs) if (!tombstones.has(doc._id) || revs[doc._id]) expect(revs[doc._id]).toBe(doc._rev);
    expect(Object.keys(revs).filter((id) => !onServer.has(id))).toEqual([]);
  }
  return docs;
}

// ---------------------------------------------------------------------------------------------
// Plans.

const isPage = (t: TxInfo) => t.relaxed && t.mode === 'readwrite' && t.stores.join() === APPLY_STORES.join();
/** The transaction that applies the server's versions after a conflict (resolveConflicts). */
const isConflictApply = (t: TxInfo) => !t.relaxed && t.mode === 'readwrite' && t.stores.join() === APPLY_STORES.join();
const isSettle = (t: TxInfo) => t.relaxed && t.mode === 'readwrite' && t.stores.join() === 'outbox,revs';
const isRoleWrite = (t: TxInfo) => t.mode === 'readwrite' && t.stores.join() === 'roles,connections,outbox';
const stopAtOpen = (tx: (t: TxInfo) => boolean): FaultPlan => ({ transaction: (t) => (tx(t) ? 'stop' : 'pass') });
const stopAtWrite = (
  tx: (t: TxInfo) => boolean,
  at: number | ((store: string, key: unknown) => boolean),
): FaultPlan => ({
  write: (w) => (tx(w.tx) && (typeof at === 'number' ? w.inTx === at : at(w.store, w.key)) ? 'stop' : 'pass'),
});

/** Every store exactly as it is (tokens and times included). */
const exact = (name: string) => dump(name, { raw: true });
/** Everything but the sync memo (failures, retry time, last error), which a failure updates. */
const withoutMemo = (d: Dump) => ({ ...d, sync: d.sync.filter(([k]) => k !== 'memo') });
const checkpointOf = (d: Dump) => d.sync.find(([k]) => k === 'checkpoint')?.[1];

const alice = rec('Alice');
const contoso = rec('Contoso');

/** Some of every kind of change on `p`: created, edited, deleted connections; a new and a deleted role. */
async function changes(p: Profile, tag: string) {
  const { send } = p.w;
  const made = [];
  for (const n of [1, 2, 3]) made.push(await send('connections.create', { from: rec(`${tag} ${n}`), to: contoso }));
  await send('connections.update', { id: made[0]!.id, patch: { description: `${tag} edited` } });
  await send('connections.delete', { id: made[1]!.id });
  const role = await send('roles.create', { name: `${tag} role`, category: 'Business' });
  await send('connections.update', { id: made[2]!.id, patch: { toRoleId: role.id } });
  return { made, role };
}

// ---------------------------------------------------------------------------------------------

describe('the worker stopped in the middle of a pull', () => {
  it('between fetching a page and committing it, and at writes inside its transaction: before-state; the restarted worker resumes and converges', async () => {
    const database = await server.createDatabase(`pull-stop-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    const { made, role } = await changes(a, 'A');
    await a.w.send('roles.delete', { id: role.id, clearFromConnections: true });
    await syncNow(a);
    const before = await exact(b.name);
    const stops: [string, FaultPlan][] = [
      ['between fetching the page and committing it', stopAtOpen(isPage)],
      ['at the first write of the page', stopAtWrite(isPage, 1)],
      ['at the fourth write of the page', stopAtWrite(isPage, 4)],
      ['at the checkpoint, the page’s last write', stopAtWrite(isPage, (s, k) => s === 'sync' && k === 'checkpoint')],
    ];
    for (const [where, plan] of stops) {
      await stoppedAt(b, plan);
      expect(await exact(b.name), where).toEqual(before);
    }
    // Stopped after the page committed, before the memo said so: the after-state of the page.
    await stoppedAt(
      b,
      stopAtWrite(
        () => true,
        (s, k) => s === 'sync' && k === 'memo',
      ),
    );
    const mid = await exact(b.name);
    expect(checkpointOf(mid)).not.toEqual(checkpointOf(before));
    // (The connection deleted on A before B ever had it leaves nothing on B.)
    expect(mid.connections.map(([k]) => k)).toEqual([made[0]!.id, made[2]!.id]);
    // The restarted worker syncs by itself, from where the last one stopped.
    await restart(b);
    expect(await b.w.send('sync.status', {})).toMatchObject({ state: 'synced', problem: null });
    await expectConverged(database, a, b);
  });

  it('after one page of two committed: the restarted worker goes on from that page, not from the start', async () => {
    const database = await server.createDatabase(`pull-pages-${Date.now()}`);
    await server.seed(database, 1_100);
    const b = await profile(database, { via: proxy.url });
    // A new profile whose first sync (at configure) is stopped as its second page is committed.
    const name = freshName('two-pages');
    const clock = testClock(new Date().toISOString());
    const p: Profile = { name, browser: browserState(), clock, prefix: 'tp', gen: 0 } as Profile;
    let pages = 0;
    p.w = worker(name, {
      browser: p.browser,
      clock: p.clock,
      plan: { transaction: (t) => (isPage(t) && ++pages === 2 ? 'stop' : 'pass') },
    });
    await p.w.send('sync.configure', {
      enabled: true,
      url: proxy.url,
      database,
      username: USER.name,
      password: USER.password,
    });
    await until(() => p.w.faults.stopped, 'the worker stopped');
    counted('worker stopped');
    const mid = await exact(p.name);
    // The first page: 1,000 changes (the team's design document among them).
    expect(mid.connections.length).toBeGreaterThanOrEqual(999);
    expect(mid.connections.length).toBeLessThan(1_100);
    const checkpoint = checkpointOf(mid);
    expect(checkpoint).toBeTruthy();
    const from = proxy.log.length;
    await restart(p);
    const asked = proxy.log.slice(from).filter((r) => r.path === '_changes');
    expect(asked[0]?.query.since).toBe(String(checkpoint));
    expect((await exact(p.name)).connections).toHaveLength(1_100);
    await expectConverged(database, b, p);
  });
});

describe('the worker stopped in the middle of a push', () => {
  it('after the server accepted _bulk_docs, before the outbox and revisions were updated, and while settling what follows: nothing lost, nothing doubled', async () => {
    const database = await server.createDatabase(`push-stop-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    // Something already on the server, to edit and delete.
    const base = await a.w.send('connections.create', { from: alice, to: contoso, description: 'base' });
    const gone = await a.w.send('roles.create', { name: 'Gone role', category: 'Business' });
    await syncNow(a, b);
    await changes(a, 'A');
    await a.w.send('connections.update', { id: base.id, patch: { description: 'edited' } });
    await a.w.send('roles.delete', { id: gone.id });
    await a.w.sync.settle();
    const before = await exact(a.name);
    const serverBefore = revsOf(await serverDocs(database));

    // The server takes the batch; the worker stops as its answer is to be recorded.
    await stoppedAt(a, stopAtOpen(isSettle));
    expect(await exact(a.name)).toEqual(before);
    const accepted = revsOf(await serverDocs(database));
    expect(Object.keys(accepted).length).toBeGreaterThan(Object.keys(serverBefore).length);
    for (const id of Object.keys(serverBefore)) expect(accepted[id]).not.toBe(serverBefore[id]);
    // The restarted worker sends the same changes again, each a conflict with itself; settling
    // those is stopped too, at its first write and at its first outbox entry.
    await stoppedAt(a, stopAtWrite(isConflictApply, 1));
    expect(await exact(a.name)).toEqual(before);
    await stoppedAt(
      a,
      stopAtWrite(isConflictApply, (s) => s === 'outbox'),
    );
    expect(await exact(a.name)).toEqual(before);
    await restart(a);
    expect(await a.w.send('sync.status', {})).toMatchObject({ state: 'synced', pending: 0 });
    const docs = await expectConverged(database, a, b);
    // Nothing doubled: each change the server took once is still its only new revision.
    expect(revsOf(docs)).toEqual(accepted);

    // Stopped in the middle of recording an answer: its transaction aborts as a whole.
    await a.w.send('connections.update', { id: base.id, patch: { description: 'edited again' } });
    await a.w.send('connections.create', { from: rec('Late'), to: contoso });
    await a.w.sync.settle();
    const before2 = await exact(a.name);
    await stoppedAt(a, stopAtWrite(isSettle, 2));
    expect(await exact(a.name)).toEqual(before2);
    const accepted2 = revsOf(await serverDocs(database));
    await restart(a);
    expect(revsOf(await expectConverged(database, a, b))).toEqual(accepted2);
  });
});

describe('the worker stopped during "clear the role from its connections and delete it", sync on', () => {
  it('before-state at each stop; the retried delete syncs, and the other replica clears it too', async () => {
    const database = await server.createDatabase(`role-stop-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    const role = await a.w.send('roles.create', {
      name: 'Advisor',
      category: 'Business',
      matchingRoleIds: ['builtin-colleague'],
      matchesItself: true,
    });
    const used = [];
    for (const n of ['Ann', 'Ben', 'Cat']) {
      used.push(
        await a.w.send('connections.create', { from: rec(n), to: contoso, fromRoleId: role.id, toRoleId: role.id }),
      );
    }
    await syncNow(a, b);
    const before = await exact(a.name);
    const remove = (w: Worker) => w.send('roles.delete', { id: role.id, clearFromConnections: true });
    // Its 10 writes: 3 connections, the matching role, the deletion, each with its outbox entry.
    for (const at of [1, 4, 7, 9, 10]) {
      await stoppedAt(a, stopAtWrite(isRoleWrite, at), remove);
      // The start run of the worker (nothing to do) noted its time in the memo; nothing else changed.
      expect(withoutMemo(await exact(a.name)), `stopped at write ${at}`).toEqual(withoutMemo(before));
    }
    await restart(a);
    expect(await remove(a.w)).toEqual({ id: role.id, cleared: 3 });
    await syncNow(a, b);
    expect((await b.w.send('roles.list', {})).some((r) => r.id === role.id)).toBe(false);
    for (const c of used) {
      expect(await b.w.send('connections.get', { id: c.id })).toMatchObject({ fromRoleId: null, toRoleId: null });
    }
    await expectConverged(database, a, b);
  });
});

type Quota = 'quota' | 'quota-at-commit';
/** Write `at` of a transaction `tx` matches fails with the quota error (`mode`), once for this worker. */
const quotaOnce = (tx: (t: TxInfo) => boolean, at: number | 'checkpoint', mode: Quota = 'quota'): FaultPlan => {
  let left = 1;
  return {
    write: (w) => {
      const hit = tx(w.tx) && (at === 'checkpoint' ? w.store === 'sync' && w.key === 'checkpoint' : w.inTx === at);
      return hit && left-- > 0 ? mode : 'pass';
    },
  };
};
/** The disk full from write `at` of a transaction `tx` matches: every write after fails, until `free()`. */
const fullFromWrite = (tx: (t: TxInfo) => boolean, at: number) => {
  let full = false;
  let freed = false;
  const plan: FaultPlan = {
    write: (w) => {
      if (!freed && tx(w.tx) && w.inTx === at) full = true;
      return full ? 'quota' : 'pass';
    },
  };
  return { plan, free: () => void ((full = false), (freed = true)) };
};

describe('the disk full (QuotaExceededError) during sync', () => {
  it('one write of a pull page refused (on the request, or at commit): the status names the quota, nothing of the page kept; the retry converges', async () => {
    const database = await server.createDatabase(`pull-quota-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    await changes(a, 'A');
    await syncNow(a);
    const before = await exact(b.name);
    const cases: [number | 'checkpoint', Quota][] = [
      [1, 'quota'],
      [4, 'quota'],
      ['checkpoint', 'quota'],
      [1, 'quota-at-commit'],
    ];
    for (const [at, mode] of cases) {
      await restart(b, quotaOnce(isPage, at, mode));
      counted(`disk full (pull page, ${mode})`);
      const where = `${mode} at write ${at}`;
      const s = await b.w.send('sync.status', {});
      expect(s, where).toMatchObject({ state: 'error' });
      expect(s.reason, where).toMatch(/no room left/i);
      expect(s.retryAt, where).not.toBeNull();
      expect(withoutMemo(await exact(b.name)), where).toEqual(withoutMemo(before));
      expect(b.w.faults.injected.quota, where).toBe(1);
      expect(b.w.faults.committedAfterQuota).toBe(0);
    }
    await retryFires(b);
    expect(await b.w.send('sync.status', {})).toMatchObject({ state: 'synced', problem: null, retryAt: null });
    await expectConverged(database, a, b);
  });

  // While the disk stays full, even recording the failure fails: the retry is armed first, and
  // the status keeps the failure in memory (lib/sync/service.ts, failed()).
  it('the disk full from a pull page on: the status names the problem and a retry is scheduled', async () => {
    const database = await server.createDatabase(`pull-full-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    await changes(a, 'A');
    await syncNow(a);
    const disk = fullFromWrite(isPage, 1);
    await restart(b, disk.plan);
    counted('disk full (pull page, stays full)');
    const s = await b.w.send('sync.status', {});
    expect(s).toMatchObject({ state: 'error' });
    expect(s.reason).toMatch(/no room left/i);
    expect(s.retryAt).not.toBeNull();
  });

  it('the disk full from a pull page on: nothing half-written, and once space frees the backstop alarm brings sync back', async () => {
    const database = await server.createDatabase(`pull-full2-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    await changes(a, 'A');
    await syncNow(a);
    const before = await exact(b.name);
    const disk = fullFromWrite(isPage, 1);
    errors.mockClear();
    await restart(b, disk.plan);
    counted('disk full (pull page, stays full)');
    expect(await exact(b.name)).toEqual(before);
    // It stops cleanly: the failure is in the status, not a crash of the sync loop.
    expect(errors.mock.calls.map((c: unknown[]) => String(c[0]))).not.toContain('Sync stopped');
    disk.free();
    b.clock.advance(5 * 60_000);
    await b.w.sync.wake('alarm');
    await b.w.sync.settle();
    await expectConverged(database, a, b);
  });

  /** A profile with changes queued, and a worker whose record of the server's answer fails. */
  async function pushRefusedLocally(mode: Quota) {
    const database = await server.createDatabase(`push-quota-${Date.now()}`);
    const a = await profile(database);
    const b = await profile(database);
    await changes(a, 'A');
    await a.w.sync.settle();
    const before = await exact(a.name);
    const { unhandled } = await unhandledDuring(() => restart(a, quotaOnce(isSettle, 1, mode)));
    counted(`disk full (push settle, ${mode})`);
    return { database, a, b, before, unhandled, status: await a.w.send('sync.status', {}) };
  }

  it('the disk full while recording a push the server accepted (on the request, or at commit): nothing half-written; the retry settles it without doubling', async () => {
    for (const mode of ['quota', 'quota-at-commit'] as const) {
      const { database, a, b, before, status, unhandled } = await pushRefusedLocally(mode);
      expect(unhandled, mode).toEqual([]); // each failure is handled where it happens
      expect(status, mode).toMatchObject({ state: 'error', pending: before.outbox.length });
      expect(withoutMemo(await exact(a.name)), mode).toEqual(withoutMemo(before));
      const accepted = revsOf(await serverDocs(database));
      await retryFires(a);
      expect(revsOf(await expectConverged(database, a, b)), mode).toEqual(accepted);
    }
  });

  it('the disk full at commit while recording a push: the status names the quota', async () => {
    const { status, unhandled } = await pushRefusedLocally('quota-at-commit');
    expect(status.reason).toMatch(/no room left/i);
    expect(unhandled).toEqual([]);
  });

  // A write failing while a push is recorded fails the settle with its own error, handled
  // (lib/sync/push.ts, settle(): its writes are awaited before the outbox count).
  it('the disk full on a request while recording a push: the status names the quota, no unhandled rejection', async () => {
    const { status, unhandled } = await pushRefusedLocally('quota');
    expect(status.reason).toMatch(/no room left/i);
    expect(unhandled).toEqual([]);
  });
});

describe('the server misbehaves (a fault-injecting proxy in front of the real server)', () => {
  const match = (path: string) => (r: ProxiedRequest) => r.path === path && r.query.feed !== 'longpoll';
  const boom = { error: 'internal_server_error', reason: 'Injected failure' };
  const conflict = { error: 'conflict', reason: 'Document update conflict.' };
  const SERVER_500 = { state: 'error', problem: 'server', reason: /^The server answered 500: Injected failure\.$/ };
  const OFFLINE = { state: 'offline', problem: 'offline', reason: /^The server cannot be reached\.$/ };
  const notJson = (path: string) => ({
    state: 'error',
    problem: 'server',
    reason: new RegExp(`^The server's answer to ${path} was not JSON\\.$`),
  });
  type Expect = { state: string; problem: string; reason: RegExp };

  async function expectStatus(p: Profile, e: Expect, where: string) {
    const s = await p.w.send('sync.status', {});
    expect({ state: s.state, problem: s.problem }, where).toEqual({ state: e.state, problem: e.problem });
    expect(s.reason, where).toMatch(e.reason);
    expect(s.retryAt, where).not.toBeNull();
  }

  /** Arms `fault` for the first request to `path`, runs `p` once, and checks the status and the store. */
  async function failOnce(p: Profile, path: string, fault: ProxyFault, e: Expect, where: string) {
    await p.w.sync.settle();
    const before = await exact(p.name);
    const armed = faultOn(match(path), fault);
    proxy.plan(armed.plan);
    p.clock.advance(5 * 60_000); // past any backoff: the run does run
    await runOnce(p);
    proxy.plan(() => 'pass');
    expect(armed.injected, where).toBe(1);
    counted(`server fault: ${where}`);
    await expectStatus(p, e, where);
    expect(withoutMemo(await exact(p.name)), where).toEqual(withoutMemo(before));
  }

  it('on _bulk_docs (before and after the server took the batch) and on _all_docs: status shows it, nothing lost or doubled; sync resumes', async () => {
    const database = await server.createDatabase(`proxy-push-${Date.now()}`);
    const a = await profile(database, { via: proxy.url });
    const b = await profile(database, { via: proxy.url });
    const base = await a.w.send('connections.create', { from: alice, to: contoso, description: 'v1' });
    await syncNow(a);
    const cases: [string, ProxyFault, Expect][] = [
      ['_bulk_docs 500 before the server saw it', { status: 500, body: boom }, SERVER_500],
      ['_bulk_docs 500 after the server took it', { status: 500, body: boom, forward: true }, SERVER_500],
      [
        '_bulk_docs 409 before the server saw it',
        { status: 409, body: conflict },
        { state: 'error', problem: 'server', reason: /^The server answered 409: Document update conflict\.$/ },
      ],
      [
        '_bulk_docs 409 after the server took it',
        { status: 409, body: conflict, forward: true },
        { state: 'error', problem: 'server', reason: /^The server answered 409: Document update conflict\.$/ },
      ],
      ['_bulk_docs truncated JSON after the server took it', { truncate: 'short' }, notJson('_bulk_docs')],
      ['_bulk_docs connection cut mid-answer after the server took it', { truncate: 'cut' }, OFFLINE],
    ];
    let edits = 1;
    const created: string[] = [];
    for (const [i, [where, fault, e]] of cases.entries()) {
      await a.w.send('connections.update', { id: base.id, patch: { description: `v${++edits}` } });
      created.push((await a.w.send('connections.create', { from: rec(`Push ${i}`), to: contoso })).id);
      await failOnce(a, '_bulk_docs', fault, e, where);
      expect((await a.w.send('sync.status', {})).pending).toBe(2);
      if (i === 0) {
        // Left to itself: the engine's own retry timer sends them (backoff 0.75 s).
        await until(async () => (await a.w.send('sync.status', {})).pending === 0, 'the retry timer sent them');
        await a.w.sync.settle();
      } else await retryFires(a);
      expect(await a.w.send('sync.status', {})).toMatchObject({ state: 'synced', pending: 0, problem: null });
    }
    // A conflict to settle: the server takes a batch whose answer is lost, so the next push
    // conflicts; then the _all_docs that settles it fails.
    const allDocs: [string, ProxyFault, Expect][] = [
      ['_all_docs 500', { status: 500, body: boom }, SERVER_500],
      ['_all_docs truncated JSON', { truncate: 'short' }, notJson('_all_docs')],
      ['_all_docs connection cut mid-answer', { truncate: 'cut' }, OFFLINE],
    ];
    for (const [i, [where, fault, e]] of allDocs.entries()) {
      await a.w.send('connections.update', { id: base.id, patch: { description: `v${++edits}` } });
      created.push((await a.w.send('connections.create', { from: rec(`Conflict ${i}`), to: contoso })).id);
      await failOnce(a, '_bulk_docs', { status: 500, body: boom, forward: true }, SERVER_500, 'its _bulk_docs');
      await failOnce(a, '_all_docs', fault, e, where);
      await retryFires(a);
      expect(await a.w.send('sync.status', {})).toMatchObject({ state: 'synced', pending: 0, problem: null });
    }
    const docs = await expectConverged(database, a, b);
    // Nothing doubled: one revision per edit of the edited document, one for each created one.
    const rev = new Map(docs.map((d) => [d._id, d._rev]));
    expect(rev.get(`connection:${base.id}`)).toMatch(new RegExp(`^${edits}-`));
    for (const id of created) expect(rev.get(`connection:${id}`)).toMatch(/^1-/);
    expect((await b.w.send('connections.get', { id: base.id })).description).toBe(`v${edits}`);
  });

  // CouchDB's reasons end with a full stop of their own (lib/sync/couch.ts, httpError()).
  it('a 409 with CouchDB’s own reason reads as one sentence in the status', async () => {
    const client = couchClient(
      { url: 'http://127.0.0.1:5999/', database: 'team', username: '', password: '', auth: 'basic' },
      async () => Response.json(conflict, { status: 409 }),
    );
    counted('server fault: 409 (client alone)');
    await expect(client.request({ method: 'POST', path: '_bulk_docs', body: { docs: [] } })).rejects.toThrow(
      /^The server answered 409: Document update conflict\.$/,
    );
  });

  it('on _changes (500, truncated JSON, a cut connection): status shows it, the checkpoint stays; sync resumes', async () => {
    const database = await server.createDatabase(`proxy-pull-${Date.now()}`);
    const a = await profile(database, { via: proxy.url });
    const b = await profile(database, { via: proxy.url });
    const cases: [string, ProxyFault, Expect][] = [
      ['_changes 500', { status: 500, body: boom }, SERVER_500],
      ['_changes truncated JSON', { truncate: 'short' }, notJson('_changes')],
      ['_changes connection cut mid-answer', { truncate: 'cut' }, OFFLINE],
    ];
    for (const [i, [where, fault, e]] of cases.entries()) {
      const c = await a.w.send('connections.create', { from: rec(`Pull ${i}`), to: contoso });
      await syncNow(a);
      await failOnce(b, '_changes', fault, e, where);
      await expect(b.w.send('connections.get', { id: c.id })).rejects.toThrow(/does not exist/);
      await retryFires(b);
      expect((await b.w.send('connections.get', { id: c.id })).id).toBe(c.id);
    }
    await expectConverged(database, a, b);
  });

  describe('slow answers, with the engine’s 60 s / 30 s idle and 55 s long-poll limits run 100 times faster', () => {
    let undo: () => void;
    beforeAll(() => {
      undo = warpTimers(ENGINE_LIMITS, WARP);
      warped = true;
    });
    afterAll(() => {
      undo();
      warped = false;
    });
    const STOPPED = { state: 'offline', problem: 'offline', reason: /^The server stopped answering\.$/ };

    it('a _changes answer dribbled with pauses within the idle limit is read, though it takes longer than the limit', async () => {
      const database = await server.createDatabase(`trickle-in-${Date.now()}`);
      const a = await profile(database, { via: proxy.url });
      const b = await profile(database, { via: proxy.url });
      const c = await a.w.send('connections.create', { from: rec('Slow'), to: contoso });
      await syncNow(a);
      // 4 pieces, 250 ms apart: 25 s of engine time each, 100 s in all (the limit is 60 s).
      const armed = faultOn(match('_changes'), { trickle: { pieces: 4, pauseMs: 250 } });
      proxy.plan(armed.plan);
      const started = Date.now();
      await syncNow(b);
      expect(armed.injected).toBe(1);
      counted('server fault: _changes trickled within the idle limit');
      expect(Date.now() - started).toBeGreaterThan(60_000 / WARP);
      expect(await b.w.send('sync.status', {})).toMatchObject({ state: 'synced', problem: null });
      expect((await b.w.send('connections.get', { id: c.id })).id).toBe(c.id);
    });

    it('answers that pause beyond the idle limit (_changes; _bulk_docs after the server took it): offline, nothing lost or doubled; sync resumes', async () => {
      const database = await server.createDatabase(`trickle-out-${Date.now()}`);
      const a = await profile(database, { via: proxy.url });
      const b = await profile(database, { via: proxy.url });
      const slow: ProxyFault = { trickle: { pieces: 2, pauseMs: 900 } }; // 90 s of engine time
      const c = await a.w.send('connections.create', { from: rec('Slow push'), to: contoso });
      await failOnce(a, '_bulk_docs', slow, STOPPED, '_bulk_docs stalled beyond the idle limit');
      const accepted = revsOf(await serverDocs(database));
      expect(accepted[`connection:${c.id}`]).toMatch(/^1-/);
      await retryFires(a);
      await failOnce(b, '_changes', slow, STOPPED, '_changes stalled beyond the idle limit');
      await retryFires(b);
      expect((await b.w.send('connections.get', { id: c.id })).id).toBe(c.id);
      expect(revsOf(await expectConverged(database, a, b))).toEqual(accepted);
    });

    it('a live long-poll: kept open past the idle limit by heartbeats; one whose heartbeats stop is given up, and sync resumes by itself', async () => {
      const database = await server.createDatabase(`live-${Date.now()}`);
      const a = await profile(database, { via: proxy.url });
      const b = await profile(database, { via: proxy.url });
      const live = (r: ProxiedRequest) => r.path === '_changes' && r.query.feed === 'longpoll';
      const polls = () => proxy.log.filter((r) => r.path === '_changes' && r.query.feed === 'longpoll').length;
      // Heartbeats every 100 ms (10 s engine time) keep a poll open past the 300 ms (30 s) limit.
      const from = polls();
      b.browser.watched = true;
      void b.w.sync.wake('live');
      await until(() => polls() > from, 'the long-poll began');
      await new Promise((r) => setTimeout(r, (IDLE_LIMIT_MS / WARP) * 1.5));
      expect(await b.w.send('sync.status', {})).toMatchObject({ state: 'synced', problem: null });
      const c1 = await a.w.send('connections.create', { from: rec('Live 1'), to: contoso });
      await syncNow(a);
      await until(
        () =>
          b.w.send('connections.get', { id: c1.id }).then(
            () => true,
            () => false,
          ),
        'B got it live',
      );
      // Now a poll whose heartbeats the network swallows: given up after the idle limit.
      const armed = faultOn(live, { silence: true });
      proxy.plan(armed.plan);
      await until(() => armed.injected === 1, 'a silent poll');
      counted('server fault: long-poll heartbeats stopped');
      await until(async () => (await b.w.send('sync.status', {})).state === 'offline', 'B gave the poll up');
      await expectStatus(b, STOPPED, 'long-poll without heartbeats');
      // The engine's own retry timer (0.75 s) polls again; a change then arrives.
      const c2 = await a.w.send('connections.create', { from: rec('Live 2'), to: contoso });
      await syncNow(a);
      await until(
        () =>
          b.w.send('connections.get', { id: c2.id }).then(
            () => true,
            () => false,
          ),
        'B resumed',
      );
      b.browser.watched = false;
      await b.w.sync.settle();
      await expectConverged(database, a, b);
    });
  });
});
