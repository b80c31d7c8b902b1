// Scenario "panel": the Connections panel on a record with 1,000 connections. How fast it opens
// (click on the collapsed tab → rows painted) and how fast a connection saved in the New
// Connection dialog shows up in it, next to the same save on a record with few connections.
// Everything goes through the real extension: seeded with its own protocol, driven by clicks.
// Reports; never asserts (timings are not pass/fail).
import { DEMO_RECORDS, HUBSPOT_PORTAL_ID } from '../../demo/records.mjs';
import { buildExtension } from '../harness/build.mjs';
import { withCrmBrowser } from '../harness/browser.mjs';
import { asInput, recordKey, UI_HOST, waitForRecord } from '../harness/crm.mjs';
import { fmt, median, table } from '../harness/stats.mjs';
import { timePanelOpen, timeSaveToRow } from '../harness/ui-probes.mjs';

const CONNECTIONS = 1_000;
const OPENS = 10;
const SAVES = 10;
/** Idle time after each open/close or save, so each starts with the previous one's work done. */
const SETTLE_MS = 300;
const TARGETS = { openMs: 50 };

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

const ui = (page) => {
  const main = page.locator(UI_HOST);
  return {
    panel: main.getByRole('region', { name: 'Connections' }),
    tab: main.locator('button.tab'),
    dialog: main.getByRole('dialog'),
    connect: page.locator(`${UI_HOST}-connect, ${UI_HOST}`).getByRole('button', { name: 'Connect' }).first(),
  };
};

/** Opens and closes the panel `opens` times after one cold open, timing each open. */
async function panelOpens(page, opens) {
  const samples = [];
  for (let i = 0; i <= opens; i++) {
    samples.push(await page.evaluate(timePanelOpen, UI_HOST));
    await ui(page).panel.getByRole('button', { name: 'Collapse the Connections panel' }).click();
    await ui(page).tab.waitFor();
    await page.waitForTimeout(SETTLE_MS);
  }
  const [cold, ...warm] = samples;
  return {
    rowsMs: median(warm.map((s) => s.rows)),
    paintedMs: median(warm.map((s) => s.painted)),
    minPaintedMs: Math.min(...warm.map((s) => s.painted)),
    maxPaintedMs: Math.max(...warm.map((s) => s.painted)),
    rendered: median(warm.map((s) => s.rendered)),
    cold,
    samples: warm,
  };
}

/** One save per target from the New Connection dialog, the panel open; times Save & Close → row. */
async function saves(page, record, targets, startCount) {
  const u = ui(page);
  if (!(await u.panel.isVisible())) await u.tab.click();
  await u.panel.waitFor();
  const samples = [];
  for (const [i, target] of targets.entries()) {
    await u.connect.click();
    await page.getByRole('menuitem', { name: 'To Another' }).click();
    await u.dialog.getByRole('combobox', { name: 'Name' }).fill(target.url);
    await u.dialog.getByRole('option').filter({ hasText: 'From the pasted address' }).click();
    await u.dialog.locator('#target-chosen').waitFor();
    samples.push(await page.evaluate(timeSaveToRow, UI_HOST));
    await u.dialog.waitFor({ state: 'detached' });
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
  const rows = [
    [`open, ${n} connections: rows in the DOM`, fmt(r.open.rowsMs), '', ''],
    [`open, ${n} connections: painted`, fmt(r.open.paintedMs), range(r.open), `≤ ${TARGETS.openMs} ms`],
    [`first open after page load: painted`, fmt(r.open.cold.painted), '', ''],
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
    `Opens: median of ${r.opens} after a first one; rows rendered on open: ${r.open.rendered} of ${n} (the panel windows them).`,
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
