// npm run screenshots: the README's pictures of the panel and the dialog, from the demo CRM, and
// of the extension on a real Tryton. Run after `npm run build`; writes docs/panel.png,
// docs/dialog.png and docs/tryton.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { routeDemoCrms } from '../demo/routes.mjs';
import { seedTryton } from '../demo/tryton/seed.mjs';
import { openSignedIn } from '../demo/tryton/sao.mjs';
import { startTryton } from '../demo/tryton/server.mjs';
import { buildExtensionTo } from './build.mjs';
import { launchWithExtension, switchSiteOn } from './chromium.mjs';
import { clickOurs, waitForShown } from './in-page.mjs';

/** Clicks our in-page `button.<cls>` (the slim tab) with the real mouse. */
const clickButton = (page, cls) =>
  clickOurs(page, `the ${cls} button`, (n) => n.tag === 'button' && n.attrs.class === cls);

/** Our `name` frame (panel.html, dialog.html) on the page, once it is there. */
async function frameOf(page, name) {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => new URL(f.url()).pathname === `/${name}.html`);
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`No ${name} frame on ${page.url()}`);
}

const profile = mkdtempSync(join(tmpdir(), 'connections-shots-'));
const { context, extensionUrl } = await launchWithExtension({ userDataDir: profile });
await routeDemoCrms(context);
const strip = ({ fields: _fields, ...record }) => record;
const [fabrikam] = DEMO_RECORDS;
const others = [
  [DEMO_RECORDS[5], 'builtin-employee', 'builtin-employer', 'Head of purchasing; signs off orders over $50k.'],
  [DEMO_RECORDS[8], 'builtin-champion', null, 'Pushed for the Surface Hub rollout.'],
  [DEMO_RECORDS[12], 'builtin-partner', 'builtin-partner', 'Logistics partner in Portugal.'],
  [DEMO_RECORDS[16], 'builtin-decision-maker', null, ''],
];

const ext = await context.newPage();
await ext.goto(extensionUrl('popup.html'));
await ext.evaluate(
  async ({ from, others }) => {
    await chrome.runtime.sendMessage({
      type: 'settings.setIdentity',
      payload: { name: 'Sam Rivera', email: 'sam@contoso.example' },
    });
    for (const [to, toRoleId, fromRoleId, description] of others) {
      await chrome.runtime.sendMessage({
        type: 'connections.create',
        payload: { from, to, toRoleId, fromRoleId, description, effectiveStart: '2026-03-01' },
      });
    }
  },
  { from: strip(fabrikam), others: others.map(([r, ...rest]) => [strip(r), ...rest]) },
);
// Visit the records once so the dialog can find them by name.
const page = await context.newPage();
for (const r of DEMO_RECORDS.slice(4, 8)) {
  await page.goto(r.url);
  await page.waitForTimeout(400);
}
await page.goto(fabrikam.url);
await waitForShown(page);
await page.waitForTimeout(800);
await clickButton(page, 'tab');
const panel = await frameOf(page, 'panel');
await panel.locator('li.row').first().waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: 'docs/panel.png' });
await panel.getByRole('region', { name: 'Connections' }).getByRole('button', { name: 'Connect', exact: true }).click();
await panel.getByRole('menuitem', { name: 'To Another' }).click();
const dialog = (await frameOf(page, 'dialog')).getByRole('dialog');
await dialog.getByRole('combobox', { name: 'Name' }).fill('acme');
await dialog.getByRole('listbox').getByRole('option').first().click();
await dialog.getByLabel('As this role').selectOption({ label: 'Account Manager' });
await dialog.getByLabel('Description').fill('Owns the renewal conversation.');
await page.waitForTimeout(200);
await page.screenshot({ path: 'docs/dialog.png' });
await context.close();
rmSync(profile, { recursive: true, force: true });
await trytonShot();
console.log('Wrote docs/panel.png, docs/dialog.png and docs/tryton.png');

/**
 * A party in a real Tryton with its connections open: one to another Tryton party, one to the
 * Dynamics 365 demo account. The build is granted 127.0.0.1 at install, as `npm start -- --crm
 * tryton` does, so the site can be switched on without the browser's prompt.
 */
async function trytonShot() {
  const extensionDir = await buildExtensionTo('.output/demo-tryton', { grantHosts: ['http://127.0.0.1/*'] });
  const tryton = await startTryton();
  const dir = mkdtempSync(join(tmpdir(), 'connections-shots-'));
  const { context, extensionUrl } = await launchWithExtension({ userDataDir: dir, extensionDir });
  try {
    const { parties } = await seedTryton(tryton);
    const tenant = `${new URL(tryton.origin).host}/${tryton.database}`;
    const party = (p) => ({
      crm: 'tryton',
      tenant,
      entityType: 'party.party',
      recordId: String(p.id),
      name: p.name,
      url: tryton.url('party.party', p.id),
    });
    const ext = await context.newPage();
    await ext.goto(extensionUrl('popup.html'));
    await ext.evaluate(
      async ({ contoso, alice, fabrikam }) => {
        const send = (type, payload) => chrome.runtime.sendMessage({ type, payload });
        await send('settings.setIdentity', { name: 'Sam Rivera', email: 'sam@contoso.example' });
        await send('connections.create', {
          from: contoso,
          to: alice,
          toRoleId: 'builtin-employee',
          fromRoleId: 'builtin-employer',
          description: 'Head of purchasing.',
        });
        await send('connections.create', {
          from: contoso,
          to: fabrikam,
          toRoleId: 'builtin-partner',
          fromRoleId: 'builtin-partner',
          description: 'Resells our services in Portugal (their account lives in Dynamics 365).',
        });
      },
      { contoso: party(parties.contoso), alice: party(parties.alice), fabrikam: strip(fabrikam) },
    );
    await switchSiteOn(context, extensionUrl, 'http://127.0.0.1');
    const page = await context.newPage();
    await openSignedIn(page, tryton, tryton.url('party.party', parties.contoso.id));
    await waitForShown(page);
    await clickButton(page, 'tab');
    await (await frameOf(page, 'panel')).locator('li.row').nth(1).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/tryton.png' });
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
    await tryton.close();
  }
}
