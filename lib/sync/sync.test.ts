// The sync engine against a real CouchDB-protocol server (npm run sync-server), two replicas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordKey } from '../model';
import { emptyApplied } from './apply';
import { attach, serverKey } from './attach';
import { CouchError, couchClient } from './couch';
import { push } from './push';
import { exportBackup, parseBackupText, stageBackup } from '../messaging/backup-client';
import { freshBackground, rec, contentScript, frame } from '../../tests/services';
import { ADMIN_MEMBER, ALICE, testServer, type TestServer } from '../../tests/sync-server';

let server: TestServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.dispose());

let dbCount = 0;
/** A replica syncing with the test server into its own database. */
async function replica(
  o: { start?: string; password?: string; database?: string; user?: { name: string; password: string } } = {},
) {
  const bg = freshBackground({ ...o, idPrefix: `r${dbCount}` });
  const database = o.database ?? (await server.createDatabase(`team-${Date.now()}-${++dbCount}`));
  const user = o.user ?? ALICE;
  await bg.send('sync.configure', {
    enabled: true,
    url: server.url,
    database,
    username: user.name,
    password: o.password ?? user.password,
  });
  await bg.sync.settle();
  return bg;
}
type Replica = Awaited<ReturnType<typeof replica>>;

/** Both replicas on one database: the second joins the first's. */
async function pair(o: { startB?: string; user?: { name: string; password: string } } = {}) {
  const a = await replica({ user: o.user });
  const settings = await a.send('sync.settings', {});
  const b = await replica({ start: o.startB, database: settings!.database, user: o.user });
  return { a, b };
}

const syncNow = async (...rs: Replica[]) => {
  for (const r of rs) {
    await r.send('sync.now', {});
    await r.sync.settle();
  }
};

const alice = rec('Alice');
const contoso = rec('Contoso');
const listOf = (r: Replica, of = contoso) => r.send('connections.listForRecord', { key: recordKey(of), status: 'all' });

