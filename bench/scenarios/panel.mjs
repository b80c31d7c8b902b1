// Scenario "panel": the Connections panel (an extension frame in the CRM page) on a record with
// 1,000 connections. How fast it opens (a real click on the collapsed tab in the page → rows
// painted in the frame: the first time, when the frame loads, and later ones), the CRM page's
// long tasks meanwhile and while the panel scrolls, and how fast a connection saved in the New
// Connection dialog (its own frame) shows up in the panel, next to the same save on a record with
// few connections. Everything goes through the real extension: seeded with its own protocol,
// driven by the real mouse. Reports; never asserts (timings are not pass/fail).
import { DEMO_RECORDS, HUBSPOT_PORTAL_ID } from '../../demo/records.mjs';
import { buildExtension } from '../harness/build.mjs';
import { withCrmBrowser } from '../harness/browser.mjs';
import { asInput, clickOurs, OURS, panelOpen, recordKey, waitForFrame, waitForRecord } from '../harness/crm.mjs';
import { fmt, median, table } from '../harness/stats.mjs';
import {
  clickSave,
  collect,
  firstRowsPainted,
  newRow,
  now,
  panelShown,
  rowIds,
  takePage,
  watchPage,
} from '../harness/ui-probes.mjs';

const CONNECTIONS = 1_000;
const OPENS = 10;
const SAVES = 10;
/** Idle time after each open/close or save, so each starts with the previous one's work done. */
const SETTLE_MS = 300;
const TARGETS = { firstOpenMs: 150, openMs: 50, longTaskMs: 50 };
/** Wheel steps over the open panel, 100 px each, for the long-task watch while it scrolls. */
const WHEEL_STEPS = 40;

const [hot, quiet] = DEMO_RECORDS.filter((r) => r.crm === 'dynamics365');
/** Save targets: other CRMs' demo records, one per save, never visited (found by address). */
const saveTargets = DEMO_RECORDS.filter((r) => r.crm !== 'dynamics365');

/**
 * `n` connections to `record`, each from its own HubSpot contact, sent as `connections.create`
 * from an extension page as the UI does. The record is the `to` end because the duplicate
 * check reads the `from` record's connections: seeding stays linear instead of re-reading a
 * growing list. Names start "Zz" so they sort after every save target in the panel's "No role"
 * group: a saved row then lands in the first window of rows, where it is rendered.
 */
async function seed(extPage, record, n) {
  return extPage.evaluate(
    async ([to, n, portal]) => {
      const t0 = performance.now();
      const create = async (i) => {
        const id = String(700_000 + i);
        const from = {
          crm: 'hubspot',
          tenant: portal,
          entityType: 'contact',
          recordId: id,
          name: `Zz Seeded contact ${String(i).padStart(4, '0')}`,
          url: `https://app.hubspot.com/contacts/${portal}/record/0-1/${id}`,
        };
        const payload = { from, to, description: i % 5 ? '' : 'Met at the annual partner summit.' };
        const reply = await chrome.runtime.sendMessage({ type: 'connections.create', payload });
        if (!reply?.ok) throw new Error(`connections.create failed: ${reply?.error?.message ?? 'no reply'}`);
      };
      // A few in flight at once: the worker serialises the writes anyway.
      for (let i = 0; i < n; i += 8)
        await Promise.all(Array.from({ length: Math.min(8, n - i) }, (_, k) => create(i + k)));
      return performance.now() - t0;
    },
    [asInput(record), n, HUBSPOT_PORTAL_ID],
  );
}

/** The page's clicks since the last look: the one the runner just made with the mouse. */
async function lastClick(page) {
  const { clicks } = await page.evaluate(takePage, 0);
  if (!clicks.length) throw new Error('The page saw no click');
  return clicks.at(-1);
}

/** Long tasks of the CRM page's main thread since `since` (absolute). */
async function pageLongTasks(page, since) {
  return (await page.evaluate(takePage, since)).longTasks;
}

