// The team's rules (validate.mjs, installed by team-setup.mjs) through real HTTP, with a raw
// client (fetch): that express-pouchdb runs them on every way of writing, for members and the
// server admin, and answers as CouchDB does; one test per rule; the connections-admin role given by
// --role-admin; and the two defects around validation fixed in fixes.mjs (e, f).
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli, UsageError } from './cli-options.mjs';
import { seedDatabase } from './seed.mjs';
import { startSyncServer, type SyncServer } from './sync-server.mjs';
import { connectionDoc, roleDoc, tombstoneDoc } from './team-docs';
import { setUpTeam } from './team-setup.mjs';
import { DESIGN_DOC_ID, ROLE_REFUSAL, teamRulesDesignDoc } from './validate.mjs';

// Untyped CommonJS; only used as a replication client here.
const PouchDB = createRequire(import.meta.url)('pouchdb-node');
const ADMIN = { name: 'admin', password: 'admin-secret' };
const ALICE = { name: 'alice', password: 'alice-pass' };
const BOB = { name: 'bob', password: 'bob-pass' };
const RITA = { name: 'rita', password: 'rita-pass' };
const basic = (u: { name: string; password: string }) =>
  'Basic ' + Buffer.from(`${u.name}:${u.password}`).toString('base64');
const asAlice = { Authorization: basic(ALICE) };
const asBob = { Authorization: basic(BOB) };
const asRita = { Authorization: basic(RITA) };
const asAdmin = { Authorization: basic(ADMIN) };

