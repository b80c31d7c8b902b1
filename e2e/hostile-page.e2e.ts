import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordKey } from '../lib/model';
import { send, type Session, startSession, until } from './harness';
import { expectNothingLearned, fabrikam, type Loot, others, seedConnections } from './hostile-fixture';
import { pageUi } from './page-ui';

// A Dynamics-shaped page whose own script (demo/attacker.mjs) runs before ours, replaces
// attachShadow and addEventListener, and every 150 ms reads every shadow root and frame it can
// find and fires synthetic clicks, keys and forged messages at whatever looks like our UI.
describe('a hostile CRM page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
    const ext = await s.extensionPage();
    for (const connection of seedConnections()) await send(ext, 'connections.create', connection);
    // Seen once, so the dialog offers them by name.
    const page = await s.context.newPage();
    for (const r of others) {
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
    expectNothingLearned(loot);
    expect(await ui.dialogOpen()).toBe(true); // the user's dialog is still theirs
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => ui.dialogOpen()).toBe(false);
    expect(await store()).toEqual(before);
    await page.close();
  });
});
