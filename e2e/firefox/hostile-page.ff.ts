import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordKey } from '../../lib/model';
import { clickOurs, count, fill, find, frameOf, pageState, send, type Session, startSession, waitFor } from './harness';
import { expectNothingLearned, fabrikam, type Loot, others, seedConnections } from '../hostile-fixture';
import { ourFrame } from './in-page';

// The page script of demo/attacker.mjs, as in the Chromium test (e2e/hostile-page.e2e.ts).
describe('Firefox: a hostile CRM page', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
    const ext = await s.extensionPage();
    for (const connection of seedConnections()) await send(ext, 'connections.create', connection);
    for (const r of others) {
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
    expectNothingLearned(loot);
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
