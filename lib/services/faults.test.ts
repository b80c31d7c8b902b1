// Fault injection in the background services: the worker stopped, or the disk full, in the middle
// of a backup import and of "clear the role from its connections and delete it". The database is
// checked store by store: before-state or after-state, never between; the retried operation
// completes. Workers are stopped by aborting their open transactions and freezing everything
// they were doing (tests/failing-store.ts); the restarted worker is a new background over the same
// database name (tests/worker.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBackup, parseBackupText, stageBackup } from '../messaging/backup-client';
import type { RequestOf } from '../messaging/protocol';
import { BACKUP_CHUNK, BACKUP_KINDS, type Backup } from '../model';
import { ATTACHED_KEY } from '../sync/attach';
import { rec } from '../../tests/services';
import type { FaultPlan, TxInfo, WriteInfo } from '../../tests/failing-store';
import { dump, freshName, restore, testClock, worker, type Dump, type Worker } from '../../tests/worker';

/** What this file injected, for the report at the end. */
const count: Record<string, number> = {};
const counted = (what: string, n = 1) => void (count[what] = (count[what] ?? 0) + n);
afterAll(() => console.info('Faults injected (services):', count));

let errors: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  // The router logs what is not an AppError (the quota error is one): expected here.
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => errors.mockClear());
afterAll(() => errors.mockRestore());

const until = async (done: () => boolean, what: string) => {
  const deadline = Date.now() + 5_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
};

/** Starts `work` on worker `w` (planned to stop) and waits until the worker has stopped. */
async function stoppedDuring(w: Worker, work: () => Promise<unknown>) {
  let finished = false;
  void work().then(
    () => (finished = true),
    () => (finished = true),
  );
  await w.db;
  await until(() => w.faults.stopped || finished, 'the worker stopped');
  expect(finished, 'the operation finished instead of being stopped').toBe(false);
  counted('worker stopped');
}

const isApply = (t: TxInfo) => t.mode === 'readwrite' && t.stores.length === 7 && t.stores.includes('imports');
const isRoleWrite = (t: TxInfo) => t.mode === 'readwrite' && t.stores.join() === 'roles,connections,outbox';
const stopAtWrite = (tx: (t: TxInfo) => boolean, at: number): FaultPlan => ({
  write: (w) => (tx(w.tx) && w.inTx === at ? 'stop' : 'pass'),
});
type Quota = 'quota' | 'quota-at-commit';
/**
 * The disk fills at write `at` of a transaction `tx` matches, and stays full for this worker:
 * that write and every one after fail with the quota error, on the request (`quota`) or when the
 * transaction commits (`quota-at-commit`).
 */
const fullAtWrite = (tx: (t: TxInfo) => boolean, at: number, mode: Quota = 'quota'): FaultPlan => {
  let full = false;
  return {
    write: (w) => {
      if (tx(w.tx) && w.inTx === at) full = true;
      return full ? mode : 'pass';
    },
  };
};

/** Every store as it is, exactly (tokens and times included). */
const exact = (name: string) => dump(name, { raw: true });
/** Every store, outbox tokens masked: for comparing with a reference run's result. */
const masked = (name: string) => dump(name);
const withoutImports = (d: Dump) => ({ ...d, imports: [] });

/** The profile the file is imported into: its own data, and attached to a sync server. */
async function targetProfile(): Promise<Dump> {
  const w = worker(freshName('target'), { idPrefix: 'local' });
  await w.send('settings.setIdentity', { name: 'Erin', email: 'erin@example.com' });
  await w.send('records.seen', rec('Fabrikam'));
  await w.send('roles.create', { id: 'local-role', name: 'Local role', category: 'Business' });
  await w.send('connections.create', { from: rec('Fabrikam'), to: rec('Northwind'), toRoleId: 'local-role' });
  const db = await w.db;
  // As attach() leaves it: what the import changes is queued for the server.
  await db.put('sync', 'https://couch.example.com/|team', ATTACHED_KEY);
  await db.clear('outbox');
  return exact(w.name);
}

/** A backup file: another profile's data, and enough records for three chunks and a progress batch. */
async function backupFile(records: number): Promise<Backup> {
  const w = worker(freshName('source'), { idPrefix: 'src' });
  await w.send('settings.setIdentity', { name: 'Dana', email: 'dana@example.com' });
  const mentor = await w.send('roles.create', { name: 'Mentor', category: 'Business', matchesItself: true });
  await w.send('roles.update', { id: 'builtin-friend', patch: { description: 'changed in the file' } });
  const alice = rec('Alice', { entityType: 'contact' });
  await w.send('connections.create', { from: rec('Contoso'), to: alice, toRoleId: 'builtin-employee' });
  await w.send('connections.create', { from: alice, to: rec('Bob'), fromRoleId: mentor.id, toRoleId: mentor.id });
  const backup = await exportBackup(w.send);
  for (let i = 0; i < records; i++) (backup.records as unknown[]).push({ ...rec(`Record ${i}`), lastSeen: i });
  return backup;
}

