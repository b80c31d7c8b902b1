// Scenario "connections of one record": our background lookup vs PouchDB vs the raw IndexedDB
// floor on identical seeded data, each engine in its own fresh profile. Page side:
// bench/page/record-lookup.ts. Reports; never asserts (timings are not pass/fail).
import { buildExtension } from '../harness/build.mjs';
import { open, withExtensionPage, withPage } from '../harness/browser.mjs';
import { fmt, median, medianOfRuns, percentile, table } from '../harness/stats.mjs';

const LOOKUPS = 200;
const ROUND_TRIP_N = 10_000;
/** Idle time between load and measurement, the same for every engine. */
const SETTLE_MS = 2_000;
const LABELS = {
  raw: 'raw IndexedDB getAll on by-endpoint (floor)',
  ours: 'ours: listForRecord handler (idb 8)',
  pouchdb: 'PouchDB 9 idb adapter, map/reduce view',
  roundTrip: 'extension round trip, includes messaging',
  direct: 'ours, same extension page, no messaging',
};

/** p50/p95 of the ordinary lookups, median of the hot-record lookups, plus load figures. */
const summarize = (t, load) => ({
  p50: percentile(t.lookups, 0.5),
  p95: percentile(t.lookups, 0.95),
  hot: median(t.hot),
  loadMs: load?.loadMs,
  writeMs: load?.writeMs,
  indexMs: load?.indexMs,
  results: t.results,
  hotResults: t.hotResults,
  isolated: t.isolated,
});

/**
 * Loads in a fresh profile, reloads (so nothing cached in JS survives the load), lets the
 * browser finish its post-load disk work, then measures: `{ load, <lookup name>: timings… }`.
 */
async function session(url, loadFn, measureFn, { n, seed }) {
  return withPage(url, async (page) => {
    const load = await page.evaluate(([fn, n, seed]) => window.bench.recordLookup[fn](n, seed), [loadFn, n, seed]);
    await open(page);
    await page.waitForTimeout(SETTLE_MS);
    const timings = await page.evaluate(
      ([fn, n, seed, count]) => window.bench.recordLookup[fn](n, seed, count),
      [measureFn, n, seed, LOOKUPS],
    );
    return { load, ...timings };
  });
}

async function measureSize(ctx, n, runs) {
  const perRun = { ours: [], raw: [], pouchdb: [] };
  let dataset;
  for (let r = 1; r <= Math.max(runs.ours, runs.pouchdb); r++) {
    if (r <= runs.ours) {
      ctx.log(`N=${n} ours + raw, run ${r}/${runs.ours}`);
      const o = await session(ctx.pageUrl, 'loadOurs', 'measureOurs', { n, seed: ctx.seed });
      perRun.ours.push(summarize(o.ours, o.load));
      perRun.raw.push(summarize(o.raw));
      dataset = { docs: n, avgDocBytes: o.load.avgDocBytes };
    }
    if (r <= runs.pouchdb) {
      ctx.log(`N=${n} PouchDB, run ${r}/${runs.pouchdb} (load + view build takes minutes at 100k)`);
      const p = await session(ctx.pageUrl, 'loadPouch', 'measurePouch', { n, seed: ctx.seed });
      perRun.pouchdb.push(summarize(p.pouchdb, p.load));
    }
  }
  const engines = Object.fromEntries(Object.entries(perRun).map(([k, v]) => [k, { ...medianOfRuns(v), runs: v }]));
  const { ours, pouchdb } = engines;
  const ratios = {
    p50: pouchdb.p50 / ours.p50,
    p95: pouchdb.p95 / ours.p95,
    hot: pouchdb.hot / ours.hot,
    load: pouchdb.loadMs / ours.loadMs,
  };
  // Same seed, same data: every engine in every run must have found the same connections.
  const counts = new Set(Object.values(perRun).flatMap((runs) => runs.map((s) => `${s.results}/${s.hotResults}`)));
  return { runs, dataset, engines, ratios, resultsMatch: counts.size === 1 };
}

