import type { ElementHandle, Page } from 'playwright-core';
import { send, startSession } from '../harness';
import { startDisplay } from '../xvfb';
import { deepFind, want } from '../deep-find';
import type { Driver, Tab } from './driver';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function element(page: Page, css: string, text?: string | RegExp): Promise<ElementHandle> {
  const handle = await page.waitForFunction(deepFind, [css, want(text)] as const, { timeout: 15_000 });
  const el = handle.asElement();
  if (!el) throw new Error(`No element ${css}`);
  return el as ElementHandle;
}

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
    evaluate: (fn, arg) => page.evaluate(fn as (a: unknown) => ReturnType<typeof fn>, arg),
    click: async (css, text) => (await element(page, css, text)).click(),
    dblclick: async (css, text) => (await element(page, css, text)).dblclick(),
    fill: async (css, value) => (await element(page, css)).fill(value),
    select: async (css, label) => void (await (await element(page, css)).selectOption({ label })),
    close: () => page.close(),
  };
}

/** Chromium in a window on Xvfb, where the popup's shortcut and the permission prompt are real. */
export async function startChromium(): Promise<Driver> {
  const display = await startDisplay();
  const s = await startSession({ display: display.display });
  return {
    name: 'chromium',
    newTab: async () => tab(await s.context.newPage()),
    async enableSiteFromPopup(t) {
      await t.bringToFront();
      await display.keys('alt+shift+o');
      await pause(800); // the popup renders and focuses "Enable on this site"
      await display.keys('Return');
      await pause(800);
      await display.keys('Tab', 'Return'); // the prompt's default button is Deny; Tab moves to Allow
    },
    send: async (type, payload) => send(await s.extensionPage(), type, payload),
    async close() {
      await s.close();
      display.stop();
    },
  };
}
