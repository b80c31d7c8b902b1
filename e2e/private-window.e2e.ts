import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { recordKey } from '../lib/model';
import { send, type Session, startSession } from './harness';
import { pageUi } from './page-ui';

const first = (crm: string) => DEMO_RECORDS.find((r) => r.crm === crm)!;
const visited = first('hubspot'); // seen only in the private window
const working = first('pipedrive'); // where the user then connects, in the same window

/**
 * A private (incognito) window in Chromium. The extension runs there once the user allows it
 * ("Allow in Incognito"), here through the extensions page's own API, as its toggle does; the
 * window is opened by the extension's page (windows.create), and Playwright sees its tabs as
 * pages of the context, the demo CRMs routed as everywhere.
 */
describe('a private window', () => {
  let s: Session;
  let ext: Page;

  /** An extension page in a normal window; the extension reloads when allowed in incognito. */
  async function extensionPage() {
    const page = await s.context.newPage();
    for (let i = 0; ; i++) {
      try {
        await page.goto(s.extensionUrl('popup.html'));
        await send(page, 'settings.get', {});
        return page;
      } catch (e) {
        if (i > 40) throw e;
        await page.waitForTimeout(250);
      }
    }
  }

  /** A tab in window `windowId`, at `url`. */
  async function tabIn(windowId: number, url: string) {
    const [page] = await Promise.all([
      s.context.waitForEvent('page'),
      ext.evaluate((id) => chrome.tabs.create({ windowId: id, url: 'about:blank' }), windowId),
    ]);
    await page.goto(url);
    return page;
  }

  beforeAll(async () => {
    s = await startSession();
    const manager = await s.context.newPage();
    await manager.goto(`chrome://extensions/?id=${s.extensionId}`);
    // Developer mode first: without it, Chromium disables an unpacked extension as it reloads.
    await manager.evaluate(async (id) => {
      await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
      await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true });
    }, s.extensionId);
    await manager.close();
    ext = await extensionPage();
  });
  afterAll(() => s?.close());

  const privateState = () => ext.evaluate(() => chrome.storage.session.get(null));

  it('offers the records it saw in that window only, never stores them, and forgets them when it closes', async () => {
    const before = await send(ext, 'data.stats', {});
    const windowId = await ext.evaluate(
      async () => (await chrome.windows.create({ incognito: true, url: 'about:blank' })).id!,
    );
    const seenPage = await tabIn(windowId, visited.url);
    const tabs = await ext.evaluate(
      async (id) => (await chrome.tabs.query({ windowId: id })).map((t) => t.incognito),
      windowId,
    );
    // The window's first tab and ours, both private.
    expect(tabs).toEqual([true, true]);
    await expect.poll(pageUi(seenPage).recordKey, { timeout: 10_000 }).toBe(recordKey(visited));
    // The name has been read and reported (the private window's memory has it).
    await expect
      .poll(async () => JSON.stringify(await privateState()), { timeout: 10_000 })
      .toContain(`"name":"${visited.name}"`);
    await seenPage.close();

    // Another record in the same window: its dialog offers the one seen there, by name.
    const page = await tabIn(windowId, working.url);
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(working));
    const dialog = await pageUi(page).startNew();
    await dialog.getByRole('combobox', { name: 'Name' }).fill(visited.name.slice(0, 4));
    await expect
      .poll(() => dialog.getByRole('listbox').getByRole('option').filter({ hasText: visited.name }).count())
      .toBeGreaterThan(0);

    // Outside the window it is unknown: not searchable, not stored, not among open records.
    expect((await send(ext, 'records.search', { query: visited.name })).map((r) => r.key)).not.toContain(
      recordKey(visited),
    );
    expect(await send(ext, 'records.get', { key: recordKey(visited) })).toBeNull();
    expect((await send(ext, 'records.open', {})).map((r) => r.key)).not.toContain(recordKey(working));
    expect(await send(ext, 'data.stats', {})).toEqual(before);

    await ext.evaluate((id) => chrome.windows.remove(id), windowId);
    await expect.poll(async () => JSON.stringify(await privateState())).not.toContain(recordKey(visited));
    expect(JSON.stringify(await privateState())).not.toContain(recordKey(working));
    // The database never held either record.
    for (const r of [visited, working]) expect(await send(ext, 'records.get', { key: recordKey(r) })).toBeNull();
    expect(await send(ext, 'data.stats', {})).toEqual(before);
  });
});
