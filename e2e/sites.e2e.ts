import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelfHostedDemo, type SelfHostedDemo } from '../demo/self-hosted.mjs';
import { recordKey } from '../lib/model';
import { send, startSession, type Session } from './harness';
import { pageUi } from './page-ui';
import { startDisplay } from './xvfb';

// The real flow, in a real window: the toolbar shortcut opens the popup over the CRM tab
// (granting activeTab), "Enable on this site" has the focus, and the browser's own permission
// prompt is answered with real key presses (Deny is its default button; Tab moves to Allow).
describe('a self-hosted CRM switched on per site from the popup', () => {
  let display: Awaited<ReturnType<typeof startDisplay>>;
  let crm: SelfHostedDemo;
  let s: Session;
  /** Whether our Connect is on the open CRM page. */
  const shown = () => pageUi(s.context.pages().find((p) => p.url().startsWith(crm.origin))!).hasConnect();

  beforeAll(async () => {
    display = await startDisplay();
    crm = await startSelfHostedDemo();
    s = await startSession({ display: display.display });
  });
  afterAll(async () => {
    await s?.close();
    await crm?.close();
    display?.stop();
  });

  const openRecordPage = async () => {
    const page = s.context.pages()[0] ?? (await s.context.newPage());
    await page.goto(crm.records[0]!.url);
    await page.bringToFront();
    return page;
  };
  const popupAction = async (...keys: string[]) => {
    await display.keys('alt+shift+o');
    await new Promise((r) => setTimeout(r, 800)); // the popup renders and focuses its button
    await display.keys(...keys);
  };

  it('is off until enabled: no UI on the page', async () => {
    const page = await openRecordPage();
    await page.waitForTimeout(500);
    expect(await pageUi(page).hasConnect()).toBe(false);
  });

  it('refused permission: nothing is registered and the page stays untouched', async () => {
    await openRecordPage();
    await popupAction('Return'); // Enable on this site
    await new Promise((r) => setTimeout(r, 800));
    await display.keys('Return'); // Deny
    const page = await openRecordPage();
    await page.waitForTimeout(500);
    expect(await pageUi(page).hasConnect()).toBe(false);
    expect(await send(await s.extensionPage(), 'sites.list', {})).toEqual([]);
  });

  it('granted: the UI appears on the open page and the record is remembered', async () => {
    await openRecordPage();
    await popupAction('Return');
    await new Promise((r) => setTimeout(r, 800));
    await display.keys('Tab', 'Return'); // Allow
    await expect.poll(shown, { timeout: 10_000 }).toBe(true);
    const origin = new URL(crm.origin);
    expect(await send(await s.extensionPage(), 'sites.list', {})).toEqual([`http://${origin.hostname}`]);
    const record = crm.records[0]!;
    await expect
      .poll(async () => (await send(await s.extensionPage(), 'records.get', { key: recordKey(record) }))?.name, {
        timeout: 5_000,
      })
      .toBe(record.name);
  });

  it('stays enabled after the browser restarts', async () => {
    await s.close({ keepProfile: true });
    s = await startSession({ display: display.display, profile: s.profile });
    await openRecordPage();
    await expect.poll(shown, { timeout: 10_000 }).toBe(true);
  });

  it('disabled: the UI leaves the page, the registration and the permission are gone', async () => {
    await openRecordPage();
    await popupAction('Return'); // "Disable on this site" has the focus now
    await expect.poll(shown, { timeout: 10_000 }).toBe(false);
    const state = await s.worker.evaluate(async () => ({
      origins: (await chrome.permissions.getAll()).origins,
      scripts: (await chrome.scripting.getRegisteredContentScripts()).map((c) => c.id),
    }));
    expect(state.origins).not.toContain(`http://${new URL(crm.origin).hostname}/*`);
    expect(state.scripts).toEqual([]);
    const page = await openRecordPage();
    await page.waitForTimeout(500);
    expect(await pageUi(page).hasConnect()).toBe(false);
  });
});
