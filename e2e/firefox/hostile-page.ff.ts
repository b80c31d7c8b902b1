import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS, type DemoRecord } from '../../demo/records.mjs';
import { recordKey } from '../../lib/model';
import {
  clickOurs,
  count,
  fill,
  find,
  frameOf,
  pageState,
  recordInput,
  send,
  type Session,
  startSession,
  waitFor,
} from './harness';
import { ourFrame } from './in-page';

const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
const fabrikam = rec('dynamics365'); // the hostile page's own record
const jose = rec('salesforce', 1);
const amelie = rec('hubspot');
const SECRET = 'Signs off orders over $50k';

interface Loot {
  texts: string[];
  captured: number;
  frames: string[];
  clicks: number;
  errors: string[];
}

// The page script of demo/attacker.mjs, as in the Chromium test (e2e/hostile-page.e2e.ts).
describe('Firefox: a hostile CRM page', () => {
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
    for (const r of [jose, amelie]) {
      const page = await s.newPage();
      await page.goto(r.url);
      await waitFor(
        () => pageState(page),
        (st) => st.key === recordKey(r),
      );
      await page.close();
    }
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
    const page = await s.newPage();
    await page.goto(`${fabrikam.url}&demo_hostile=1`);
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(fabrikam) && st.count === '2',
    );
    const before = await store();
    await clickOurs(page, 'Connections');
    const panel = await frameOf(page, 'panel');
    await waitFor(
      () => count(panel, 'li.row'),
      (n) => n === 2,
    );
    await clickOurs(page, 'Connect');
    await clickOurs(page, 'To Another');
    const dialog = await frameOf(page, 'dialog');
    await fill(await find(dialog, '[role=dialog] #target'), 'o');
    await find(dialog, '[role=option]');
    await new Promise((r) => setTimeout(r, 1_500)); // ten rounds of the page's script
    const loot = (await page.evaluate(() => (window as unknown as { __attack: Loot }).__attack)) as Loot;
    const seen = loot.texts.join('\n');
    for (const secret of [jose.name, amelie.name, jose.url, amelie.url, 'Salesforce', 'HubSpot', SECRET]) {
      expect(seen, secret).not.toContain(secret);
    }
    expect(loot.captured).toBe(0);
    expect(loot.frames).toEqual([]);
    expect(loot.clicks).toBeGreaterThan(0);
    expect(loot.errors.filter((e) => !/SecurityError/.test(e))).toEqual([]);
    expect(await ourFrame(page, 'dialog')).not.toBeNull(); // the user's dialog is still theirs
    await (await find(dialog, '[role=dialog] button', 'Cancel')).click();
    await waitFor(
      () => ourFrame(page, 'dialog'),
      (f) => f === null,
    );
    expect(await store()).toEqual(before);
    await page.close();
  });
});