describe('sync engine against a real server', () => {
  it('creates the database on first use and pushes a connection that the other replica pulls', async () => {
    const { a, b } = await pair();
    const made = await a.send('connections.create', { from: alice, to: contoso });
    await syncNow(a, b);
    const seen = await b.send('connections.get', { id: made.id });
    expect(seen).toMatchObject({ id: made.id, from: { name: 'Alice' }, to: { name: 'Contoso' } });
    expect((await a.send('sync.status', {})).pending).toBe(0);
    expect(await b.send('sync.status', {})).toMatchObject({ state: 'synced', pending: 0, problem: null });
    expect(b.changes.some((c) => c.records?.includes(made.to.key))).toBe(true);
  });

  it('propagates edits, deactivation and deletion, and the deletion stays a tombstone', async () => {
    const { a, b } = await pair();
    const c = await a.send('connections.create', { from: alice, to: contoso, description: 'v1' });
    await syncNow(a, b);
    await b.send('connections.update', { id: c.id, patch: { description: 'edited on B' } });
    await syncNow(b, a);
    expect((await a.send('connections.get', { id: c.id })).description).toBe('edited on B');
    await a.send('connections.setStatus', { id: c.id, status: 'inactive' });
    await syncNow(a, b);
    expect((await b.send('connections.get', { id: c.id })).status).toBe('inactive');
    await b.send('connections.delete', { id: c.id });
    await syncNow(b, a);
    expect(await listOf(a)).toEqual([]);
    expect((await a.db.then((db) => db.get('connections', c.id)))?.deleted).toBe(true);
  });

  it('concurrent edits of one connection converge to the later edit on both replicas', async () => {
    // B's clock runs an hour ahead, so B's edit is the later one whatever order they sync in.
    const { a, b } = await pair({ startB: '2026-01-01T01:00:00Z' });
    const c = await a.send('connections.create', { from: alice, to: contoso, description: 'base' });
    await syncNow(a, b);
    await b.send('connections.update', { id: c.id, patch: { description: 'B (later)' } });
    await a.send('connections.update', { id: c.id, patch: { description: 'A (earlier)', owner: 'Ann' } });
    await syncNow(b, a, b);
    const onA = await a.send('connections.get', { id: c.id });
    const onB = await b.send('connections.get', { id: c.id });
    expect(onA).toEqual(onB);
    expect(onA.description).toBe('B (later)');
    expect((await a.send('sync.status', {})).pending).toBe(0);
    expect((await b.send('sync.status', {})).pending).toBe(0);
  });

  it('a replica whose clock is years ahead does not win every conflict: its changes are refused', async () => {
    // B's clock says 9999: each of its edits would otherwise be "the later one" for ever. The
    // team's server refuses them (and every replica would too: lib/sync/hostile-server.test.ts).
    const { a, b } = await pair({ startB: '9999-12-30T00:00:00Z' });
    const c = await a.send('connections.create', { from: alice, to: contoso, description: 'base' });
    await syncNow(a, b);
    await b.send('connections.update', { id: c.id, patch: { description: 'from year 9999' } });
    await a.send('connections.update', { id: c.id, patch: { description: 'edited on A' } });
    await syncNow(b, a);
    expect((await a.send('connections.get', { id: c.id })).description).toBe('edited on A');
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'synced', problem: null });
    const s = await b.send('sync.status', {});
    expect(s.rejected).toBeGreaterThan(0);
    expect(s.lastRejected?.docId).toBe(`connection:${c.id}`);
    expect(s.lastRejected?.reason).toMatch(
      /refused by the server: updatedAt: timestamp 9999-12-30T\S+ is more than a day ahead/,
    );
  });

  it('an old backup restored on one replica does not revert a team member’s newer edit, unless asked to', async () => {
    const { a, b } = await pair({ startB: '2026-01-01T01:00:00Z' });
    const c = await a.send('connections.create', { from: alice, to: contoso, description: 'in the backup' });
    await syncNow(a, b);
    const backup = await exportBackup(a.send);
    await b.send('connections.update', { id: c.id, patch: { description: 'newer, by B' } });
    await syncNow(b, a);
    const staged = await stageBackup(a.send, parseBackupText(JSON.stringify(backup)));
    expect(staged.preview.connections).toMatchObject({ older: 1, updated: 0 });
    await a.send('backup.apply', { importId: staged.importId });
    await syncNow(a, b, a);
    for (const r of [a, b]) expect((await r.send('connections.get', { id: c.id })).description).toBe('newer, by B');
    // Asked to: the backup's version wins everywhere, as the latest edit.
    const again = await stageBackup(a.send, parseBackupText(JSON.stringify(backup)));
    await a.send('backup.apply', { importId: again.importId, older: 'restore' });
    await syncNow(a, b, a);
    for (const r of [a, b]) expect((await r.send('connections.get', { id: c.id })).description).toBe('in the backup');
  });

  it('edit against delete: the later one wins on both replicas, in either order', async () => {
    for (const deleteIsLater of [true, false]) {
      const { a, b } = await pair({ startB: '2026-01-01T01:00:00Z' });
      const c = await a.send('connections.create', { from: alice, to: contoso });
      await syncNow(a, b);
      // B's clock is later: B does the change that should win.
      const [deleter, editor] = deleteIsLater ? [b, a] : [a, b];
      await deleter.send('connections.delete', { id: c.id });
      await editor.send('connections.update', { id: c.id, patch: { description: 'edited' } });
      await syncNow(a, b, a);
      for (const r of [a, b]) {
        const rows = await listOf(r);
        if (deleteIsLater) expect(rows).toEqual([]);
        else expect(rows.map((x) => x.description)).toEqual(['edited']);
      }
    }
  });

  it('never loses a create: the same relationship made on both replicas is kept twice', async () => {
    const { a, b } = await pair();
    await a.send('connections.create', { from: alice, to: contoso });
    await b.send('connections.create', { from: alice, to: contoso });
    await syncNow(a, b, a);
    expect(await listOf(a)).toHaveLength(2);
    expect((await listOf(b)).map((x) => x.id).sort()).toEqual((await listOf(a)).map((x) => x.id).sort());
  });

  it('signs changes with the sync username, also those made before sync was on', async () => {
    const bg = freshBackground({ idPrefix: 'prov' });
    await bg.send('settings.setIdentity', { name: 'Alice A.', email: 'alice@example.com' });
    const before = await bg.send('connections.create', { from: alice, to: contoso });
    expect(before).toMatchObject({ createdBy: 'alice@example.com', updatedBy: 'alice@example.com' });
    const database = await server.createDatabase(`team-${Date.now()}-${++dbCount}`);
    await bg.send('sync.configure', { enabled: true, url: server.url, database, ...ALICE, username: ALICE.name });
    await bg.sync.settle();
    // Brought to this server by alice: hers on the server and here (the server checks it is the sender).
    expect(await bg.send('connections.get', { id: before.id })).toMatchObject({
      createdBy: 'alice',
      updatedBy: 'alice',
    });
    const after = await bg.send('connections.create', { from: alice, to: rec('Fabrikam') });
    expect(after).toMatchObject({ createdBy: 'alice', updatedBy: 'alice' });
    await syncNow(bg);
    const onServer = await adminGet(`${database}/connection:${after.id}`);
    expect(onServer).toMatchObject({ createdBy: 'alice', updatedBy: 'alice' });
  });

  it('keeps roles read-only, with the reason, for a member who is no role admin of the team', async () => {
    const a = await replica();
    expect((await a.send('sync.status', {})).rolesReadOnly).toMatch(/connections-admin/);
    const refused = await a.refuse('roles.create', { name: 'Auditor', category: 'Business', appliesTo: [] });
    expect(refused).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/managed by your team's admins/),
    });
    expect((await a.send('roles.list', {})).some((r) => r.name === 'Auditor')).toBe(false);
    // Sync off: the user's own roles again.
    await a.send('sync.configure', { ...(await a.send('sync.settings', {}))!, enabled: false, password: '' });
    expect((await a.send('sync.status', {})).rolesReadOnly).toBeNull();
    await a.send('roles.create', { name: 'Auditor', category: 'Business', appliesTo: [] });
  });

  it('two people: each change carries its sender, and one undoes the other’s delete', async () => {
    const a = await replica();
    const { database } = (await a.send('sync.settings', {}))!;
    const b = await replica({ database, user: ADMIN_MEMBER });
    const c = await a.send('connections.create', { from: alice, to: contoso, description: 'by alice' });
    await syncNow(a, b);
    await b.send('connections.update', { id: c.id, patch: { description: 'edited by rita' } });
    await syncNow(b, a);
    expect(await a.send('connections.get', { id: c.id })).toMatchObject({ createdBy: 'alice', updatedBy: 'rita' });
    await b.send('connections.delete', { id: c.id });
    await syncNow(b, a);
    await a.send('connections.restore', { id: c.id });
    await syncNow(a, b);
    expect(await b.send('connections.get', { id: c.id })).toMatchObject({ createdBy: 'alice', updatedBy: 'alice' });
    for (const r of [a, b]) expect((await r.send('sync.status', {})).rejected).toBe(0);
  });

  it('a role a member made before sync was on: refused by the team’s server, reported with its reason, kept here', async () => {
    const bg = freshBackground({ idPrefix: 'member' });
    const role = await bg.send('roles.create', { name: 'Sponsor', category: 'Stakeholder', appliesTo: [] });
    const database = await server.createDatabase(`refused-${Date.now()}-${++dbCount}`);
    await bg.send('sync.configure', {
      enabled: true,
      url: server.url,
      database,
      username: ALICE.name,
      password: ALICE.password,
    });
    await bg.sync.settle();
    const s = await bg.send('sync.status', {});
    expect(s).toMatchObject({ state: 'synced', pending: 1, rejected: 1 }); // kept, until edited again
    expect(s.lastRejected).toEqual({
      docId: `role:${role.id}`,
      reason: 'refused by the server: Only members with the connections-admin role may change connection roles.',
    });
    expect((await bg.send('roles.list', {})).some((r) => r.id === role.id)).toBe(true);
  });

  it('syncs roles: a new role, an edit and a delete', async () => {
    // Roles are the team's: only its role admins change them (the server's rule).
    const { a, b } = await pair({ user: ADMIN_MEMBER });
    const role = await a.send('roles.create', {
      name: 'Auditor',
      category: 'Business',
      matchingRoleIds: [],
      appliesTo: [],
    });
    await syncNow(a, b);
    expect((await b.send('roles.list', {})).find((r) => r.id === role.id)?.name).toBe('Auditor');
    expect(b.changes.some((c) => c.roles?.includes(role.id))).toBe(true);
    await b.send('roles.update', { id: role.id, patch: { name: 'External auditor' } });
    await syncNow(b, a);
    expect((await a.send('roles.list', {})).find((r) => r.id === role.id)?.name).toBe('External auditor');
    await a.send('roles.delete', { id: role.id });
    await syncNow(a, b);
    expect((await b.send('roles.list', {})).some((r) => r.id === role.id)).toBe(false);
  });

  it('pushes what was made before sync was switched on, but not untouched default roles', async () => {
    const a = freshBackground();
    const c = await a.send('connections.create', { from: alice, to: contoso });
    const database = await server.createDatabase(`before-${Date.now()}`);
    const settings = { enabled: true, url: server.url, database, username: ALICE.name, password: ALICE.password };
    await a.send('sync.configure', settings);
    await a.sync.settle();
    const b = await replica({ database });
    expect((await b.send('connections.get', { id: c.id })).id).toBe(c.id);
    const onServer = await adminGet(`${database}/_all_docs`);
    // Beside the team's rules (the server's own design document).
    expect(onServer.rows.map((r: { id: string }) => r.id).filter((id: string) => !id.startsWith('_design/'))).toEqual([
      `connection:${c.id}`,
    ]);
  });

  it('keeps local changes while the server is down and sends each exactly once when it returns', async () => {
    const { a, b } = await pair();
    await server.stop();
    try {
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await a.send('connections.create', { from: rec(`P${i}`), to: contoso }));
      await syncNow(a);
      const down = await a.send('sync.status', {});
      expect(down).toMatchObject({ state: 'offline', problem: 'offline', pending: 5 });
      expect(down.retryAt).not.toBeNull();
    } finally {
      await server.start();
    }
    await syncNow(a, b);
    expect(await listOf(b)).toHaveLength(5);
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'synced', pending: 0, retryAt: null });
    await syncNow(a, b);
    expect(await listOf(b)).toHaveLength(5);
  });

  it('a refused password: a clear status, no retries until the settings change', async () => {
    const a = await replica({ password: 'wrong' });
    const s = await a.send('sync.status', {});
    expect(s).toMatchObject({ state: 'error', problem: 'auth', retryAt: null });
    expect(s.reason).toMatch(/username or password/);
    // A local change does not hammer the server: the pause holds.
    let calls = 0;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (...args) => {
      calls++;
      return realFetch(...args);
    };
    try {
      await a.send('connections.create', { from: alice, to: contoso });
      await new Promise((r) => setTimeout(r, 300));
      await a.sync.settle();
      expect(calls).toBe(0);
    } finally {
      globalThis.fetch = realFetch;
    }
    const settings = await a.send('sync.settings', {});
    await a.send('sync.configure', { ...settings!, password: ALICE.password });
    await a.sync.settle();
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'synced', pending: 0 });
  });

  it('takes documents another CouchDB client wrote in the documented format, and refuses malformed ones', async () => {
    // The replica's clock is past the documents' times (a time more than a day ahead is refused).
    const a = await replica({ start: '2026-02-01T00:00:00Z' });
    const { database } = (await a.send('sync.settings', {}))!;
    const good = {
      _id: 'connection:from-pouchdb',
      type: 'connection',
      schema: 1,
      from: alice,
      fromRoleId: null,
      to: contoso,
      toRoleId: 'builtin-friend',
      description: 'written by PouchDB',
      owner: '',
      effectiveStart: null,
      effectiveEnd: null,
      status: 'active',
      createdAt: '2026-02-01T00:00:00.000Z',
      createdBy: 'pouch@example.com',
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'pouch@example.com',
    };
    const bad = { ...good, _id: 'connection:malformed', to: alice, description: 'self' };
    const worse = { _id: 'role:no-fields', type: 'role', schema: 1 };
    // A server without the team's rules (they would refuse all three: not alice's, malformed).
    await withoutTeamRules(database);
    await pouchPut(database, [good, bad, worse]);
    await syncNow(a);
    expect((await a.send('connections.get', { id: 'from-pouchdb' })).description).toBe('written by PouchDB');
    await expect(a.send('connections.get', { id: 'malformed' })).rejects.toThrow(/does not exist/);
    const s = await a.send('sync.status', {});
    expect(s.rejected).toBe(2);
    expect(s.lastRejected?.docId).toMatch(/^(connection:malformed|role:no-fields)$/);
    expect((await a.send('roles.list', {})).some((r) => r.id === 'no-fields')).toBe(false);
  });

  it('refuses bad settings with an error naming the field, and keeps the old ones', async () => {
    const a = await replica();
    const before = await a.send('sync.settings', {});
    const base = { enabled: true, url: server.url, database: 'x', username: 'u', password: 'p' };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ url: 'http://couch.example.com/' }, 'url', /https/],
      [{ url: 'not a url' }, 'url', /web address/],
      [{ url: 'https://u:p@couch.example.com/' }, 'url', /own fields/],
      [{ url: 'ftp://couch.example.com/' }, 'url', /https/],
      [{ database: 'Team' }, 'database', /lower-case/],
      [{ database: '' }, 'database', /required/],
      [{ auth: 'token' }, 'auth', /basic/],
    ];
    for (const [patch, field, message] of cases) {
      const e = await a.refuse('sync.configure', { ...base, ...patch });
      expect(e.field, JSON.stringify(patch)).toBe(field);
      expect(e.message).toMatch(message);
    }
    expect(await a.send('sync.settings', {})).toEqual(before);
  });

  it('"Test connection" reports each step, naming the field to fix', async () => {
    const a = freshBackground();
    const database = await server.createDatabase(`check-${Date.now()}`);
    const ok = await a.send('sync.test', {
      enabled: true,
      url: server.url,
      database,
      username: ALICE.name,
      password: ALICE.password,
    });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    expect(ok.steps.map((s) => s.step)).toEqual(['reachable', 'credentials', 'database']);
    const wrong = await a.send('sync.test', {
      enabled: true,
      url: server.url,
      database,
      username: ALICE.name,
      password: 'nope',
    });
    expect(wrong).toMatchObject({ ok: false, field: 'password' });
    const missing = await a.send('sync.test', {
      enabled: true,
      url: server.url,
      database: 'no-such-db',
      username: ALICE.name,
      password: ALICE.password,
    });
    expect(missing).toMatchObject({ ok: false, field: 'database' });
    const down = await a.send('sync.test', {
      enabled: true,
      url: 'http://127.0.0.1:9/',
      database,
      username: 'x',
      password: 'y',
    });
    expect(down).toMatchObject({ ok: false, field: 'url' });
  });

  it('without access to the server origin it says what is missing and makes no request', async () => {
    const a = freshBackground();
    a.syncState.access = false;
    const database = await server.createDatabase(`noaccess-${Date.now()}`);
    await a.send('sync.configure', {
      enabled: true,
      url: server.url,
      database,
      username: ALICE.name,
      password: ALICE.password,
    });
    await a.sync.settle();
    const s = await a.send('sync.status', {});
    expect(s).toMatchObject({ state: 'error', problem: 'permission' });
    expect(s.reason).toMatch(/Access to http:\/\/127\.0\.0\.1:\d+ is not granted/);
    a.syncState.access = true;
    await a.sync.wake('permission');
    await a.sync.settle();
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'synced' });
  });

  it('"Delete all data" forgets the server here and deletes nothing there', async () => {
    const { a, b } = await pair();
    await a.send('connections.create', { from: alice, to: contoso });
    await syncNow(a, b);
    await a.send('data.deleteAll', { confirm: 'DELETE' });
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'off' });
    expect(await a.send('sync.settings', {})).toBeNull();
    await syncNow(b);
    expect(await listOf(b)).toHaveLength(1);
  });

  it('keeps a change queued while its neighbours were on the wire', async () => {
    const a = freshBackground({ idPrefix: 'q' });
    for (let i = 1; i <= 9; i++) await a.send('connections.create', { from: rec(`Q${i}`), to: contoso });
    let made = '';
    // 'connection:q-10' sorts between 'connection:q-1' and 'connection:q-2': inside the batch's span.
    const { db, client: racing } = await queuedFor(a, 'race', async () => {
      if (!made) made = (await a.send('connections.create', { from: rec('Q10'), to: contoso })).id;
    });
    await push(db, racing, () => new Date().toISOString(), emptyApplied());
    expect(made).toBe('q-10');
    expect(await db.getAllKeys('outbox')).toEqual(['connection:q-10']);
  });

  it('"Delete all data" ends a live sync and finishes while UIs are open', async () => {
    const a = await replica();
    a.syncState.watched = true;
    await a.send('connections.create', { from: alice, to: contoso });
    await a.send('sync.now', {});
    await new Promise((r) => setTimeout(r, 300)); // now waiting live on the server
    const done = a.send('data.deleteAll', { confirm: 'DELETE' });
    await expect(
      Promise.race([done, new Promise((_, no) => setTimeout(() => no(new Error('hung')), 5_000))]),
    ).resolves.toBeNull();
    expect(await a.send('sync.status', {})).toMatchObject({ state: 'off' });
    expect(await listOf(a)).toEqual([]);
    a.syncState.watched = false;
    await a.sync.settle();
  });

  it('gives up a local change the server holds a version of it cannot read, once, not every run', async () => {
    const a = await replica();
    const { database } = (await a.send('sync.settings', {}))!;
    const c = await a.send('connections.create', { from: alice, to: contoso });
    await syncNow(a);
    // A newer extension rewrote it on the server (whose rules, then, are newer too).
    await withoutTeamRules(database);
    const onServer = await adminGet(`${database}/connection:${c.id}`);
    await adminPut(`${database}/connection:${c.id}`, { ...onServer, schema: 2, description: 'from the future' });
    await a.send('connections.update', { id: c.id, patch: { description: 'edited here' } });
    await syncNow(a);
    const s = await a.send('sync.status', {});
    expect(s.pending).toBe(0);
    expect(s.rejected).toBeGreaterThan(0);
    // Reported, then left alone: more runs send nothing and count nothing more.
    await syncNow(a, a);
    expect((await a.send('sync.status', {})).rejected).toBe(s.rejected);
    expect(s.lastRejected?.reason).toMatch(/newer version/);
    expect((await adminGet(`${database}/connection:${c.id}`)).description).toBe('from the future');
  });

  it('pushes again without a revision when the server lost the document (database recreated)', async () => {
    const a = await replica();
    const { database } = (await a.send('sync.settings', {}))!;
    const c = await a.send('connections.create', { from: alice, to: contoso });
    await syncNow(a);
    await adminRequest('DELETE', database);
    await server.createDatabase(database);
    await a.send('connections.update', { id: c.id, patch: { description: 'after the reset' } });
    await syncNow(a);
    expect((await a.send('sync.status', {})).pending).toBe(0);
    expect((await adminGet(`${database}/connection:${c.id}`)).description).toBe('after the reset');
  });

  it('keeps a change the server refuses, reports it once, and sends it again after the next edit', async () => {
    const a = await replica();
    const { database } = (await a.send('sync.settings', {}))!;
    await adminPut(`${database}/_design/rules`, {
      validate_doc_update:
        "function (doc) { if (doc.description === 'forbidden') throw { forbidden: 'No forbidden descriptions.' }; }",
    });
    const c = await a.send('connections.create', { from: alice, to: contoso, description: 'forbidden' });
    await syncNow(a, a);
    const s = await a.send('sync.status', {});
    expect(s).toMatchObject({ pending: 1, rejected: 1 });
    expect(s.lastRejected?.reason).toMatch(/No forbidden descriptions/);
    await a.send('connections.update', { id: c.id, patch: { description: 'allowed' } });
    await syncNow(a);
    expect(await a.send('sync.status', {})).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('halves a batch the server finds too large (413) and still sends everything', async () => {
    const a = freshBackground({ idPrefix: 'big' });
    for (let i = 0; i < 5; i++) await a.send('connections.create', { from: rec(`B${i}`), to: contoso });
    const sizes: number[] = [];
    const { db, client: strict } = await queuedFor(a, '413', async (docs) => {
      sizes.push(docs.length);
      if (docs.length > 2) throw new CouchError('server', 'The server answered 413.', 413);
    });
    expect(await push(db, strict, () => new Date().toISOString(), emptyApplied())).toBe(5);
    expect(await db.count('outbox')).toBe(0);
    expect(Math.max(...sizes.slice(1))).toBeLessThanOrEqual(2);
  });

  it('tells a CRM page (the panel frame in it) neither the server nor the documents refused', async () => {
    const a = await replica({ password: 'wrong' });
    const token = '0b6c1f4e-93a2-4c1d-8e5f-7a2b9c3d4e5f';
    await a.sendAs(contentScript(7, 'https://contoso.crm.dynamics.com/main.aspx'), 'page.frame', {
      kind: 'panel',
      token,
    });
    const page = await a.route({ type: 'sync.status', payload: {}, token }, frame(7));
    expect(page).toMatchObject({
      ok: true,
      value: { state: 'error', problem: 'auth', server: null, lastRejected: null },
    });
    const full = await a.send('sync.status', {});
    expect(full.server).toContain('127.0.0.1');
  });

  it('writes the outbox entry with the change, and none for a refused change', async () => {
    const a = freshBackground();
    const c = await a.send('connections.create', { from: alice, to: contoso });
    const db = await a.db;
    expect(await db.getAllKeys('outbox')).toEqual([`connection:${c.id}`]);
    await a.refuse('connections.create', { from: alice, to: alice });
    await a.refuse('connections.update', {
      id: c.id,
      patch: { effectiveStart: '2026-05-01', effectiveEnd: '2026-01-01' },
    });
    expect(await db.getAllKeys('outbox')).toEqual([`connection:${c.id}`]);
  });
});

