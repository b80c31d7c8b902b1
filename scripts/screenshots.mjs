// npm run screenshots: the README's pictures of the panel and the dialog, from the demo CRM.
// Run after `npm run build`; writes docs/panel.png and docs/dialog.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { routeDemoCrms } from '../demo/routes.mjs';
import { launchWithExtension } from './chromium.mjs';

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
await page.locator('crm-connections .app').waitFor({ state: 'attached' });
await page.waitForTimeout(800);
await page.locator('crm-connections button.tab').click();
await page.locator('crm-connections li.row').first().waitFor();
await page.screenshot({ path: 'docs/panel.png' });
await page
  .locator('crm-connections')
  .getByRole('region', { name: 'Connections' })
  .getByRole('button', { name: 'Connect', exact: true })
  .click();
await page.getByRole('menuitem', { name: 'To Another' }).click();
const dialog = page.locator('crm-connections').getByRole('dialog');
await dialog.getByRole('combobox', { name: 'Name' }).fill('acme');
await dialog.getByRole('listbox').getByRole('option').first().click();
await dialog.getByLabel('As this role').selectOption({ label: 'Account Manager' });
await dialog.getByLabel('Description').fill('Owns the renewal conversation.');
await page.waitForTimeout(200);
await page.screenshot({ path: 'docs/dialog.png' });
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log('Wrote docs/panel.png and docs/dialog.png');