/** The chunks the options page sends, in its order (lib/messaging/backup-client.ts). */
function chunksOf(file: Backup) {
  const { lists } = parseBackupText(JSON.stringify(file));
  return BACKUP_KINDS.flatMap((kind) =>
    Array.from({ length: Math.ceil(lists[kind].length / BACKUP_CHUNK) }, (_, i) => ({
      kind,
      offset: i * BACKUP_CHUNK,
      items: lists[kind].slice(i * BACKUP_CHUNK, (i + 1) * BACKUP_CHUNK),
    })),
  );
}

const headerOf = (file: Backup) => parseBackupText(JSON.stringify(file)).header as RequestOf<'backup.begin'>;
const stageFile = async (w: Worker, file: Backup) => stageBackup(w.send, parseBackupText(JSON.stringify(file)));

describe('a backup import when the worker stops or the disk is full', () => {
  let before: Dump;
  let file: Backup;
  let after: Dump;
  /** The writes of the reference apply, in order. */
  let trace: WriteInfo[];
  let preview: unknown;

  beforeAll(async () => {
    before = await targetProfile();
    // 5,100 records: records come in 3 chunks, and the apply awaits a batch at 5,000 documents.
    file = await backupFile(5_100);
    const ref = freshName('reference');
    await restore(ref, before);
    trace = [];
    const w = worker(ref, { plan: { write: (x) => (isApply(x.tx) && trace.push(x), 'pass') } });
    const staged = await stageFile(w, file);
    preview = await w.send('backup.apply', { importId: staged.importId });
    after = await masked(ref);
  });

  /** A copy of the target profile, as a fresh database name. */
  const profile = async () => {
    const name = freshName('profile');
    await restore(name, before);
    return name;
  };

  it('the reference import changes every kind of store the faults below cut into', () => {
    expect(after.records.length).toBe(before.records.length + 5_100);
    expect(after.outbox.length).toBeGreaterThan(2); // the new role and connections, the changed role
    expect(after.imports).toEqual([]);
    expect(new Set(trace.map((w) => w.store))).toEqual(
      new Set(['roles', 'outbox', 'connections', 'records', 'settings', 'imports']),
    );
  });

  it('stopped between stage chunks and in the middle of one: the restarted worker takes the rest, nothing doubled', async () => {
    const name = await profile();
    const chunks = chunksOf(file);
    expect(chunks.map((c) => c.kind)).toEqual(['roles', 'connections', 'records', 'records', 'records']);
    const w1 = worker(name);
    const { importId } = await w1.send('backup.begin', headerOf(file));
    for (const c of chunks.slice(0, 2)) await w1.send('backup.stage', { importId, ...c });
    await w1.stop(); // between two chunks
    counted('worker stopped');
    expect(withoutImports(await exact(name))).toEqual(withoutImports(before));

    // The next worker gets the next chunk, then stops as it writes the one after.
    const w2 = worker(name, {
      plan: { write: (x) => (x.store === 'imports' && String(x.key).includes('/records/000002000') ? 'stop' : 'pass') },
    });
    await w2.send('backup.stage', { importId, ...chunks[2]! });
    await stoppedDuring(w2, () => w2.send('backup.stage', { importId, ...chunks[3]! }));
    expect(withoutImports(await exact(name))).toEqual(withoutImports(before));

    // The page sends that chunk again to the restarted worker, and the last one twice (its reply
    // was lost): staging is by place in the file, so nothing is counted twice.
    const w3 = worker(name);
    for (const c of [chunks[3]!, chunks[4]!, chunks[4]!]) await w3.send('backup.stage', { importId, ...c });
    counted('chunk sent twice');
    expect(await w3.send('backup.preview', { importId })).toEqual(preview);
    expect(await w3.send('backup.apply', { importId })).toEqual(preview);
    expect(await masked(name)).toEqual(after);
  });

  it('stopped while staging, the options page’s own recovery (discard, choose the file again) imports it once', async () => {
    const name = await profile();
    const w1 = worker(name);
    const { importId } = await w1.send('backup.begin', headerOf(file));
    for (const c of chunksOf(file).slice(0, 3)) await w1.send('backup.stage', { importId, ...c });
    await w1.stop();
    counted('worker stopped');
    const w2 = worker(name);
    await w2.send('backup.discard', { importId });
    const staged = await stageFile(w2, file);
    expect(staged.preview).toEqual(preview);
    await w2.send('backup.apply', { importId: staged.importId });
    expect(await masked(name)).toEqual(after);
  });

  /** Places in the apply transaction to cut at: each kind of write, and both sides of the batch await. */
  function cutPoints() {
    const docs = trace.filter((w) => ['roles', 'connections', 'records'].includes(w.store));
    const at = (w: WriteInfo | undefined) => w!.inTx;
    return {
      'the first write': 1,
      'the first outbox entry': at(trace.find((w) => w.store === 'outbox')),
      'the first connection': at(trace.find((w) => w.store === 'connections')),
      'the first record': at(trace.find((w) => w.store === 'records')),
      'the 5,000th document (a batch awaited after it)': at(docs[4_999]),
      'the 5,001st document (after the first batch was written)': at(docs[5_000]),
      'the identity': at(trace.find((w) => w.store === 'settings')),
      'the clearing of the staged file (the last write)': trace.length,
    };
  }

  it('stopped at each kind of write of backup.apply: before-state every time; the restarted worker applies it', async () => {
    const name = await profile();
    const staged = await stageFile(worker(name), file);
    const pre = await exact(name);
    const points = cutPoints();
    expect(points['the clearing of the staged file (the last write)']).toBe(trace.at(-1)!.inTx);
    for (const [where, at] of Object.entries(points)) {
      const w = worker(name, { plan: stopAtWrite(isApply, at) });
      await stoppedDuring(w, () => w.send('backup.apply', { importId: staged.importId }));
      expect(await exact(name), `stopped at ${where} (write ${at})`).toEqual(pre);
    }
    // Stopped as the transaction opens, too.
    const w = worker(name, { plan: { transaction: (t) => (isApply(t) ? 'stop' : 'pass') } });
    await stoppedDuring(w, () => w.send('backup.apply', { importId: staged.importId }));
    expect(await exact(name)).toEqual(pre);

    const restarted = worker(name);
    expect(await restarted.send('backup.apply', { importId: staged.importId })).toEqual(preview);
    expect(await masked(name)).toEqual(after);
    // Applied means gone from staging: a second apply (the page retrying) is refused, not doubled.
    const again = await restarted.refuse('backup.apply', { importId: staged.importId });
    expect(again).toMatchObject({ code: 'not-found', field: 'importId' });
    expect(await masked(name)).toEqual(after);
  });

  it('the disk full at each kind of write of backup.apply: an error naming the quota, nothing written, the file still staged; applied once space frees', async () => {
    const name = await profile();
    const staged = await stageFile(worker(name), file);
    const pre = await exact(name);
    const points = cutPoints();
    const cases: [string, number, Quota][] = [
      ...(
        [
          'the first write',
          'the first record',
          'the 5,001st document (after the first batch was written)',
          'the clearing of the staged file (the last write)',
        ] as const
      ).map((where): [string, number, Quota] => [where, points[where], 'quota']),
      ['the first write', 1, 'quota-at-commit'],
    ];
    for (const [where, at, mode] of cases) {
      const w = worker(name, { plan: fullAtWrite(isApply, at, mode) });
      counted(`disk full (backup.apply, ${mode})`);
      const e = await w.refuse('backup.apply', { importId: staged.importId });
      expect(e.message, `${mode} from ${where}`).toMatch(/no room left/i);
      expect(await exact(name), `${mode} from ${where} (write ${at})`).toEqual(pre);
      expect(w.faults.injected.quota).toBeGreaterThan(0);
      expect(w.faults.committedAfterQuota).toBe(0);
    }
    const freed = worker(name);
    expect(await freed.send('backup.apply', { importId: staged.importId })).toEqual(preview);
    expect(await masked(name)).toEqual(after);
  });

  it('the disk full while staging (begin, header, each chunk): an error naming the quota, no data changed; imported once space frees', async () => {
    const name = await profile();
    // Writes while staging: begin clears and writes the header (2), then one per chunk (5).
    const cases: [number, Quota][] = [
      [1, 'quota'],
      [2, 'quota'],
      [3, 'quota'],
      [5, 'quota'],
      [7, 'quota'],
      [3, 'quota-at-commit'],
    ];
    for (const [at, mode] of cases) {
      let n = 0;
      const w = worker(name, { plan: { write: () => (++n >= at ? mode : 'pass') } });
      counted(`disk full (backup.stage, ${mode})`);
      const failed = await stageFile(w, file).then(
        () => null,
        (e: Error) => e,
      );
      expect(failed?.message, `${mode} from write ${at}`).toMatch(/no room left/i);
      expect(withoutImports(await exact(name))).toEqual(withoutImports(before));
    }
    const freed = worker(name);
    const staged = await stageFile(freed, file);
    expect(staged.preview).toEqual(preview);
    await freed.send('backup.apply', { importId: staged.importId });
    expect(await masked(name)).toEqual(after);
  });
});