/**
 * A replica's store queued for a new database, and a client to it whose `_bulk_docs` requests
 * first go through `before` (to change things while a batch is on the wire, or refuse it).
 */
async function queuedFor(
  a: Replica | ReturnType<typeof freshBackground>,
  name: string,
  before: (docs: unknown[]) => Promise<void>,
) {
  const database = await server.createDatabase(`${name}-${Date.now()}`);
  const db = await a.db;
  // As alice brings them to this server: hers (the server checks createdBy and updatedBy).
  await attach(db, serverKey({ url: server.url, database }), ALICE.name);
  const real = couchClient({
    url: server.url,
    database,
    username: ALICE.name,
    password: ALICE.password,
    auth: 'basic',
  });
  const client = {
    ...real,
    request: async <T>(o: Parameters<typeof real.request>[0]) => {
      if (o.path === '_bulk_docs') await before((o.body as { docs: unknown[] }).docs);
      return real.request<T>(o);
    },
  };
  return { db, client };
}

const adminAuth = { Authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}` };
async function adminRequest(method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...adminAuth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
const adminGet = (path: string) => adminRequest('GET', path);
const adminPut = (path: string, body: unknown) => adminRequest('PUT', path, body);

/**
 * Takes the team's rules (the server's design document) off `database`, for a test of what a
 * replica does with documents the rules would have refused: a server without them, or older.
 */
async function withoutTeamRules(database: string) {
  const rules = await adminGet(`${database}/_design/team-rules`);
  await adminRequest('DELETE', `${database}/_design/team-rules?rev=${rules._rev}`);
}

/** Writes documents with PouchDB itself, as another CouchDB client of the team would. */
async function pouchPut(database: string, docs: object[]) {
  const { default: PouchDB } = await import('pouchdb-node');
  const remote = new PouchDB(`${server.url}${database}`, {
    auth: { username: ALICE.name, password: ALICE.password },
    skip_setup: true,
  });
  const res = await remote.bulkDocs(docs);
  for (const r of res) if ('error' in r && r.error) throw new Error(`PouchDB could not write: ${JSON.stringify(r)}`);
  await remote.close();
}