const collapse = async (page, panel) => {
  await panel.getByRole('button', { name: 'Collapse the Connections panel' }).click();
  while (await panelOpen(page)) await page.waitForTimeout(20);
};

/**
 * The first open after the page loaded (the frame loads, then its first rows are painted: the
 * browser's element timing), then `opens` open/close cycles of the loaded frame; each timed
 * from the click the page saw. Then the CRM page's long tasks while the panel scrolls.
 */
async function panelOpens(page, opens) {
  await page.evaluate(watchPage);
  const since = await page.evaluate(now);
  await clickOurs(page, 'the panel tab', OURS.tab);
  const panel = await waitForFrame(page, 'panel');
  const first = await panel.evaluate(firstRowsPainted);
  const clicked = await lastClick(page);
  const cold = { painted: first.painted - clicked, rendered: first.rendered };
  await page.waitForTimeout(SETTLE_MS);
  await collapse(page, panel);
  await page.waitForTimeout(SETTLE_MS);
  const samples = [];
  for (let i = 0; i < opens; i++) {
    await panel.evaluate(panelShown);
    await clickOurs(page, 'the panel tab', OURS.tab);
    const shown = await panel.evaluate(collect);
    const at = await lastClick(page);
    samples.push({ shown: shown.at - at, painted: shown.painted - at, rendered: shown.rendered });
    await page.waitForTimeout(SETTLE_MS);
    await collapse(page, panel);
    await page.waitForTimeout(SETTLE_MS);
  }
  const openTasks = await pageLongTasks(page, since);
  await clickOurs(page, 'the panel tab', OURS.tab);
  await panel.getByRole('region', { name: 'Connections' }).waitFor();
  const box = await (await panel.frameElement()).boundingBox();
  const scrollFrom = await page.evaluate(now);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
  for (let i = 0; i < WHEEL_STEPS; i++) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(SETTLE_MS);
  const scrollTasks = await pageLongTasks(page, scrollFrom);
  // How far the list moved: proof the wheel scrolled it.
  const scrolledPx = await panel.evaluate(() =>
    Math.max(...[...document.querySelectorAll('*')].map((e) => e.scrollTop)),
  );
  return {
    shownMs: median(samples.map((s) => s.shown)),
    paintedMs: median(samples.map((s) => s.painted)),
    minPaintedMs: Math.min(...samples.map((s) => s.painted)),
    maxPaintedMs: Math.max(...samples.map((s) => s.painted)),
    rendered: median(samples.map((s) => s.rendered)),
    cold,
    samples,
    longTasks: { open: openTasks.map((t) => t.ms), scroll: scrollTasks.map((t) => t.ms), scrolledPx },
  };
}

/** One save per target from the New Connection dialog, the panel open; times Save & Close → row. */
async function saves(page, record, targets, startCount) {
  if (!(await panelOpen(page))) await clickOurs(page, 'the panel tab', OURS.tab);
  const panel = await waitForFrame(page, 'panel');
  await panel.getByRole('region', { name: 'Connections' }).waitFor();
  const samples = [];
  for (const [i, target] of targets.entries()) {
    await clickOurs(page, 'Connect', OURS.connect);
    await clickOurs(page, 'To Another', OURS.menuItem('To Another'));
    const dialog = (await waitForFrame(page, 'dialog')).getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Name' }).fill(target.url);
    await dialog.getByRole('option').filter({ hasText: 'From the pasted address' }).click();
    await dialog.locator('#target-chosen').waitFor();
    await panel.evaluate(newRow, await panel.evaluate(rowIds));
    const saved = await (await waitForFrame(page, 'dialog')).evaluate(clickSave);
    const row = await panel.evaluate(collect);
    samples.push({ rows: row.at - saved, painted: row.painted - saved });
    await waitForRecord(page, recordKey(record), startCount + i + 1);
    await page.waitForTimeout(SETTLE_MS);
  }
  return {
    rowsMs: median(samples.map((s) => s.rows)),
    paintedMs: median(samples.map((s) => s.painted)),
    minPaintedMs: Math.min(...samples.map((s) => s.painted)),
    maxPaintedMs: Math.max(...samples.map((s) => s.painted)),
    samples,
  };
}

