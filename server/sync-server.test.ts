// The sync server against real HTTP: CouchDB calls the extension's sync relies on, the
// express-pouchdb defects fixed in fixes.mjs (the ones about validation are in team-rules.test.ts),
// the access rules (access.mjs), CORS, the Host check, restart on the same data, and the command
// line. Documents written are valid under the team's rules (team-docs.ts).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostCheck } from './hosts.mjs';
import { startSyncServer, type SyncServer } from './sync-server.mjs';
import { connectionDoc } from './team-docs';
import { setUpTeam } from './team-setup.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Untyped CommonJS; only used as a CouchDB replication client here.
const PouchDB = createRequire(import.meta.url)('pouchdb-node');
const ADMIN = { name: 'admin', password: 'admin-secret' };
const ALICE = { name: 'alice', password: 'alice:pass' };
const BOB = { name: 'bob', password: 'bob-pass' };
// The one page origin the main test server allows (as the bench passes its page's origin).
const PAGE_ORIGIN = 'http://127.0.0.1:5174';
const basic = (u: { name: string; password: string }) =>
  'Basic ' + Buffer.from(`${u.name}:${u.password}`).toString('base64');

const tempDirs: string[] = [];
async function tempDir() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sync-server-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true });
});

/** fetch that gives up after `ms`, so no test can hang on the server. */
function call(url: string, init: RequestInit & { json?: unknown } = {}, ms = 5000) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('Content-Type', 'application/json');
  return fetch(url, {
    ...init,
    headers,
    body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    signal: AbortSignal.timeout(ms),
  });
}

/** A request with a Host header of our choosing (fetch sets its own), read whole. */
function rawRequest(url: string, o: { method?: string; host?: string; headers?: Record<string, string> } = {}) {
  const target = new URL(url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: o.method ?? 'GET',
        headers: { ...o.headers, ...(o.host !== undefined ? { Host: o.host } : {}) },
        setHost: o.host === undefined,
        timeout: 5000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Reads a streamed body, noting when each piece arrived. */
async function readTimed(res: Response, ms: number) {
  const started = Date.now();
  const pieces: { at: number; text: string }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const deadline = setTimeout(() => void reader.cancel(), ms);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push({ at: Date.now() - started, text: decoder.decode(value, { stream: true }) });
    }
  } finally {
    clearTimeout(deadline);
  }
  return pieces;
}

