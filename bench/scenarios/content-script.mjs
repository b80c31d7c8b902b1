// Scenario "content script": what the extension costs every CRM page. The built script's size,
// the main-thread time it takes on page load (from a Chrome trace: its isolated world is out of
// the page's reach), and how fast the UI follows an in-app navigation to another record.
// Reports; never asserts (timings are not pass/fail).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { DEMO_LIST_URLS, DEMO_RECORDS } from '../../demo/records.mjs';
import { buildExtension } from '../harness/build.mjs';
import { withCrmBrowser } from '../harness/browser.mjs';
import { clickOurs, OURS, recordKey, waitForFrame, waitForRecord } from '../harness/crm.mjs';
import { fmt, median, percentile, table } from '../harness/stats.mjs';
import { scriptTime, traced } from '../harness/trace.mjs';
import { clickLink, collect, panelShows } from '../harness/ui-probes.mjs';

const SCRIPT = 'content-scripts/content.js';
const LOADS = 10;
const NAVIGATIONS = 20;
/** Traced after the load event: late renders, the first record checks, the first replies. */
const AFTER_LOAD_MS = 1_000;
/** Idle time between navigations, so each starts with the previous one's messages answered. */
const SETTLE_MS = 300;
const TARGETS = { gzipKB: 12, loadMs: 5, switchMs: 100 };

const dynamicsRecord = DEMO_RECORDS.find((r) => r.crm === 'dynamics365');
const dynamicsList = DEMO_LIST_URLS.find((l) => l.crm === 'dynamics365');
const [sfA, sfB] = DEMO_RECORDS.filter((r) => r.crm === 'salesforce');

async function size(dir) {
  const bytes = await readFile(`${dir}/${SCRIPT}`);
  return { rawKB: bytes.length / 1024, gzipKB: gzipSync(bytes, { level: 9 }).length / 1024 };
}

/**
 * Loads `url` `loads` times in one tab (after one unmeasured load: a first visit also warms
 * caches), each traced from about:blank (so the previous document's teardown is not counted)
 * until AFTER_LOAD_MS after the load event.
 */
async function loadTimes(context, scriptUrl, url, loads, ready) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const runs = [];
  for (let i = 0; i <= loads; i++) {
    await page.goto('about:blank');
    const events = await traced(cdp, async () => {
      await page.goto(url, { waitUntil: 'load' });
      await ready(page);
      await page.waitForTimeout(AFTER_LOAD_MS);
    });
    if (i > 0) runs.push(scriptTime(events, scriptUrl));
  }
  await page.close();
  return summarizeLoads(runs);
}

const summarizeLoads = (runs) => ({
  wallMs: median(runs.map((r) => r.wallMs)),
  cpuMs: median(runs.map((r) => r.cpuMs)),
  evaluateMs: median(runs.map((r) => r.evaluateMs)),
  minWallMs: Math.min(...runs.map((r) => r.wallMs)),
  maxWallMs: Math.max(...runs.map((r) => r.wallMs)),
  tasks: median(runs.map((r) => r.tasks)),
  runs,
});

/**
 * Clicks between two Salesforce records (pushState), the panel open, timing each switch: from
 * the click in the page until the panel frame shows the new record, and its count.
 */
async function switchTimes(context, navigations) {
  const page = await context.newPage();
  await page.goto(sfA.url);
  await waitForRecord(page, recordKey(sfA));
  await clickOurs(page, 'the panel tab', OURS.tab);
  const panel = await waitForFrame(page, 'panel');
  await panel.evaluate(panelShows, recordKey(sfA));
  await panel.evaluate(collect);
  const samples = [];
  const warmUp = 2;
  for (let i = 0; i < navigations + warmUp; i++) {
    const to = i % 2 ? sfA : sfB;
    await panel.evaluate(panelShows, recordKey(to));
    const clicked = await page.evaluate(clickLink, `[data-demo-main] a[href*="${to.recordId}"]`);
    const t = await panel.evaluate(collect);
    if (i >= warmUp) samples.push({ shown: t.at - clicked, counted: t.counted - clicked });
    await page.waitForTimeout(SETTLE_MS);
  }
  await page.close();
  const shown = samples.map((s) => s.shown);
  const counted = samples.map((s) => s.counted);
  return {
    shownMs: median(shown),
    shownP95Ms: percentile(shown, 0.95),
    maxShownMs: Math.max(...shown),
    countedMs: median(counted),
    countedP95Ms: percentile(counted, 0.95),
    maxCountedMs: Math.max(...counted),
    samples,
  };
}

function report(r) {
  const kb = (v) => `${v.toFixed(1)} KB`;
  const load = (label, s) => [
    [
      `${label}: main thread (wall)`,
      fmt(s.wallMs),
      `${fmt(s.minWallMs)}–${fmt(s.maxWallMs)}`,
      `≤ ${TARGETS.loadMs} ms`,
    ],
    [`${label}: CPU`, fmt(s.cpuMs), '', ''],
    [`${label}: of which evaluation (wall)`, fmt(s.evaluateMs), '', ''],
  ];
  const rows = [
    [`${SCRIPT} size, raw`, kb(r.size.rawKB), '', ''],
    [`${SCRIPT} size, gzip -9`, kb(r.size.gzipKB), '', `≤ ${TARGETS.gzipKB} KB`],
    ...load(`load, Dynamics record page (median of ${r.loads})`, r.recordPage),
    ...load(`load, Dynamics list page (median of ${r.loads})`, r.listPage),
    [
      `in-app navigation → the panel shows the record (median of ${r.navigations})`,
      fmt(r.navigation.shownMs),
      `p95 ${fmt(r.navigation.shownP95Ms)}`,
      `≤ ${TARGETS.switchMs} ms`,
    ],
    ['in-app navigation → its count shown', fmt(r.navigation.countedMs), `p95 ${fmt(r.navigation.countedP95Ms)}`, ''],
  ];
  return table(['measure', 'median', 'range', 'target'], rows, ['l', 'r', 'r', 'r']);
}

export default {
  name: 'content-script',
  title: 'Content script on CRM pages (ms unless stated)',

  async run(ctx) {
    ctx.log('content-script: building the full extension (wxt)');
    const dir = await buildExtension({ full: true });
    const loads = ctx.runs ?? LOADS;
    const navigations = ctx.runs ? 2 * ctx.runs : NAVIGATIONS;
    const results = { loads, navigations, afterLoadMs: AFTER_LOAD_MS, targets: TARGETS, size: await size(dir) };
    await withCrmBrowser(dir, async ({ context, extensionUrl }) => {
      const scriptUrl = extensionUrl(SCRIPT);
      ctx.log(`content-script: ${loads} traced loads of a Dynamics record page`);
      const key = recordKey(dynamicsRecord);
      results.recordPage = await loadTimes(context, scriptUrl, dynamicsRecord.url, loads, (p) => waitForRecord(p, key));
      ctx.log(`content-script: ${loads} traced loads of a Dynamics list page`);
      results.listPage = await loadTimes(context, scriptUrl, dynamicsList.url, loads, async () => {});
      ctx.log(`content-script: ${navigations} in-app navigations between two Salesforce records`);
      results.navigation = await switchTimes(context, navigations);
    });
    return { text: report(results), results };
  },
};