let dataDir: string;
let server: SyncServer;
let db: string;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'team-rules-'));
  server = await startSyncServer({
    port: 0,
    dataDir,
    admin: ADMIN,
    users: [ALICE, BOB, RITA],
    roleAdmins: [RITA.name],
    quiet: true,
  });
  db = `${server.url}/connections`;
});
afterAll(async () => {
  await server?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

/** A request read whole: status and parsed body. */
async function send(method: string, url: string, headers: Record<string, string>, json?: unknown) {
  const res = await fetch(url, {
    method,
    headers: {
      ...headers,
      Accept: 'application/json',
      ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(5000),
  });
  return { status: res.status, body: await res.json() };
}
const put = (headers: Record<string, string>, doc: { _id: string; [field: string]: unknown }) =>
  send('PUT', `${db}/${encodeURIComponent(doc._id)}`, headers, doc);
const bulk = async (headers: Record<string, string>, docs: unknown[], extra: object = {}) => {
  const res = await send('POST', `${db}/_bulk_docs`, headers, { docs, ...extra });
  expect(res.status).toBe(201);
  return new Map((res.body as { id: string }[]).map((r) => [r.id, r]));
};
const forbidden = (reason: string) => ({ status: 403, body: { error: 'forbidden', reason } });

describe('the rules design document', () => {
  it('is in the team database from the first start, readable by members, writable by admins only', async () => {
    const ddoc = await send('GET', `${db}/${DESIGN_DOC_ID}`, asAlice);
    expect(ddoc.status).toBe(200);
    expect(ddoc.body).toMatchObject(teamRulesDesignDoc());
    // A member may not replace or delete it (express-pouchdb answers 401 where CouchDB 3 says 403).
    const replaced = await put(asRita, { ...ddoc.body, validate_doc_update: 'function () {}' });
    expect(replaced).toEqual({
      status: 401,
      body: { error: 'unauthorized', reason: 'You are not authorized to access this db.' },
    });
    const removed = await bulk(asRita, [{ _id: DESIGN_DOC_ID, _rev: ddoc.body._rev, _deleted: true }]);
    expect(removed.get(DESIGN_DOC_ID)).toMatchObject({ error: 'unauthorized' });
    const gone = await send('DELETE', `${db}/${DESIGN_DOC_ID}?rev=${ddoc.body._rev}`, asAlice);
    expect(gone.status).toBe(401);
    expect((await send('GET', `${db}/${DESIGN_DOC_ID}`, asAlice)).body._rev).toBe(ddoc.body._rev);
  });

  it('is installed by team set-up, and put back when it differs', async () => {
    const other = `${server.url}/rules-setup`;
    const first = await setUpTeam(server.url, ADMIN, 'rules-setup', [ALICE]);
    expect(first.rules).toBe('installed');
    const ddoc = await send('GET', `${other}/${DESIGN_DOC_ID}`, asAdmin);
    const edited = await send('PUT', `${other}/${DESIGN_DOC_ID}`, asAdmin, {
      ...ddoc.body,
      validate_doc_update: 'function () {}',
      views: { kept: { map: 'function (doc) { emit(doc._id); }' } },
    });
    expect(edited.status).toBe(201);
    expect((await setUpTeam(server.url, ADMIN, 'rules-setup', [ALICE])).rules).toBe('updated');
    const now = await send('GET', `${other}/${DESIGN_DOC_ID}`, asAdmin);
    expect(now.body.validate_doc_update).toBe(teamRulesDesignDoc().validate_doc_update);
    expect(now.body.views).toBeDefined();
    expect((await setUpTeam(server.url, ADMIN, 'rules-setup', [ALICE])).rules).toBe('unchanged');
  });
});

describe('express-pouchdb runs the rules on every write', () => {
  const bad = (key: string) => connectionDoc(key, 'alice', { status: 'gone' });
  const reason = 'status: must be "active" or "inactive".';

  it('PUT, POST, COPY: 403 {"error":"forbidden","reason":…} for members and the server admin', async () => {
    for (const headers of [asAlice, asAdmin]) {
      expect(await put(headers, bad('put'))).toEqual(forbidden(reason));
      expect(await send('POST', db, headers, bad('post'))).toEqual(forbidden(reason));
      expect(await send('GET', `${db}/connection:put`, headers)).toMatchObject({ status: 404 });
    }
    // A document POSTed without an id gets a uuid, which is no "connection:" id.
    const { _id: _x, ...anonymous } = connectionDoc('x', 'alice');
    expect(await send('POST', db, asAlice, anonymous)).toEqual(
      forbidden('_id: must be "connection:<id>" or "role:<id>".'),
    );
    expect((await put(asAlice, connectionDoc('copied', 'alice'))).status).toBe(201);
    const copy = await fetch(`${db}/connection:copied`, {
      method: 'COPY',
      headers: { ...asAlice, Destination: 'copy-elsewhere' },
    });
    expect(copy.status).toBe(403);
    expect(await copy.json()).toEqual({ error: 'forbidden', reason: '_id: must be "connection:<id>" or "role:<id>".' });
  });

  it('_bulk_docs: refuses a bad document alone, per document, and stores the others, as CouchDB does', async () => {
    const docs = [connectionDoc('batch-1', 'alice'), bad('batch-2'), connectionDoc('batch-3', 'alice')];
    const results = await bulk(asAlice, docs);
    expect(results.size).toBe(3);
    expect(results.get('connection:batch-2')).toEqual({ id: 'connection:batch-2', error: 'forbidden', reason });
    expect(results.get('connection:batch-1')).toMatchObject({ ok: true, rev: expect.stringMatching(/^1-/) });
    expect(results.get('connection:batch-3')).toMatchObject({ ok: true, rev: expect.stringMatching(/^1-/) });
    expect((await send('GET', `${db}/connection:batch-1`, asAlice)).status).toBe(200);
    expect((await send('GET', `${db}/connection:batch-2`, asAlice)).status).toBe(404);
    // The same for the admin, and for replication's new_edits=false.
    const asAdminToo = await bulk(asAdmin, [bad('batch-4')]);
    expect(asAdminToo.get('connection:batch-4')).toEqual({ id: 'connection:batch-4', error: 'forbidden', reason });
    const replicated = await bulk(asAlice, [{ ...bad('batch-5'), _rev: '1-abc' }], { new_edits: false });
    expect(replicated.get('connection:batch-5')).toEqual({ id: 'connection:batch-5', error: 'forbidden', reason });
  });

  it('DELETE and _deleted: true reach the rules too (a role, here)', async () => {
    const made = await put(asRita, roleDoc('to-keep'));
    expect(made.status).toBe(201);
    const deleted = await send('DELETE', `${db}/role:to-keep?rev=${made.body.rev}`, asAlice);
    expect(deleted).toEqual(forbidden(ROLE_REFUSAL));
    const viaPut = await put(asAlice, { _id: 'role:to-keep', _rev: made.body.rev, _deleted: true });
    expect(viaPut).toEqual(forbidden(ROLE_REFUSAL));
    const viaBulk = await bulk(asAlice, [{ _id: 'role:to-keep', _rev: made.body.rev, _deleted: true }]);
    expect(viaBulk.get('role:to-keep')).toEqual({ id: 'role:to-keep', error: 'forbidden', reason: ROLE_REFUSAL });
    expect((await send('GET', `${db}/role:to-keep`, asAlice)).body._rev).toBe(made.body.rev);
  });
});

describe('rule 1: shape', () => {
  it('refuses other ids, a wrong type, another schema, a bad field and an unknown one, naming the field', async () => {
    expect(await put(asAlice, { _id: 'notes', text: 'hi' })).toEqual(
      forbidden('_id: must be "connection:<id>" or "role:<id>".'),
    );
    expect(await put(asAlice, connectionDoc('shape-1', 'alice', { type: 'role' }))).toEqual(
      forbidden('type: must be "connection" for an id starting "connection:".'),
    );
    expect(await put(asAlice, connectionDoc('shape-2', 'alice', { schema: 2 }))).toEqual(
      forbidden('schema: must be the number 1.'),
    );
    const longName = connectionDoc('shape-3', 'alice', {
      to: { ...connectionDoc('x', 'a').to, name: 'x'.repeat(1001) },
    });
    expect(await put(asAlice, longName)).toEqual(forbidden('to.name: is 1001 characters long; the limit is 1000.'));
    expect(await put(asAlice, connectionDoc('shape-4', 'alice', { color: 'red' }))).toEqual(
      forbidden('color: is not a field of a connection.'),
    );
    expect(await put(asAlice, { ...tombstoneDoc('connection', 'shape-5', 'alice'), note: 'x' })).toEqual(
      forbidden('note: is not a field of a connection tombstone.'),
    );
    expect((await put(asAlice, tombstoneDoc('connection', 'shape-6', 'alice'))).status).toBe(201);
  });

  it('lets members delete connections the CouchDB way (DELETE, _deleted), and no other documents', async () => {
    const one = await put(asBob, connectionDoc('plain-delete-1', 'bob'));
    const two = await put(asBob, connectionDoc('plain-delete-2', 'bob'));
    const deleted = await send('DELETE', `${db}/connection:plain-delete-1?rev=${one.body.rev}`, asAlice);
    expect(deleted).toMatchObject({ status: 200, body: { ok: true } });
    const viaBulk = await bulk(asAlice, [{ _id: 'connection:plain-delete-2', _rev: two.body.rev, _deleted: true }]);
    expect(viaBulk.get('connection:plain-delete-2')).toMatchObject({ ok: true });
    const junk = await bulk(asAlice, [{ _id: 'junk', _deleted: true }]);
    expect(junk.get('junk')).toEqual({
      id: 'junk',
      error: 'forbidden',
      reason: '_id: must be "connection:<id>" or "role:<id>".',
    });
  });
  it('passes the seeded connections (seed.mjs), which the admin writes for browser tests and the bench', async () => {
    await seedDatabase({ url: `${server.url}/`, database: 'connections', auth: asAdmin.Authorization, count: 20 });
    const rows = await send('POST', `${db}/_all_docs`, asAlice, { keys: ['connection:seed-0', 'connection:seed-19'] });
    expect(rows.body.rows.map((row: { value?: unknown }) => row.value !== undefined)).toEqual([true, true]);
  });
});

describe('rule 2: provenance of connections', () => {
  it('wants updatedBy to be the user who sends the change', async () => {
    expect(await put(asAlice, connectionDoc('prov-1', 'bob'))).toEqual(
      forbidden('updatedBy: must be your user name, "alice".'),
    );
    expect(await put(asAlice, tombstoneDoc('connection', 'prov-1', 'bob'))).toEqual(
      forbidden('updatedBy: must be your user name, "alice".'),
    );
  });

  it('wants createdBy to be the sender on create, also over a deletion', async () => {
    const claimed = connectionDoc('prov-2', 'alice', { createdBy: 'bob' });
    expect(await put(asAlice, claimed)).toEqual(
      forbidden('createdBy: must be your user name, "alice", for a new connection.'),
    );
    const made = await put(asAlice, connectionDoc('prov-2', 'alice'));
    const gone = await send('DELETE', `${db}/connection:prov-2?rev=${made.body.rev}`, asAlice);
    expect(gone.status).toBe(200);
    // Made again over the deletion (no _rev: the document is deleted): a create.
    expect(await put(asBob, connectionDoc('prov-2', 'alice', { updatedBy: 'bob' }))).toEqual(
      forbidden('createdBy: must be your user name, "bob", for a new connection.'),
    );
    expect((await put(asBob, connectionDoc('prov-2', 'bob'))).status).toBe(201);
  });

  it('keeps createdBy on an update by anyone', async () => {
    const made = await put(asAlice, connectionDoc('prov-3', 'alice'));
    const bobs = {
      ...connectionDoc('prov-3', 'alice', { updatedBy: 'bob', description: 'Bob was here' }),
      _rev: made.body.rev,
    };
    expect(await put(asBob, { ...bobs, createdBy: 'bob' })).toEqual(
      forbidden('createdBy: cannot change: it stays "alice".'),
    );
    const changed = await put(asBob, bobs);
    expect(changed.status).toBe(201);
    const stored = (await send('GET', `${db}/connection:prov-3`, asAlice)).body;
    expect(stored).toMatchObject({ createdBy: 'alice', updatedBy: 'bob', description: 'Bob was here' });
  });

  it('exempts the server admin from provenance, not from shape', async () => {
    expect((await put(asAdmin, connectionDoc('prov-4', 'seed@example.com'))).status).toBe(201);
    expect(await put(asAdmin, connectionDoc('prov-5', 'seed@example.com', { status: 'x' }))).toEqual(
      forbidden('status: must be "active" or "inactive".'),
    );
    // A role admin is a member like any other here.
    expect(await put(asRita, connectionDoc('prov-6', 'alice'))).toEqual(
      forbidden('updatedBy: must be your user name, "rita".'),
    );
  });
});

describe('rule 3: connection roles', () => {
  it('refuses a member’s create, change and tombstone of a role with the one reason', async () => {
    expect(await put(asAlice, roleDoc('r-alice'))).toEqual(forbidden(ROLE_REFUSAL));
    const made = await put(asRita, roleDoc('r-shared'));
    expect(made.status).toBe(201);
    expect(await put(asAlice, { ...roleDoc('r-shared', { name: 'Renamed' }), _rev: made.body.rev })).toEqual(
      forbidden(ROLE_REFUSAL),
    );
    expect(await put(asAlice, { ...tombstoneDoc('role', 'r-shared'), _rev: made.body.rev })).toEqual(
      forbidden(ROLE_REFUSAL),
    );
    expect(ROLE_REFUSAL).toBe('Only members with the connections-admin role may change connection roles.');
  });

  it('lets connections-admin members and the server admin create, change and delete roles', async () => {
    for (const [headers, key] of [
      [asRita, 'r-by-rita'],
      [asAdmin, 'r-by-admin'],
    ] as const) {
      const made = await put(headers, roleDoc(key));
      expect(made.status, key).toBe(201);
      const changed = await put(headers, { ...roleDoc(key, { name: 'Renamed' }), _rev: made.body.rev });
      expect(changed.status, key).toBe(201);
      const tomb = await put(headers, { ...tombstoneDoc('role', key), _rev: changed.body.rev });
      expect(tomb.status, key).toBe(201);
      const gone = await send('DELETE', `${db}/role:${key}?rev=${tomb.body.rev}`, headers);
      expect(gone.status, key).toBe(200);
    }
    // Shape still holds for them.
    expect(await put(asRita, roleDoc('r-bad', { category: 'Nope' }))).toEqual(
      forbidden('category: must be one of: Business, Family, Social, Sales, Service, Stakeholder, Sales Team, Other.'),
    );
  });
});

describe('the connections-admin role', () => {
  it('is in the user’s roles, as GET /_session reports them, for --role-admin users only', async () => {
    expect(server.roleAdmins).toEqual(['rita']);
    const rita = await send('GET', `${server.url}/_session`, asRita);
    expect(rita.body.userCtx).toEqual({ name: 'rita', roles: ['connections-admin'] });
    const alice = await send('GET', `${server.url}/_session`, asAlice);
    expect(alice.body.userCtx).toEqual({ name: 'alice', roles: [] });
    const doc = await send('GET', `${server.url}/_users/org.couchdb.user:rita`, asRita);
    expect(doc.body.roles).toEqual(['connections-admin']);
  });

  it('cannot be taken by a member themselves (defect e), while their password change still works', async () => {
    const path = `${server.url}/_users/org.couchdb.user:bob`;
    const own = (await send('GET', path, asBob)).body;
    expect(await send('PUT', path, asBob, { ...own, roles: ['connections-admin'] })).toEqual(
      forbidden('Only _admin may edit roles'),
    );
    const viaBulk = await send('POST', `${server.url}/_users/_bulk_docs`, asBob, {
      docs: [{ ...own, roles: ['connections-admin'] }],
    });
    expect(viaBulk.body).toEqual([{ id: own._id, error: 'forbidden', reason: 'Only _admin may edit roles' }]);
    expect((await send('GET', `${server.url}/_session`, asBob)).body.userCtx.roles).toEqual([]);

    const renewed = await send('PUT', path, asBob, { ...own, password: 'bob-new-pass' });
    expect(renewed.status).toBe(201);
    const asNewBob = { Authorization: basic({ name: 'bob', password: 'bob-new-pass' }) };
    expect((await send('GET', db, asNewBob)).status).toBe(200);
    expect(
      (await send('PUT', path, asNewBob, { ...(await send('GET', path, asNewBob)).body, password: BOB.password }))
        .status,
    ).toBe(201);
  });

  it('is kept in step by team set-up: given, taken from a listed user, kept by unlisted ones', async () => {
    const roles = async (name: string) =>
      (await send('GET', `${server.url}/_users/org.couchdb.user:${name}`, asAdmin)).body.roles;
    // Listed without --role-admin: taken away; named again: given back.
    let team = await setUpTeam(server.url, ADMIN, 'connections', [RITA]);
    expect(await roles('rita')).toEqual([]);
    expect(team.roleAdmins).toEqual([]);
    team = await setUpTeam(server.url, ADMIN, 'connections', [RITA], { roleAdmins: ['rita'] });
    expect(await roles('rita')).toEqual(['connections-admin']);
    // Not listed: keeps what they have, and may be named to get it; others' roles stay.
    team = await setUpTeam(server.url, ADMIN, 'connections', [], { roleAdmins: ['alice'] });
    expect(team.roleAdmins).toEqual(['alice', 'rita']);
    expect((await send('GET', `${server.url}/_session`, asAlice)).body.userCtx.roles).toEqual(['connections-admin']);
    team = await setUpTeam(server.url, ADMIN, 'connections', [ALICE]);
    expect(team.roleAdmins).toEqual(['rita']);
    expect(team.updated).toEqual([]);
    // Naming someone who does not exist changes nothing and says why.
    await expect(setUpTeam(server.url, ADMIN, 'connections', [ALICE], { roleAdmins: ['nobody'] })).rejects.toThrow(
      'No user "nobody" to give the connections-admin role: add it as a user (--user nobody:PASSWORD).',
    );
  });

  it('is given on the command line with --role-admin NAME or SYNC_ROLE_ADMIN', () => {
    const options = parseCli(['--admin', 'a:b', '--user', 'rita:pw', '--role-admin', 'rita'], {});
    expect(options.roleAdmins).toEqual(['rita']);
    expect(parseCli(['--admin', 'a:b'], { SYNC_ROLE_ADMIN: 'rita, sam' }).roleAdmins).toEqual(['rita', 'sam']);
    expect(() => parseCli(['--admin', 'a:b', '--role-admin', 'rita:pw'], {})).toThrow(UsageError);
    expect(() => parseCli(['--admin', 'a:b', '--role-admin', 'rita:pw'], {})).toThrow(
      /--role-admin wants a user's NAME/,
    );
  });
});

describe('defect f: replication keeps revisions under the rules', () => {
  it('stores a replicated document’s later revisions, and counts a refused one as a write failure', async () => {
    const remote = new PouchDB(`${server.url.replace('http://', 'http://alice:alice-pass@')}/connections`);
    const local = new PouchDB(path.join(dataDir, 'replica'));
    try {
      let rev = (await local.put(connectionDoc('replicated', 'alice', { description: 'v1' }))).rev;
      rev = (await local.put({ ...connectionDoc('replicated', 'alice', { description: 'v2' }), _rev: rev })).rev;
      expect((await PouchDB.replicate(local, remote)).docs_written).toBe(1);
      rev = (await local.put({ ...connectionDoc('replicated', 'alice', { description: 'v3' }), _rev: rev })).rev;
      rev = (await local.put({ ...connectionDoc('replicated', 'alice', { description: 'v4' }), _rev: rev })).rev;
      await local.put(connectionDoc('replicated-bad', 'alice', { status: 'gone' }));
      const pushed = await PouchDB.replicate(local, remote);
      expect(pushed).toMatchObject({ docs_written: 1, doc_write_failures: 1 });
      const stored = await send('GET', `${db}/connection:replicated?revs=true`, asAlice);
      // Before the fix: still v2 at 2-…, with no history, while the replicator reported success.
      expect(stored.body).toMatchObject({ _rev: rev, description: 'v4' });
      expect(stored.body._revisions.ids).toHaveLength(4);
    } finally {
      await local.close();
      await remote.close();
    }
  });
});
