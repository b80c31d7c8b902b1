import type { Frame, Page } from 'puppeteer-core';
import { fill, find, selectLabel, send, startSession } from '../firefox/harness';
import { clickOurs, inPageNodes, ourFrame } from '../firefox/in-page';
import { startDisplay } from '../xvfb';
import { eventually, isControl, oursFrom, type Document, type Driver, type Tab } from './driver';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Element actions in a page or one of its frames. */
function document(where: Page | Frame): Document {
  const element = (css: string, text?: string | RegExp) => find(where, css, text, 15_000);
  return {
    // Arguments cross into the page as JSON, which is all the scenarios pass.
    evaluate: async (fn, arg) => (await where.evaluate(fn as (a: unknown) => unknown, arg)) as ReturnType<typeof fn>,
    click: async (css, text) => (await element(css, text)).click(),
    fill: async (css, value) => fill(await element(css), value),
    select: async (css, label) => selectLabel(await element(css), label),
  };
}

function tab(page: Page, s: Awaited<ReturnType<typeof startSession>>): Tab {
  // sao asks "Are your sure to leave?" before a reload while tabs are open: the user says yes.
  page.on('dialog', (d) => void d.accept());
  return {
    ...document(page),
    dblclick: async (css, text) => (await find(page, css, text, 15_000)).click({ count: 2 }),
    goto: async (url) => void (await page.goto(url)),
    // Until the document is parsed (see the Chromium driver).
    reload: async () => void (await page.reload({ waitUntil: 'domcontentloaded' })),
    back: async () => void (await page.goBack()),
    url: async () => page.url(),
    bringToFront: () => page.bringToFront(),
    ours: async () => oursFrom(await inPageNodes(s.browser, page)),
    clickOurs: (what) => clickOurs(s.browser, page, what, (n) => isControl(what, n)),
    frame: async (name) => document(await eventually(() => ourFrame(page, name), `the ${name} frame`)),
    hasFrame: async (name) => (await ourFrame(page, name)) !== null,
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
      return tab(page, s);
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