describe('sync server', () => {
  let server: SyncServer;
  let db: string;
  const asAlice = { Authorization: basic(ALICE) };
  const asAdmin = { Authorization: basic(ADMIN) };

  beforeAll(async () => {
    server = await startSyncServer({
      port: 0,
      dataDir: await tempDir(),
      admin: ADMIN,
      users: [ALICE],
      corsOrigins: [PAGE_ORIGIN],
      quiet: true,
    });
    db = `${server.url}/connections`;
  });
  afterAll(() => server?.close());

  it('starts on loopback with the database, the users and members-only security', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.users).toEqual(['alice']);
    const security = await (await call(`${db}/_security`, { headers: asAdmin })).json();
    expect(security.members).toEqual({ names: ['alice'], roles: ['_admin'] });
    expect((await call(db)).status).toBe(401);
    expect((await call(`${db}/_all_docs`)).status).toBe(401);
    expect((await call(`${db}/x`, { method: 'PUT', json: { a: 1 } })).status).toBe(401);
    const info = await (await call(db, { headers: asAlice })).json();
    expect(info).toMatchObject({
      db_name: 'connections',
      doc_count: expect.any(Number),
      update_seq: expect.any(Number),
    });
  });

  it('refuses a wrong password with 401 and stays healthy', async () => {
    const res = await call(db, { headers: { Authorization: basic({ name: 'alice', password: 'wrong' }) } });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('unauthorized');
    expect((await call(db, { headers: asAlice })).status).toBe(200);
  });

  it('logs in with POST /_session and serves the cookie session', async () => {
    const login = await call(`${server.url}/_session`, { method: 'POST', json: ALICE });
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ ok: true, name: 'alice' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^AuthSession=./);
    const session = await (await call(`${server.url}/_session`, { headers: { Cookie: cookie } })).json();
    expect(session.userCtx.name).toBe('alice');
    expect((await call(db, { headers: { Cookie: cookie } })).status).toBe(200);
    const bad = await call(`${server.url}/_session`, { method: 'POST', json: { name: 'alice', password: 'no' } });
    expect(bad.status).toBe(401);
  });

  it('writes with _bulk_docs and reports a stale _rev as a per-document 409 conflict', async () => {
    const docs = [1, 2, 3].map((n) => connectionDoc(`bulk-${n}`, 'alice', { description: `${n}` }));
    const res = await call(`${db}/_bulk_docs`, { method: 'POST', headers: asAlice, json: { docs } });
    expect(res.status).toBe(201);
    // PouchDB may answer in another order than the documents were sent (CouchDB keeps it):
    // clients match answers by id.
    const written: { ok: boolean; id: string; rev: string }[] = (await res.json()).sort(
      (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : 1),
    );
    expect(written.map((r) => [r.ok, r.id])).toEqual([
      [true, 'connection:bulk-1'],
      [true, 'connection:bulk-2'],
      [true, 'connection:bulk-3'],
    ]);

    const first = written[0]!;
    await call(`${db}/_bulk_docs`, {
      method: 'POST',
      headers: asAlice,
      json: { docs: [{ ...docs[0], _rev: first.rev, description: '10' }] },
    });
    const stale = await call(`${db}/_bulk_docs`, {
      method: 'POST',
      headers: asAlice,
      json: {
        docs: [
          { ...docs[0], _rev: first.rev, description: '11' },
          connectionDoc('bulk-4', 'alice', { description: '4' }),
        ],
      },
    });
    expect(stale.status).toBe(201);
    const results = await stale.json();
    const byId = new Map(results.map((r: { id: string }) => [r.id, r]));
    expect(byId.get('connection:bulk-1')).toEqual({
      id: 'connection:bulk-1',
      error: 'conflict',
      reason: 'Document update conflict',
    });
    expect(byId.get('connection:bulk-4')).toMatchObject({ ok: true, id: 'connection:bulk-4' });
  });

  it('reads POST /_all_docs?include_docs=true with keys, a missing key included', async () => {
    const res = await call(`${db}/_all_docs?include_docs=true`, {
      method: 'POST',
      headers: asAlice,
      json: { keys: ['connection:bulk-2', 'nope', 'connection:bulk-3'] },
    });
    expect(res.status).toBe(200);
    const { rows } = await res.json();
    expect(rows[0]).toMatchObject({ id: 'connection:bulk-2', doc: { _id: 'connection:bulk-2', description: '2' } });
    expect(rows[1]).toEqual({ key: 'nope', error: 'not_found' });
    expect(rows[2].doc.description).toBe('3');
  });

  it('pages _changes with since, include_docs and limit; seq and last_seq are numbers, no pending', async () => {
    const before = await (await call(db, { headers: asAlice })).json();
    const docs = Array.from({ length: 5 }, (_, i) => connectionDoc(`page-${i}`, 'alice'));
    await call(`${db}/_bulk_docs`, { method: 'POST', headers: asAlice, json: { docs } });

    const seen: string[] = [];
    let since: unknown = before.update_seq;
    for (let page = 0; page < 5; page++) {
      const res = await call(`${db}/_changes?since=${since}&include_docs=true&limit=2`, { headers: asAlice });
      const body = await res.json();
      expect(typeof body.last_seq).toBe('number');
      expect('pending' in body).toBe(false);
      for (const change of body.results) {
        expect(typeof change.seq).toBe('number');
        expect(change.doc._id).toBe(change.id);
        seen.push(change.id);
      }
      if (!body.results.length) break;
      since = body.last_seq;
    }
    // PouchDB updates the database info's update_seq a moment after a write is answered, so the
    // `before` read may lag: earlier tests' documents can come first. Ours come, each once.
    expect(seen.filter((id) => id.startsWith('connection:page-')).sort()).toEqual(docs.map((d) => d._id));
    // The info counters catch up a moment after the writes were answered.
    let info = await (await call(db, { headers: asAlice })).json();
    for (let i = 0; i < 20 && info.doc_count < 9; i++) {
      await new Promise((r) => setTimeout(r, 100));
      info = await (await call(db, { headers: asAlice })).json();
    }
    expect(info.update_seq).toBeGreaterThanOrEqual(since as number);
    expect(info.doc_count).toBeGreaterThanOrEqual(9);
  });

  it('lets the admin create a database with PUT /<db>', async () => {
    expect((await call(`${server.url}/scratch`, { method: 'PUT', headers: asAdmin })).status).toBe(201);
    expect((await call(`${server.url}/scratch`, { method: 'PUT', headers: asAdmin })).status).toBe(412);
    expect((await call(`${server.url}/scratch`, { method: 'DELETE', headers: asAdmin })).status).toBe(200);
  });

  describe('defect a: creating a database once an admin exists', () => {
    it('answers 401 to an anonymous or member PUT /<db> instead of crashing the process', async () => {
      for (const headers of [{}, asAlice]) {
        const res = await call(`${server.url}/made-by-anyone`, { method: 'PUT', headers });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: 'unauthorized', reason: 'You are not a server admin.' });
      }
      expect((await call(`${server.url}/`)).status).toBe(200);
      expect(await (await call(`${server.url}/_all_dbs`, { headers: asAdmin })).json()).not.toContain('made-by-anyone');
    });
  });

  describe('defect b: a refused database DELETE', () => {
    it('answers 401 and later requests still get answers', async () => {
      for (const headers of [{}, asAlice]) {
        expect((await call(db, { method: 'DELETE', headers })).status).toBe(401);
        // Before the fix this request, and every later one naming a database, never got an answer.
        const res = await call(db, { headers: asAlice }, 2000);
        expect(res.status).toBe(200);
      }
      expect((await call(`${db}/connection:bulk-2`, { headers: asAlice }, 2000)).status).toBe(200);
    });
  });

  describe('defect c: long-poll _changes', () => {
    it('returns after `timeout` on an idle database with gzip accepted', async () => {
      const started = Date.now();
      const res = await call(`${db}/_changes?feed=longpoll&since=now&timeout=300`, {
        headers: { ...asAlice, 'Accept-Encoding': 'gzip' },
      });
      const body = await res.json();
      expect(Date.now() - started).toBeLessThan(2000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(body).toEqual({ results: [], last_seq: expect.any(Number) });
    });

    it('answers at once when changes are waiting, pages included', async () => {
      const res = await call(`${db}/_changes?feed=longpoll&heartbeat=1000&since=0&include_docs=true&limit=3`, {
        headers: { ...asAlice, 'Accept-Encoding': 'gzip' },
      });
      const body = await res.json();
      expect(body.results).toHaveLength(3);
      expect(body.results[0].doc._id).toBe(body.results[0].id);
      expect(body.last_seq).toBe(body.results[2].seq);
    });

    it('wakes on a new change and returns it with its document', async () => {
      const { update_seq } = await (await call(db, { headers: asAlice })).json();
      const poll = call(`${db}/_changes?feed=longpoll&since=${update_seq}&include_docs=true&timeout=5000`, {
        headers: { ...asAlice, 'Accept-Encoding': 'gzip' },
      });
      await new Promise((resolve) => setTimeout(resolve, 150));
      await call(`${db}/connection:woken`, {
        method: 'PUT',
        headers: asAlice,
        json: connectionDoc('woken', 'alice', { description: 'hello' }),
      });
      const body = await (await poll).json();
      expect(body.results.map((c: { id: string }) => c.id)).toEqual(['connection:woken']);
      expect(body.results[0].doc.description).toBe('hello');
      expect(body.last_seq).toBe(update_seq + 1);
    });

    it('sends heartbeat newlines through gzip while it waits', async () => {
      const res = await call(`${db}/_changes?feed=longpoll&since=now&heartbeat=100&include_docs=true`, {
        headers: { ...asAlice, 'Accept-Encoding': 'gzip' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const started = Date.now();
      const reading = readTimed(res, 4000);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const changedAt = Date.now() - started;
      await call(`${db}/connection:after-heartbeats`, {
        method: 'PUT',
        headers: asAlice,
        json: connectionDoc('after-heartbeats', 'alice'),
      });
      const pieces = await reading;
      const text = pieces.map((p) => p.text).join('');
      // Heartbeats arrived one by one while waiting, before the change: not held back by gzip.
      const early = pieces.filter((p) => p.at < changedAt && /^\n+$/.test(p.text));
      expect(early.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(text).results[0].id).toBe('connection:after-heartbeats');
    });

    it('answers 401 to an anonymous long-poll and survives a client leaving mid-wait', async () => {
      expect((await call(`${db}/_changes?feed=longpoll&since=now&heartbeat=100`)).status).toBe(401);
      const gone = new AbortController();
      const res = await fetch(`${db}/_changes?feed=longpoll&since=now&heartbeat=100`, {
        headers: asAlice,
        signal: gone.signal,
      });
      gone.abort();
      await res.body?.cancel().catch(() => {});
      expect((await call(db, { headers: asAlice })).status).toBe(200);
    });

    it('streams feed=continuous with gzip and ends with last_seq after the timeout', async () => {
      const { update_seq } = await (await call(db, { headers: asAlice })).json();
      const res = await call(`${db}/_changes?feed=continuous&since=${update_seq - 2}&timeout=300`, {
        headers: { ...asAlice, 'Accept-Encoding': 'gzip' },
      });
      const lines = (await res.text())
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(3);
      expect(lines[1].seq).toBe(update_seq);
      expect(lines[2]).toEqual({ last_seq: update_seq });
    });
  });

  it('replicates with PouchDB both ways, and live over long-poll', async () => {
    const remote = new PouchDB(`${server.url.replace('http://', 'http://alice:alice%3Apass@')}/connections`);
    const local = new PouchDB(path.join(await tempDir(), 'replica'));
    try {
      const pulled = await PouchDB.replicate(remote, local);
      expect(pulled.ok).toBe(true);
      expect(pulled.docs_written).toBeGreaterThan(5);
      await local.put(connectionDoc('from-replica', 'alice'));
      expect((await PouchDB.replicate(local, remote)).docs_written).toBe(1);
      expect((await call(`${db}/connection:from-replica`, { headers: asAlice })).status).toBe(200);

      const live = PouchDB.replicate(remote, local, { live: true });
      try {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await call(`${db}/connection:live-doc`, {
          method: 'PUT',
          headers: asAlice,
          json: connectionDoc('live-doc', 'alice', { description: 'v2' }),
        });
        const deadline = Date.now() + 3000;
        let doc;
        while (!doc && Date.now() < deadline) {
          doc = await local.get('connection:live-doc').catch(() => undefined);
          if (!doc) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(doc?.description).toBe('v2');
      } finally {
        live.cancel();
      }
    } finally {
      await local.close();
      await remote.close();
    }
  });

  describe('CORS: only the origins named at start', () => {
    it('answers the preflight with the origin echoed, credentials and the asked headers', async () => {
      const res = await call(`${db}/_bulk_docs`, {
        method: 'OPTIONS',
        headers: {
          Origin: PAGE_ORIGIN,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization,content-type',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    });

    it('marks real responses, errors included, for the named origin', async () => {
      const res = await call(db, { headers: { ...asAlice, Origin: PAGE_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('vary')).toMatch(/Origin/);
      const refused = await call(db, { headers: { Origin: PAGE_ORIGIN } });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
      const login = await call(`${server.url}/_session`, {
        method: 'POST',
        headers: { Origin: PAGE_ORIGIN },
        json: ALICE,
      });
      expect(login.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
    });

    it('allows no other loopback port, no extension and no other site, even with a member’s cookie', async () => {
      const login = await call(`${server.url}/_session`, { method: 'POST', json: ALICE });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const others = [
        'http://127.0.0.1:8080',
        'http://localhost:3000',
        'http://localhost:5174',
        'http://[::1]:5174',
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'moz-extension://6f1c2a9e-1111-2222-3333-444455556666',
        'https://evil.example',
        'null',
      ];
      for (const origin of others) {
        // The read a page would make with the member's cookie: answered (the server does not
        // judge by Origin), but without CORS headers, so the browser keeps it from the page.
        const read = await call(`${db}/_all_docs`, { headers: { Cookie: cookie, Origin: origin } });
        expect(read.status, origin).toBe(200);
        expect(read.headers.get('access-control-allow-origin'), origin).toBeNull();
        expect(read.headers.get('access-control-allow-credentials'), origin).toBeNull();
        const preflight = await call(`${db}/_all_docs`, {
          method: 'OPTIONS',
          headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' },
        });
        expect(preflight.headers.get('access-control-allow-origin'), origin).toBeNull();
      }
    });

    it('refuses * and values that are not origins at start, before anything is made', async () => {
      // Checked before the one-server-per-process rule, so these fail for their own reason.
      await expect(
        startSyncServer({ port: 0, dataDir: await tempDir(), admin: ADMIN, corsOrigins: ['*'], quiet: true }),
      ).rejects.toThrow(/CORS origin "\*" refused: the server allows credentials/);
      await expect(
        startSyncServer({ port: 0, dataDir: await tempDir(), admin: ADMIN, corsOrigins: [`${PAGE_ORIGIN}/`] }),
      ).rejects.toThrow(/not an origin.*did you mean http:\/\/127\.0\.0\.1:5174\?/);
    });
  });

  describe('the Host check (DNS rebinding)', () => {
    it('refuses a Host it does not answer for with 421 and a CouchDB-style error, before CORS and auth', async () => {
      for (const host of [`rebind.attacker.example:${server.port}`, 'rebind.attacker.example', `127.0.0.1:1`]) {
        for (const path of ['/', '/_session', '/_all_dbs', '/connections/_all_docs']) {
          const res = await rawRequest(server.url + path, {
            host,
            headers: { Authorization: basic(ALICE), Origin: PAGE_ORIGIN },
          });
          expect(res.status, `${host} ${path}`).toBe(421);
          expect(res.headers['content-type']).toMatch(/^application\/json/);
          expect(res.headers['access-control-allow-origin']).toBeUndefined();
          const body = JSON.parse(res.body);
          expect(body).toEqual({ error: 'misdirected_request', reason: expect.stringContaining(host) });
        }
      }
      // A write under a foreign name never reaches the database either.
      const put = await rawRequest(`${server.url}/_users/org.couchdb.user:rebound`, {
        method: 'PUT',
        host: `rebind.attacker.example:${server.port}`,
      });
      expect(put.status).toBe(421);
    });

    it('answers for 127.0.0.1, localhost and [::1] with its port', async () => {
      for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
        const res = await rawRequest(`${server.url}/`, { host });
        expect(res.status, host).toBe(200);
      }
      expect((await rawRequest(`${server.url}/`, { host: '127.0.0.1' })).status).toBe(421);
    });

    it('answers on a wildcard address for the address a client reached, and for --host-name names', () => {
      const answer = (
        options: Parameters<typeof hostCheck>[0],
        host: string | undefined,
        socket = { localPort: 5984, localAddress: '::ffff:192.168.1.7' },
      ) => {
        let status = 200;
        let body: unknown;
        hostCheck(options)(
          { headers: { host }, socket },
          { status: (s) => ((status = s), { json: (b) => (body = b) }) },
          () => {},
        );
        return { status, body };
      };
      const wildcard = { host: '0.0.0.0' };
      expect(answer(wildcard, '192.168.1.7:5984').status).toBe(200);
      expect(answer(wildcard, '192.168.1.8:5984').status).toBe(421);
      expect(answer(wildcard, 'localhost:5984').status).toBe(200);
      expect(answer(wildcard, 'team-sync.lan:5984').status).toBe(421);
      expect(answer(wildcard, undefined).body).toEqual({ error: 'misdirected_request', reason: expect.any(String) });
      const named = {
        host: '0.0.0.0',
        hostNames: [{ name: 'team-sync.lan' }, { name: 'couch.example.com', port: 443 }],
      };
      expect(answer(named, 'team-sync.lan:5984').status).toBe(200);
      expect(answer(named, 'TEAM-SYNC.LAN').status).toBe(200);
      expect(answer(named, 'team-sync.lan:8080').status).toBe(421);
      expect(answer(named, 'couch.example.com:443').status).toBe(200);
      expect(answer(named, 'couch.example.com:5984').status).toBe(421);
      const v6 = { host: '::1' };
      expect(answer(v6, '[::1]:5984', { localPort: 5984, localAddress: '::1' }).status).toBe(200);
    });
  });

  describe('the session cookie', () => {
    it('is HttpOnly and SameSite=Strict when set, refreshed and cleared', async () => {
      const login = await call(`${server.url}/_session`, { method: 'POST', json: ALICE });
      const set = login.headers.get('set-cookie')!;
      expect(set).toMatch(/^AuthSession=[^;]+;/);
      expect(set).toMatch(/; HttpOnly/);
      expect(set).toMatch(/; SameSite=Strict/);
      const cookie = set.split(';')[0]!;
      const refreshed = await call(db, { headers: { Cookie: cookie } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.headers.get('set-cookie')).toMatch(/^AuthSession=[^;]+;.*; HttpOnly; SameSite=Strict/);
      const out = await call(`${server.url}/_session`, { method: 'DELETE', headers: { Cookie: cookie } });
      for (const line of out.headers.getSetCookie()) expect(line).toMatch(/; SameSite=Strict/);
    });
  });

  describe('the database list and the users database', () => {
    const asBob = { Authorization: basic(BOB) };
    const userPath = (name: string) => `${server.url}/_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
    const user = (name: string, password = 'pw') => ({ name, password, roles: [], type: 'user' });
    // A second member, made the admin's way.
    beforeAll(async () => {
      const made = await call(userPath(BOB.name), {
        method: 'PUT',
        headers: asAdmin,
        json: user(BOB.name, BOB.password),
      });
      expect(made.status).toBe(201);
    });

    it('answers GET /_all_dbs to the admin only (401 to anonymous clients and members, as CouchDB 3)', async () => {
      for (const headers of [{}, asAlice]) {
        const res = await call(`${server.url}/_all_dbs`, { headers });
        expect(res.status).toBe(401);
        expect(await res.json()).toEqual({ error: 'unauthorized', reason: 'You are not a server admin.' });
      }
      const listed = await call(`${server.url}/_all_dbs`, { headers: asAdmin });
      expect(listed.status).toBe(200);
      expect(await listed.json()).toContain('connections');
    });

    it('refuses anonymous sign-up with 401, by PUT, POST and _bulk_docs; the admin still makes users', async () => {
      const attempts = [
        call(userPath('mallory'), { method: 'PUT', json: user('mallory') }),
        call(`${server.url}/_users`, { method: 'POST', json: { _id: 'org.couchdb.user:mallory', ...user('mallory') } }),
        call(`${server.url}/_users/_bulk_docs`, {
          method: 'POST',
          json: { docs: [{ _id: 'org.couchdb.user:mallory', ...user('mallory') }] },
        }),
        // The name express-pouchdb files under "_users." is "_users" too.
        call(`${server.url}/_users./${encodeURIComponent('org.couchdb.user:mallory')}`, {
          method: 'PUT',
          json: user('mallory'),
        }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(401);
        expect((await res.json()).error).toBe('unauthorized');
      }
      // Anonymous reads of it are refused the same way.
      expect((await call(userPath('alice'))).status).toBe(401);
      expect((await call(`${server.url}/_users/_all_docs`)).status).toBe(401);
      expect((await call(userPath('mallory'), { headers: asAdmin })).status).toBe(404);
      expect((await call(`${server.url}/_session`, { method: 'POST', json: user('mallory') })).status).toBe(401);

      // The admin's way, which team-setup.mjs takes at every start, still works.
      const made = await call(userPath('dave'), { method: 'PUT', headers: asAdmin, json: user('dave', 'd-pass') });
      expect(made.status).toBe(201);
      const login = await call(`${server.url}/_session`, {
        method: 'POST',
        json: { name: 'dave', password: 'd-pass' },
      });
      expect(login.status).toBe(200);
      const team = await setUpTeam(server.url, ADMIN, 'second-team', [ALICE, { name: 'carol', password: 'c-pass' }]);
      expect(team.created).toEqual(['carol']);
      expect(team.members).toEqual(['alice', 'carol']);
      const asCarol = { Authorization: basic({ name: 'carol', password: 'c-pass' }) };
      expect((await call(`${server.url}/second-team`, { headers: asCarol })).status).toBe(200);
    });

    it('answers a member reading another user’s document 404 not_found, as CouchDB 3 does, not 500', async () => {
      const other = await call(userPath('alice'), { headers: asBob });
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ error: 'not_found', reason: 'missing' });
      const absent = await call(userPath('nobody'), { headers: asBob });
      expect(absent.status).toBe(404);
      // COPY reads its source: it cannot take alice's password hash into bob's document either.
      const copy = await call(userPath('alice'), {
        method: 'COPY',
        headers: { ...asBob, Destination: 'org.couchdb.user:bob' },
      });
      expect(copy.status).toBe(404);

      const own = await call(userPath('bob'), { headers: asBob });
      expect(own.status).toBe(200);
      expect((await own.json()).name).toBe('bob');
      const admin = await call(userPath('alice'), { headers: asAdmin });
      expect(admin.status).toBe(200);
      expect((await admin.json()).name).toBe('alice');

      const design = await call(`${server.url}/_users/_design/_auth`, { headers: asBob });
      expect(design.status).toBe(403);
      expect((await design.json()).error).toBe('forbidden');
      for (const path of ['_all_docs', '_changes', '_changes?feed=longpoll&timeout=100']) {
        const res = await call(`${server.url}/_users/${path}`, { headers: asBob });
        expect(res.status, path).toBe(403);
        expect(await res.json()).toEqual({
          error: 'forbidden',
          reason: `Only admins can access ${path.split('?')[0]} of system databases.`,
        });
      }
      const keys = await call(`${server.url}/_users/_all_docs`, {
        method: 'POST',
        headers: asBob,
        json: { keys: ['org.couchdb.user:alice'] },
      });
      expect(keys.status).toBe(403);
      expect((await call(`${server.url}/_users/_all_docs`, { headers: asAdmin })).status).toBe(200);
      // Writing another user's document stays refused as before; one's own is allowed.
      const write = await call(userPath('alice'), {
        method: 'PUT',
        headers: asBob,
        json: { name: 'alice', password: 'taken', roles: [], type: 'user' },
      });
      expect(write.status).toBe(403);
      expect((await call(db, { headers: asAlice })).status).toBe(200);
    });
  });
});

describe('sync server lifecycle', () => {
  it('restarts on the same data folder and port at once, keeping documents, users and sessions', async () => {
    const asAlice = { Authorization: basic(ALICE) };
    const dataDir = await tempDir();
    const first = await startSyncServer({ port: 0, dataDir, admin: ADMIN, users: [ALICE, BOB], quiet: true });
    const { port } = first;
    const db = `${first.url}/connections`;
    let closed = false;
    try {
      const kept = await call(`${db}/connection:kept`, {
        method: 'PUT',
        headers: { Authorization: basic(BOB) },
        json: connectionDoc('kept', 'bob', { description: 'v1' }),
      });
      expect(kept.status).toBe(201);
      const login = await call(`${first.url}/_session`, { method: 'POST', json: ALICE });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      // A client still long-polling does not hold the close up; its poll is cut off.
      const poll = await call(`${db}/_changes?feed=longpoll&since=now&heartbeat=100`, { headers: asAlice });
      const polled = poll.text().then(
        () => 'ended',
        () => 'cut off',
      );
      const closing = Date.now();
      await first.close();
      closed = true;
      expect(Date.now() - closing).toBeLessThan(1000);
      expect(await polled).toBe('cut off');

      // Without --user this time: earlier members keep their access.
      const second = await startSyncServer({ port, dataDir, admin: ADMIN, quiet: true });
      try {
        expect(second.port).toBe(port);
        expect(second.users).toEqual(['alice', 'bob']);
        const doc = await (await call(`${db}/connection:kept`, { headers: { Authorization: basic(BOB) } })).json();
        expect(doc.description).toBe('v1');
        expect((await call(db, { headers: { Cookie: cookie } })).status).toBe(200);
        expect((await call(db)).status).toBe(401);
      } finally {
        await second.close();
      }
    } finally {
      if (!closed) await first.close();
    }
  });

  it('sets a listed user’s password anew when it changed', async () => {
    const dataDir = await tempDir();
    const first = await startSyncServer({ port: 0, dataDir, admin: ADMIN, users: [BOB], quiet: true });
    await first.close();
    const moved = { name: 'bob', password: 'new-pass' };
    const second = await startSyncServer({ port: 0, dataDir, admin: ADMIN, users: [moved], quiet: true });
    try {
      const db = `${second.url}/connections`;
      expect((await call(db, { headers: { Authorization: basic(moved) } })).status).toBe(200);
      expect((await call(db, { headers: { Authorization: basic(BOB) } })).status).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('refuses to start without an admin, or a second server in the same process', async () => {
    await expect(startSyncServer({ port: 0, dataDir: await tempDir() } as never)).rejects.toThrow(/admin/);
    const one = await startSyncServer({ port: 0, dataDir: await tempDir(), admin: ADMIN, quiet: true });
    try {
      await expect(startSyncServer({ port: 0, dataDir: await tempDir(), admin: ADMIN, quiet: true })).rejects.toThrow(
        /already running/,
      );
    } finally {
      await one.close();
    }
  });
});

describe('sync server command line', () => {
  const script = path.join(HERE, 'sync-server.mjs');

  function run(args: string[], env: Record<string, string> = {}) {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, SYNC_ADMIN: '', SYNC_USER: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const waitFor = async (pattern: RegExp, ms: number) => {
      const deadline = Date.now() + ms;
      while (!pattern.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return out.match(pattern);
    };
    return { child, exited, waitFor, output: () => out };
  }

  it('refuses to start without --admin, naming the flag', async () => {
    const cli = run(['--port', '0']);
    const code = await Promise.race([cli.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    expect(code).toBe(2);
    expect(cli.output()).toMatch(/--admin NAME:PASSWORD/);
    expect(cli.output()).toMatch(/no default password/);
  });

  it('refuses --cors-origin * and a --host-name that is no host name, with a one-line reason', async () => {
    for (const [args, reason] of [
      [['--cors-origin', '*'], /^--cors-origin: CORS origin "\*" refused: the server allows credentials[^\n]*\n/],
      [['--cors-origin', 'http://localhost:5173/'], /^--cors-origin: [^\n]*did you mean http:\/\/localhost:5173\?/],
      [['--host-name', 'https://sync.example.test/'], /^--host-name: [^\n]*not a host name/],
    ] as const) {
      const cli = run(['--admin', 'boss:boss-pass', '--port', '0', '--data', await tempDir(), ...args]);
      try {
        const code = await Promise.race([cli.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
        expect(code, cli.output()).toBe(2);
        expect(cli.output()).toMatch(reason);
      } finally {
        cli.child.kill('SIGKILL');
      }
    }
  }, 30_000);

  it('starts from flags and environment, prints URL, database and users, and exits cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const cli = run(
      [
        ...['--port', '0', '--data', dataDir, '--db', 'team', '--user', 'carol:c-pass', '--role-admin', 'carol'],
        ...['--host-name', 'sync.example.test'],
      ],
      { SYNC_ADMIN: 'boss:boss-pass' },
    );
    try {
      const url = (await cli.waitFor(/Sync server: (http:\/\/127\.0\.0\.1:\d+)\//, 10_000))?.[1];
      expect(url, cli.output()).toBeDefined();
      await cli.waitFor(/Running/, 5000);
      expect(cli.output()).toMatch(/Database: +team/);
      expect(cli.output()).toMatch(/Users: +carol/);
      expect(cli.output()).toMatch(/Role admins: +carol\n/);
      expect(cli.output()).toMatch(/Rules: +_design\/team-rules installed now/);
      const res = await call(`${url}/team`, {
        headers: { Authorization: basic({ name: 'carol', password: 'c-pass' }) },
      });
      expect(res.status).toBe(200);
      // --host-name adds a name; others are still refused.
      expect((await rawRequest(`${url}/`, { host: 'sync.example.test' })).status).toBe(200);
      expect((await rawRequest(`${url}/`, { host: 'other.example.test' })).status).toBe(421);
      cli.child.kill('SIGTERM');
      const code = await Promise.race([cli.exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code).toBe(0);
    } finally {
      cli.child.kill('SIGKILL');
    }
    // The process let go of the leveldb files: this process can open the same folder.
    const again = await startSyncServer({ port: 0, dataDir, database: 'team', admin: ADMIN, quiet: true });
    expect(again.users).toEqual(['carol']);
    await again.close();
  });
});
