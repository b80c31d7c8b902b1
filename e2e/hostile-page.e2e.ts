import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS, type DemoRecord } from '../demo/records.mjs';
import { recordKey } from '../lib/model';
import { recordInput, send, type Session, startSession, until } from './harness';
import { pageUi } from './page-ui';

const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
const fabrikam = rec('dynamics365'); // the hostile page's own record
const jose = rec('salesforce', 1);
const amelie = rec('hubspot');
const SECRET = 'Signs off orders over $50k';

interface Loot {
  texts: string[];
  captured: number;
  listeners: number;
  frames: string[];
  clicks: number;
  errors: string[];
}

// A Dynamics-shaped page whose own script (demo/attacker.mjs) runs before ours, replaces
// attachShadow and addEventListener, and every 150 ms reads every shadow root and frame it can
// find and fires synthetic clicks, keys and forged messages at whatever looks like our UI.
describe('a hostile CRM page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
    const ext = await s.extensionPage();
    for (const [other, description] of [
      [jose, SECRET],
      [amelie, ''],
    ] as [DemoRecord, string][]) {
      await send(ext, 'connections.create', {
        from: recordInput(fabrikam),
        to: recordInput(other),
        toRoleId: 'builtin-colleague',
        fromRoleId: 'builtin-colleague',
        description,
      });
    }
    // Seen once, so the dialog offers them by name.
    const page = await s.context.newPage();
    for (const r of [jose, amelie]) {
      await page.goto(r.url);
      await until(pageUi(page).recordKey, recordKey(r));
    }
    await page.close();
  });
  afterAll(() => s?.close());

  const store = async () => {
    const ext = await s.extensionPage();
    return {
      stats: await send(ext, 'data.stats', {}),
      connections: await send(ext, 'connections.listForRecord', { key: recordKey(fabrikam) }),
    };
  };

  it('learns nothing about other records and changes nothing, while the user works on', async () => {
    const page = await s.context.newPage();
    await page.goto(`${fabrikam.url}&demo_hostile=1`);
    const ui = pageUi(page);
    await expect.poll(ui.recordKey, { timeout: 10_000 }).toBe(recordKey(fabrikam));
    await expect.poll(ui.count).toBe('2');
    const before = await store(); // with the visit of this page remembered
    // The user opens the panel (the other records' names, CRMs and addresses are in it) and
    // searches for a target in the dialog (the records they saw, by name).
    await ui.openPanel();
    await expect.poll(async () => (await ui.rows()).count()).toBe(2);
    const dialog = await ui.startNew();
    await dialog.getByRole('combobox', { name: 'Name' }).fill('o');
    await dialog.getByRole('listbox').getByRole('option').first().waitFor();
    await page.waitForTimeout(1_500); // ten rounds of the page's script
    const loot = await page.evaluate(() => (window as unknown as { __attack: Loot }).__attack);
    const seen = loot.texts.join('\n');
    for (const secret of [jose.name, amelie.name, jose.url, amelie.url, 'Salesforce', 'HubSpot', SECRET]) {
      expect(seen, secret).not.toContain(secret);
    }
    expect(seen).not.toContain(recordKey(jose));
    // Its hooks never saw our roots (our script runs in its own world), it found no frame of
    // ours to read, and its clicks, keys and messages did nothing.
    expect(loot.captured).toBe(0);
    expect(loot.frames).toEqual([]);
    expect(loot.clicks).toBeGreaterThan(0);
    expect(loot.errors.filter((e) => !/SecurityError/.test(e))).toEqual([]);
    expect(await ui.dialogOpen()).toBe(true); // the user's dialog is still theirs
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => ui.dialogOpen()).toBe(false);
    expect(await store()).toEqual(before);
    await page.close();
  });
});
