// `npm run bench [-- <scenario>…] [--sizes 10000,100000] [--runs 3] [--seed 42] [--no-extension]`
// Builds the bench page, serves it on 127.0.0.1, runs each scenario in headless Chromium,
// prints its table and writes bench/results.json. It reports; it never fails on a timing.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildPage } from './harness/build.mjs';
import { browserVersion } from './harness/browser.mjs';
import { machineInfo, sourceInfo } from './harness/machine.mjs';
import { serveStatic } from './harness/server.mjs';
import contentScript from './scenarios/content-script.mjs';
import panel from './scenarios/panel.mjs';
import recordLookup from './scenarios/record-lookup.mjs';
import sync from './scenarios/sync.mjs';
import tryton from './scenarios/tryton.mjs';
import { ensurePackages, NEEDS } from '../scripts/system-deps.mjs';

/** Every scenario, in the order `npm run bench` runs them; each is a module in scenarios/. */
const SCENARIOS = [recordLookup, contentScript, panel, sync, tryton];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '42' },
    'no-extension': { type: 'boolean', default: false },
  },
});
const unknown = positionals.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length) {
  console.error(`Unknown scenario: ${unknown.join(', ')}. Known: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
  process.exit(2);
}
const chosen = positionals.length ? SCENARIOS.filter((s) => positionals.includes(s.name)) : SCENARIOS;
// Chromium always; a real Tryton for the tryton scenario. Installed when missing (as root).
const packages = ensurePackages(chosen.includes(tryton) ? NEEDS.bench : NEEDS.start);
if (!packages.ok) {
  console.error(packages.message);
  process.exit(1);
}

const RESULTS = new URL('./results.json', import.meta.url);
const started = Date.now();
const log = (msg) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

log('building bench page (vite)');
const server = await serveStatic(await buildPage());
const pageUrl = `${server.origin}/index.html`;
try {
  const machine = { ...(await machineInfo()), chromium: await browserVersion(pageUrl) };
  const source = await sourceInfo();
  const ctx = {
    pageUrl,
    log,
    seed: Number(values.seed),
    sizes: values.sizes?.split(',').map((s) => Number(s.replaceAll('_', ''))),
    runs: values.runs ? Number(values.runs) : undefined,
    extension: !values['no-extension'],
  };
  const scenarios = {};
  for (const scenario of chosen) {
    log(`scenario ${scenario.name}`);
    const { text, results } = await scenario.run(ctx);
    scenarios[scenario.name] = { title: scenario.title, date: new Date().toISOString(), source, ...results };
    console.log(`\n## ${scenario.title}\n\n${text}\n`);
  }
  // Running some scenarios keeps the others' last results, each with its own date and code.
  const previous = await readFile(RESULTS, 'utf8').then(JSON.parse, () => null);
  for (const { name } of SCENARIOS) {
    const kept = previous?.scenarios?.[name];
    if (!scenarios[name] && kept) scenarios[name] = { date: previous.date, source: previous.source, ...kept };
  }
  const durationS = Math.round((Date.now() - started) / 1000);
  const out = { date: new Date().toISOString(), machine, source, seed: ctx.seed, durationS, scenarios };
  await writeFile(RESULTS, `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `Machine: ${machine.os}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.chromium}; Node ${machine.node}`,
  );
  const dirty = source.uncommitted.length ? ` + uncommitted changes to ${source.uncommitted.join(', ')}` : '';
  console.log(`Code: commit ${source.commit}${dirty}`);
  console.log(`Took ${durationS} s. Wrote bench/results.json.`);
} finally {
  await server.close();
}
