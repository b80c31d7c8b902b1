// Scenario "sync": initial pull of 50,000 documents and push of 10,000 local changes, our sync
// engine (lib/sync over lib/store, the code the background runs) against PouchDB's own
// replication (pouchdb-browser), both in the same browser, against the same local sync server
// (npm run sync-server, leveldb) in the same run. Each run starts from an empty local store and,
// for pushes, an empty database. Reports docs/s; never asserts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../../server/seed.mjs';
import { startSyncServer } from '../../server/sync-server.mjs';
import { setUpTeam } from '../../server/team-setup.mjs';
import { DEMO_RECORDS } from '../../demo/records.mjs';
import { buildExtension } from '../harness/build.mjs';
import { withCrmBrowser, withPage } from '../harness/browser.mjs';
import { asInput, clickOurs, OURS, recordKey, waitForRecord } from '../harness/crm.mjs';
import { fmt, median, table } from '../harness/stats.mjs';

const ADMIN = { name: 'admin', password: 'bench-admin' };
const MEMBER = { name: 'bench', password: 'bench-pass' };
const PULL_DOCS = 50_000;
const PUSH_DOCS = 10_000;
const TARGET_RATIO = 2;
const PROPAGATIONS = 10;
const PROPAGATION_TARGET_MS = 2_000;
const [hot] = DEMO_RECORDS.filter((r) => r.crm === 'dynamics365');
const targets = DEMO_RECORDS.filter((r) => r.crm !== 'dynamics365');

const ENGINES = [
  { key: 'ours', label: 'ours: lib/sync (validate, conflict rule, 1,000/page, 500/batch)' },
  { key: 'pouch100', label: 'PouchDB 9 replicate, default batch_size 100', batch: 100 },
  { key: 'pouchBig', label: 'PouchDB 9 replicate, batch_size 1,000 pull / 500 push', pull: 1000, push: 500 },
];

