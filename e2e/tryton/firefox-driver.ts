import type { Page } from 'puppeteer-core';
import { fill, find, selectLabel, send, startSession } from '../firefox/harness';
import { startDisplay } from '../xvfb';
import type { Driver, Tab } from './driver';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const element = (page: Page, css: string, text?: string | RegExp) => find(page, css, text, 15_000);

function tab(page: Page): Tab {
  // sao asks "Are your sure to leave?" before a reload while tabs are open: the user says yes.
  page.on('dialog', (d) => void d.accept());
  return {
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    back: async () => void (await page.goBack()),
    url: async () => page.url(),
    bringToFront: () => page.bringToFront(),
    // Arguments cross into the page as JSON, which is all the scenarios pass.
    evaluate: async (fn, arg) => (await page.evaluate(fn as (a: unknown) => unknown, arg)) as ReturnType<typeof fn>,
    click: async (css, text) => (await element(page, css, text)).click(),
    dblclick: async (css, text) => (await element(page, css, text)).click({ count: 2 }),
    fill: async (css, value) => fill(await element(page, css), value),
    select: async (css, label) => selectLabel(await element(page, css), label),
    close: () => page.close(),
  };
}

/** Firefox ESR in a window on Xvfb, where the popup's shortcut is a real key press. */
export async function startFirefox(): Promise<Driver> {
  const display = await startDisplay();
  const s = await startSession({ display: display.display });
  return {
    name: 'firefox',
    // Plain tabs: the Tryton is a real server, no request interception in between.
    newTab: async () => {
      const page = await s.browser.newPage();
      await page.setViewport({ width: 1280, height: 720 }); // as the Chromium tests see sao
      return tab(page);
    },
    async enableSiteFromPopup(t) {
      await t.bringToFront();
      await display.keys('alt+shift+o');
      await pause(1_500);
      // Firefox focuses the popup's frame, not its document: Tab moves in, onto the focused
      // "Enable on this site", and Return presses it.
      await display.keys('Tab', 'Return');
      await s.answerPermissionPrompt('allow');
    },
    send: async (type, payload) => send(await s.extensionPage(), type, payload),
    async close() {
      await s.close();
      display.stop();
    },
  };
}