describe('"clear the role from its connections and delete it" when the worker stops or the disk is full', () => {
  const T = '2026-03-01T00:00:00Z';
  let before: Dump;
  let after: Dump;
  let writes: WriteInfo[];

  beforeAll(async () => {
    const w = worker(freshName('roles'), { idPrefix: 'r' });
    const advisor = await w.send('roles.create', {
      id: 'advisor',
      name: 'Advisor',
      category: 'Business',
      matchingRoleIds: ['builtin-colleague'],
      matchesItself: true,
    });
    const contoso = rec('Contoso');
    for (const name of ['Ann', 'Ben', 'Cat']) {
      await w.send('connections.create', { from: rec(name), to: contoso, fromRoleId: advisor.id });
    }
    await w.send('connections.create', { from: rec('Dan'), to: contoso, toRoleId: advisor.id, fromRoleId: advisor.id });
    await w.send('connections.create', { from: rec('Eve'), to: contoso, toRoleId: 'builtin-friend' });
    before = await exact(w.name);
    const ref = freshName('roles-ref');
    await restore(ref, before);
    writes = [];
    const clock = testClock();
    const r = worker(ref, { clock, plan: { write: (x) => (isRoleWrite(x.tx) && writes.push(x), 'pass') } });
    clock.set(T);
    expect(await r.send('roles.delete', { id: 'advisor', clearFromConnections: true })).toEqual({
      id: 'advisor',
      cleared: 4,
    });
    after = await masked(ref);
  });

  it('writes the connections, the matching role, the deletion and their outbox entries in one transaction', () => {
    // 4 connections + 1 matching role + the deletion, each with its outbox entry.
    expect(writes).toHaveLength(12);
    expect(after.roles.some(([id]) => id === 'advisor')).toBe(false);
  });

  it('stopped at every write, and as it starts: before-state every time; the restarted worker deletes it', async () => {
    const name = freshName('roles-stop');
    await restore(name, before);
    const plans: [string, FaultPlan][] = writes.map((x) => [
      `write ${x.inTx} (${x.store})`,
      stopAtWrite(isRoleWrite, x.inTx),
    ]);
    plans.push(['the opening of its transaction', { transaction: (t) => (isRoleWrite(t) ? 'stop' : 'pass') }]);
    for (const [where, plan] of plans) {
      const w = worker(name, { plan });
      await stoppedDuring(w, () => w.send('roles.delete', { id: 'advisor', clearFromConnections: true }));
      expect(await exact(name), `stopped at ${where}`).toEqual(before);
    }
    const clock = testClock();
    const restarted = worker(name, { clock });
    clock.set(T);
    expect(await restarted.send('roles.delete', { id: 'advisor', clearFromConnections: true })).toMatchObject({
      cleared: 4,
    });
    expect(await masked(name)).toEqual(after);
  });

  it('the disk full at every write: an error naming the quota, before-state; deleted once space frees', async () => {
    const name = freshName('roles-quota');
    await restore(name, before);
    const cases: [WriteInfo, Quota][] = [
      ...writes.map((x): [WriteInfo, Quota] => [x, 'quota']),
      [writes[0]!, 'quota-at-commit'],
    ];
    for (const [x, mode] of cases) {
      const w = worker(name, { plan: fullAtWrite(isRoleWrite, x.inTx, mode) });
      counted(`disk full (roles.delete, ${mode})`);
      const e = await w.refuse('roles.delete', { id: 'advisor', clearFromConnections: true });
      expect(e.message).toMatch(/no room left/i);
      expect(await exact(name), `${mode} from write ${x.inTx} (${x.store})`).toEqual(before);
      expect(w.faults.committedAfterQuota).toBe(0);
    }
    const clock = testClock();
    const freed = worker(name, { clock });
    clock.set(T);
    await freed.send('roles.delete', { id: 'advisor', clearFromConnections: true });
    expect(await masked(name)).toEqual(after);
  });
});