export default {
  name: 'sync',
  title: 'Sync throughput against a local CouchDB-protocol server (docs/s)',

  async run(ctx) {
    const dataDir = await mkdtemp(join(tmpdir(), 'bench-sync-'));
    // The bench page calls the server from a web page (PouchDB and our engine side by side), so
    // its origin is named for CORS; the extension itself needs none.
    const server = await startSyncServer({
      port: 0,
      dataDir,
      admin: ADMIN,
      users: [MEMBER],
      corsOrigins: [new URL(ctx.pageUrl).origin],
      quiet: true,
    });
    const url = `${server.url}/`;
    const admin = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;
    let dbs = 0;
    /** A members-only database, set up as the server itself does at start. */
    const newDatabase = async (name) => {
      const db = `${name}-${++dbs}`;
      await setUpTeam(server.url, ADMIN, db, [MEMBER]);
      return { url, database: db, username: MEMBER.name, password: MEMBER.password };
    };
    try {
      const runs = ctx.runs ?? 1;
      const pullN = ctx.sizes?.[0] ?? PULL_DOCS;
      const pushN = ctx.sizes?.[1] ?? PUSH_DOCS;
      ctx.log(`sync: seeding ${pullN.toLocaleString('en-US')} documents`);
      const source = await newDatabase('pull-source');
      await seedDatabase({ url, database: source.database, auth: admin, count: pullN });
      const perRun = Object.fromEntries(ENGINES.map((e) => [e.key, { pull: [], push: [] }]));
      for (let r = 1; r <= runs; r++) {
        for (const e of ENGINES) {
          ctx.log(`sync run ${r}/${runs}: ${e.key} pull ${pullN}`);
          const pull = await withPage(ctx.pageUrl, (page) =>
            page.evaluate(
              ([key, target, batch]) =>
                key === 'ours' ? window.bench.sync.oursPull(target) : window.bench.sync.pouchPull(target, batch),
              [e.key, source, e.pull ?? e.batch],
            ),
          );
          perRun[e.key].pull.push({ ...pull, rate: (pull.docs / pull.ms) * 1000 });
          ctx.log(`sync run ${r}/${runs}: ${e.key} push ${pushN}`);
          const target = await newDatabase(`push-${e.key}`);
          const push = await withPage(ctx.pageUrl, (page) =>
            page.evaluate(
              ([key, target, n, batch]) =>
                key === 'ours' ? window.bench.sync.oursPush(target, n) : window.bench.sync.pouchPush(target, n, batch),
              [e.key, target, pushN, e.push ?? e.batch],
            ),
          );
          perRun[e.key].push.push({ ...push, rate: (push.docs / push.ms) * 1000 });
        }
      }
      ctx.log(`sync: live propagation between two browsers, ${PROPAGATIONS} connections`);
      const propagation = await measurePropagation(await newDatabase('live'));
      const results = { pullDocs: pullN, pushDocs: pushN, runs, engines: {}, propagation };
      for (const e of ENGINES) {
        const { pull, push } = perRun[e.key];
        results.engines[e.key] = {
          pullRate: median(pull.map((x) => x.rate)),
          pullMs: median(pull.map((x) => x.ms)),
          pushRate: median(push.map((x) => x.rate)),
          pushMs: median(push.map((x) => x.ms)),
          pull,
          push,
        };
      }
      return { text: report(results), results };
    } finally {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
};

/**
 * Two browsers with the real extension, both syncing live with the server: A creates a
 * connection (as its dialog would, through the protocol) and we time until B's open panel on the
 * same record counts it. Includes A's push delay, the server, B's long-poll, its store and paint.
 */
async function measurePropagation(target) {
  const dir = await buildExtension({ full: true, grantHosts: ['http://127.0.0.1/*'] });
  return withCrmBrowser(dir, (a) =>
    withCrmBrowser(dir, async (b) => {
      const send = (page, type, payload) =>
        page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload]);
      const ext = {};
      for (const [name, s] of [
        ['a', a],
        ['b', b],
      ]) {
        ext[name] = await s.context.newPage();
        await ext[name].goto(s.extensionUrl('popup.html'));
        const reply = await send(ext[name], 'sync.configure', { enabled: true, ...target });
        if (!reply.ok) throw new Error(`sync.configure: ${reply.error.message}`);
      }
      for (const page of Object.values(ext)) {
        await page.waitForFunction(
          async () => (await chrome.runtime.sendMessage({ type: 'sync.status', payload: {} })).value.state === 'synced',
          null,
          { polling: 200, timeout: 30_000 },
        );
      }
      const page = await b.context.newPage();
      await page.goto(hot.url);
      await waitForRecord(page, recordKey(hot), 0);
      await clickOurs(page, 'the panel tab', OURS.tab);
      const times = [];
      for (let i = 0; i < PROPAGATIONS; i++) {
        const t0 = Date.now();
        const made = await send(ext.a, 'connections.create', { from: asInput(hot), to: asInput(targets[i]) });
        if (!made.ok) throw new Error(`connections.create: ${made.error.message}`);
        await waitForRecord(page, recordKey(hot), i + 1, 10_000);
        times.push(Date.now() - t0);
        await page.waitForTimeout(300);
      }
      return { times, median: median(times), max: Math.max(...times) };
    }),
  );
}

function report(results) {
  const rows = [];
  for (const e of ENGINES) {
    const s = results.engines[e.key];
    rows.push([e.label, 'pull', results.pullDocs.toLocaleString('en-US'), fmt(s.pullMs), Math.round(s.pullRate)]);
    rows.push([e.label, 'push', results.pushDocs.toLocaleString('en-US'), fmt(s.pushMs), Math.round(s.pushRate)]);
  }
  const ours = results.engines.ours;
  const ratio = (peer, dir) => (ours[dir] / results.engines[peer][dir]).toFixed(1);
  const verdict = (dir) =>
    `${ratio('pouch100', dir)}× PouchDB's own replication (default settings), ` +
    `${ratio('pouchBig', dir)}× PouchDB with our batch sizes (target ≥ ${TARGET_RATIO}×)`;
  return [
    table(['engine', 'direction', 'docs', 'ms', 'docs/s'], rows, ['l', 'l', 'r', 'r', 'r']),
    '',
    `Pull: ours ${Math.round(ours.pullRate)} docs/s = ${verdict('pullRate')}.`,
    `Push: ours ${Math.round(ours.pushRate)} docs/s = ${verdict('pushRate')}.`,
    `Runs: ${results.runs} (median shown). Check: every engine stored all documents (see results.json).`,
    '',
    `Live propagation, browser A creates → browser B's open panel counts it (${results.propagation.times.length} connections): ` +
      `median ${fmt(results.propagation.median)} ms, max ${fmt(results.propagation.max)} ms (target ≤ ${PROPAGATION_TARGET_MS} ms).`,
  ].join('\n');
}
