import type { ElementHandle, Frame, Page } from 'playwright-core';
import { deepFind, want } from '../deep-find';
import { send, startSession } from '../harness';
import { clickOurs } from '../../scripts/in-page.mjs';
import { inPageNodes, ourFrame } from '../page-ui';
import { startDisplay } from '../xvfb';
import { eventually, isControl, oursFrom, type Document, type Driver, type Tab } from './driver';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Element actions in a page or one of its frames. */
function document(where: Page | Frame): Document {
  const element = async (css: string, text?: string | RegExp): Promise<ElementHandle> => {
    const handle = await where.waitForFunction(deepFind, [css, want(text)] as const, { timeout: 15_000 });
    const el = handle.asElement();
    if (!el) throw new Error(`No element ${css}`);
    return el as ElementHandle;
  };
  return {
    // Arguments cross into the page as JSON, which is all the scenarios pass.
    evaluate: (fn, arg) => where.evaluate(fn as (a: unknown) => ReturnType<typeof fn>, arg),
    click: async (css, text) => (await element(css, text)).click(),
    fill: async (css, value) => (await element(css)).fill(value),
    select: async (css, label) => void (await (await element(css)).selectOption({ label })),
  };
}

function tab(page: Page): Tab {
  // sao asks "Are your sure to leave?" before a reload while tabs are open: the user says yes.
  page.on('dialog', (d) => void d.accept());
  const doc = document(page);
  return {
    ...doc,
    dblclick: async (css, text) => {
      const handle = await page.waitForFunction(deepFind, [css, want(text)] as const, { timeout: 15_000 });
      await (handle.asElement() as ElementHandle).dblclick();
    },
    goto: async (url) => void (await page.goto(url)),
    // Until the document is parsed, not every image and font (sao's own assets are its scripts;
    // the tests then wait for what they need): waiting for 'load' timed out now and then, after
    // 30 s, in the logout scenario.
    reload: async () => void (await page.reload({ waitUntil: 'domcontentloaded' })),
    back: async () => void (await page.goBack()),
    url: async () => page.url(),
    bringToFront: () => page.bringToFront(),
    ours: async () => oursFrom(await inPageNodes(page)),
    clickOurs: (what) => clickOurs(page, what, (n) => isControl(what, n)),
    frame: async (name) => document(await eventually(async () => ourFrame(page, name), `the ${name} frame`)),
    hasFrame: async (name) => ourFrame(page, name) !== null,
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