function report(r) {
  const n = r.connections.toLocaleString('en-US');
  const range = (s) => `${fmt(s.minPaintedMs)}–${fmt(s.maxPaintedMs)}`;
  const tasks = (list) => (list.length ? `${list.length}, longest ${fmt(Math.max(...list))} ms` : 'none');
  const rows = [
    [
      `first open after page load, ${n} connections: painted`,
      fmt(r.open.cold.painted),
      '',
      `≤ ${TARGETS.firstOpenMs} ms`,
    ],
    [`later opens, ${n} connections: shown`, fmt(r.open.shownMs), '', ''],
    [`later opens, ${n} connections: painted`, fmt(r.open.paintedMs), range(r.open), `≤ ${TARGETS.openMs} ms`],
    [`CRM page's long tasks over all the opens`, tasks(r.open.longTasks.open), '', `none > ${TARGETS.longTaskMs} ms`],
    [
      `CRM page's long tasks while the panel scrolls`,
      tasks(r.open.longTasks.scroll),
      '',
      `none > ${TARGETS.longTaskMs} ms`,
    ],
    [`Save & Close → new row, ${n} connections: in the DOM`, fmt(r.saveHot.rowsMs), '', ''],
    [`Save & Close → new row, ${n} connections: painted`, fmt(r.saveHot.paintedMs), range(r.saveHot), ''],
    [`Save & Close → new row, 0–${r.saves - 1} connections: in the DOM`, fmt(r.saveQuiet.rowsMs), '', ''],
    [
      `Save & Close → new row, 0–${r.saves - 1} connections: painted`,
      fmt(r.saveQuiet.paintedMs),
      range(r.saveQuiet),
      '',
    ],
  ];
  return [
    table(['measure', 'median', 'range', 'target'], rows, ['l', 'r', 'r', 'r']),
    '',
    `Opens: median of ${r.opens} after the first; rows rendered on open: ${r.open.rendered} of ${n} (the panel windows them); scrolled ${WHEEL_STEPS} × 100 px of wheel (${r.open.longTasks.scrolledPx} px moved).`,
    `Saves: median of ${r.saves} per record. Seeding ${n} connections through the protocol took ${fmt(r.seedMs)} ms.`,
  ].join('\n');
}

export default {
  name: 'panel',
  title: 'Connections panel (ms)',

  async run(ctx) {
    ctx.log('panel: building the full extension (wxt)');
    const dir = await buildExtension({ full: true });
    const opens = ctx.runs ?? OPENS;
    const count = Math.min(ctx.runs ?? SAVES, saveTargets.length);
    const results = { connections: CONNECTIONS, opens, saves: count, targets: TARGETS };
    await withCrmBrowser(dir, async ({ context, extensionUrl }) => {
      const extPage = await context.newPage();
      await extPage.goto(extensionUrl('popup.html'));
      ctx.log(`panel: seeding ${CONNECTIONS} connections of ${hot.name}`);
      results.seedMs = await seed(extPage, hot, CONNECTIONS);
      const page = await context.newPage();
      await page.goto(hot.url);
      await waitForRecord(page, recordKey(hot), CONNECTIONS);
      ctx.log(`panel: ${opens} opens`);
      results.open = await panelOpens(page, opens);
      ctx.log(`panel: ${count} saves on ${hot.name} (${CONNECTIONS} connections)`);
      results.saveHot = await saves(page, hot, saveTargets.slice(0, count), CONNECTIONS);
      await page.goto(quiet.url);
      await waitForRecord(page, recordKey(quiet), 0);
      ctx.log(`panel: ${count} saves on ${quiet.name} (no connections before)`);
      results.saveQuiet = await saves(page, quiet, saveTargets.slice(0, count), 0);
    });
    return { text: report(results), results };
  },
};