/** The same lookup sent as a message from an extension page to the real service worker. */
async function measureRoundTrip(ctx, runs) {
  ctx.log('extension: building (wxt, background only)');
  const dir = await buildExtension();
  const perRun = { roundTrip: [], direct: [] };
  for (let r = 1; r <= runs; r++) {
    ctx.log(`extension run ${r}/${runs}: seed ${ROUND_TRIP_N} connections, time round trips`);
    await withExtensionPage(dir, 'bench.html', async (page) => {
      // Seeded straight into the extension's IndexedDB from its own page (same origin as the
      // worker): 10k creates through messages would take minutes and measure validation instead.
      const args = [ROUND_TRIP_N, ctx.seed, LOOKUPS];
      const load = await page.evaluate(([n, seed]) => window.bench.recordLookup.loadOurs(n, seed), args);
      await open(page);
      await page.waitForTimeout(SETTLE_MS);
      const t = await page.evaluate(([n, s, c]) => window.bench.recordLookup.measureRoundTrip(n, s, c), args);
      perRun.roundTrip.push(summarize(t.roundTrip, load));
      perRun.direct.push(summarize(t.direct));
    });
  }
  return Object.fromEntries(Object.entries(perRun).map(([k, v]) => [k, { ...medianOfRuns(v), runs: v }]));
}

const row = (label, n, s, load) => [label, n.toLocaleString('en-US'), fmt(s.p50), fmt(s.p95), fmt(s.hot), load];

function report(sizes, extension) {
  const headers = ['engine / query path', 'N', 'p50', 'p95', 'hot record', 'load + index'];
  const rows = [];
  const lines = [];
  for (const [n, s] of Object.entries(sizes)) {
    const { raw, ours, pouchdb } = s.engines;
    const N = Number(n);
    rows.push(row(LABELS.raw, N, raw, 'same store'));
    rows.push(row(LABELS.ours, N, ours, fmt(ours.loadMs)));
    rows.push(row(LABELS.pouchdb, N, pouchdb, fmt(pouchdb.loadMs)));
    const r = s.ratios;
    lines.push(
      `N=${N.toLocaleString('en-US')} (runs: ours ${s.runs.ours}, PouchDB ${s.runs.pouchdb}; ~${s.dataset.avgDocBytes} B/doc): ` +
        `PouchDB p95 / ours p95 = ${r.p95.toFixed(1)}× (p50 ${r.p50.toFixed(1)}×, hot ${r.hot.toFixed(1)}×, load ${r.load.toFixed(1)}×)` +
        (s.resultsMatch ? '' : '  WARNING: engines returned different result counts'),
    );
  }
  if (extension?.roundTrip) {
    const N = ROUND_TRIP_N;
    rows.push(row(LABELS.roundTrip, N, extension.roundTrip, `${fmt(extension.roundTrip.loadMs)} (seed)`));
    rows.push(row(LABELS.direct, N, extension.direct, 'same store'));
  }
  return [table(headers, rows, ['l', 'r', 'r', 'r', 'r', 'r']), '', ...lines].join('\n');
}

export default {
  name: 'record-lookup',
  title: 'Connections of one record (ms)',
  sizes: [10_000, 100_000],
  /** Runs per size and engine; PouchDB takes ~7 minutes per 100k load, so it runs once there. */
  defaultRuns: (n, engine) => (n >= 100_000 && engine === 'pouchdb' ? 1 : 3),

  async run(ctx) {
    const sizes = {};
    for (const n of ctx.sizes ?? this.sizes) {
      const runs = {
        ours: ctx.runs ?? this.defaultRuns(n, 'ours'),
        pouchdb: ctx.runs ?? this.defaultRuns(n, 'pouchdb'),
      };
      sizes[n] = await measureSize(ctx, n, runs);
    }
    let extension;
    if (!ctx.extension) extension = { skipped: 'disabled with --no-extension' };
    else if (!(ROUND_TRIP_N in sizes)) extension = { skipped: `only measured when --sizes includes ${ROUND_TRIP_N}` };
    else {
      try {
        extension = await measureRoundTrip(ctx, ctx.runs ?? this.defaultRuns(ROUND_TRIP_N, 'ours'));
      } catch (e) {
        // The lookup numbers above still stand; say why this part is missing and go on.
        ctx.log(`extension round trip failed: ${e.stack ?? e}`);
        extension = { skipped: `failed: ${e.message.split('\n')[0]}` };
      }
    }
    const text = report(sizes, extension);
    const note = extension.skipped ? `\nExtension round trip skipped (${extension.skipped}).` : '';
    return { text: text + note, results: { lookups: LOOKUPS, sizes, extension } };
  },
};
