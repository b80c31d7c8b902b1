import type { Browser, ElementHandle, Frame, HTTPRequest, Page } from 'puppeteer-core';
import type { DemoRecord } from '../../demo/records.mjs';
import { DEMO_HOSTS } from '../../demo/routes.mjs';
import { notFoundPage, renderDemoPage } from '../../demo/render.mjs';
import type { Method, Reply, RequestOf, Responses } from '../../lib/messaging/protocol';
import { chromeEval, launchFirefoxWithExtension } from '../../scripts/firefox.mjs';
import { deepFind, want, type Want } from '../deep-find';
import { clickOurs as clickInPageWhenReady, inPageNodes, ourFrame, type InPageNode } from './in-page';

export interface Session {
  browser: Browser;
  geckoId: string;
  extensionUrl(path: string): string;
  /** A new tab in which the demo CRMs answer at their real URLs. */
  newPage(): Promise<Page>;
  /** An extension page in a new tab, once `ready` (a CSS selector) is on it. */
  openExtensionPage(path: string, ready: string): Promise<Page>;
  /** An extension page (the popup) to send protocol messages from, as the UI does. */
  extensionPage(): Promise<Page>;
  /** Grants a host permission as the user does in about:addons → Permissions (see grantOrigin). */
  grantOrigin(pattern: string): Promise<void>;
  /** Answers the browser's permission prompt ("addon-webext-permissions"); returns its text. */
  answerPermissionPrompt(answer: 'allow' | 'deny'): Promise<string>;
  close(): Promise<void>;
}

/**
 * The demo CRM page for a request to one of DEMO_HOSTS, as demo/routes.mjs does for Playwright:
 * puppeteer's request interception works over BiDi in Firefox, so the manifest's real match
 * patterns decide where the content script runs. Everything else goes to the network as usual.
 */
function serveDemoCrms(request: HTTPRequest) {
  const url = request.url();
  const host = URL.canParse(url) ? new URL(url) : null;
  if (host?.protocol !== 'https:' || !DEMO_HOSTS.includes(host.hostname)) return void request.continue();
  const { status, contentType, body, headers } = renderDemoPage(url) ?? notFoundPage(url);
  return void request.respond({ status, contentType, body, headers });
}

/** Firefox ESR with the built extension and the demo CRMs at their real URLs. */
export async function startSession(
  options: {
    profile?: string;
    permanent?: boolean;
    prefs?: Record<string, string | number | boolean>;
    /** An X display (e2e/xvfb.ts) to open a window on, for real key presses. */
    display?: string;
  } = {},
): Promise<Session> {
  const { browser, geckoId, extensionUrl } = await launchFirefoxWithExtension(options);
  const newPage = async () => {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', serveDemoCrms);
    return page;
  };
  const openExtensionPage = async (path: string, ready: string) => {
    const page = await browser.newPage();
    // Firefox loads moz-extension:// pages but BiDi never reports their navigation as done:
    // wait for the content instead of the navigation.
    page.goto(extensionUrl(path)).catch(() => {});
    // The wait can start in the blank page the tab opened with; when the extension page replaces
    // it, the wait fails ("Waiting failed") rather than moving over: start it again there.
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await page.waitForSelector(ready, { timeout: Math.max(1, deadline - Date.now()) });
        return page;
      } catch (e) {
        if (Date.now() >= deadline) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  let messenger: Page | null = null;
  return {
    browser,
    geckoId,
    extensionUrl,
    newPage,
    openExtensionPage,
    async extensionPage() {
      if (!messenger || messenger.isClosed()) messenger = await openExtensionPage('popup.html', 'h1');
      return messenger;
    },
    grantOrigin: (pattern) => grantOrigin(browser, geckoId, pattern),
    answerPermissionPrompt: (answer) => answerPermissionPrompt(browser, answer),
    close: () => browser.close(),
  };
}

/**
 * Adds an optional host permission the way Firefox's own UI does once the user allows it (the
 * prompt's Allow and about:addons' permission toggles both end in ExtensionPermissions.add), so
 * the extension sees permissions.onAdded as in real use. For sites switched on from the toolbar
 * popup, whose document BiDi cannot reach to click "Enable on this site".
 */
function grantOrigin(browser: Browser, geckoId: string, pattern: string) {
  return chromeEval<void>(
    browser,
    `(async () => {
      const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
      const extension = WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).extension;
      await ExtensionPermissions.add(extension.id, { origins: [${JSON.stringify(pattern)}], permissions: [] }, extension);
    })()`,
  );
}

/** Waits for the permission doorhanger and clicks its real Allow or Deny button. */
async function answerPermissionPrompt(browser: Browser, answer: 'allow' | 'deny') {
  const end = Date.now() + 10_000;
  while (Date.now() < end) {
    const text = await chromeEval<string | null>(
      browser,
      `(() => {
        const n = PopupNotifications.panel.querySelector('#addon-webext-permissions-notification');
        if (!n || PopupNotifications.panel.state !== 'open') return null;
        const text = n.textContent.replace(/\\s+/g, ' ').trim();
        (${answer === 'allow' ? 'n.button' : 'n.secondaryButton'}).click();
        return text;
      })()`,
    );
    if (text !== null) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('The permission prompt did not open');
}

/** Sends one protocol message from an extension page and returns the raw reply. */
export function sendRaw(page: Page, type: string, payload: unknown): Promise<Reply> {
  return page.evaluate(
    (t, p) =>
      (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<Reply> } } }
      ).browser.runtime.sendMessage({ type: t, payload: p }),
    type,
    payload,
  );
}

/** Sends one protocol message and returns its value, failing the test on an error reply. */
export async function send<M extends Method>(page: Page, type: M, payload: RequestOf<M>): Promise<Responses[M]> {
  const reply = await sendRaw(page, type, payload);
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.message}`);
  return reply.value as Responses[M];
}

/**
 * The first element matching `css` whose trimmed text is `text` (or matches it, when `text` is
 * a RegExp), searching open shadow roots too (the in-page UI lives in one); waits for it.
 */
export async function find(page: Page | Frame, css: string, text?: string | RegExp, timeout = 10_000) {
  const args: readonly [string, Want] = [css, want(text)];
  const handle = await page.waitForFunction(deepFind, { timeout }, args);
  return handle as ElementHandle<Element>;
}

/** How many elements match `css` (open shadow roots included), right now. */
export function count(page: Page | Frame, css: string): Promise<number> {
  return page.evaluate((selector) => {
    const search = (root: Document | ShadowRoot): number =>
      root.querySelectorAll(selector).length +
      [...root.querySelectorAll('*')].reduce((n, el) => n + (el.shadowRoot ? search(el.shadowRoot) : 0), 0);
    return search(document);
  }, css);
}

/** Replaces a text field's value by typing, as a user would. */
export async function fill(field: ElementHandle<Element>, text: string) {
  await field.evaluate((el) => {
    (el as HTMLInputElement).focus();
    (el as HTMLInputElement).select();
  });
  await field.press('Backspace');
  await field.type(text);
}

/** Picks the option shown as `label` in a <select>. */
export async function selectLabel(select: ElementHandle<Element>, label: string) {
  const value = await select.evaluate(
    (el, l) => [...(el as HTMLSelectElement).options].find((o) => o.textContent === l)?.value,
    label,
  );
  if (value === undefined) throw new Error(`No option "${label}"`);
  await select.select(value);
}

/**
 * The in-page UI's state, read from inside its closed shadow root (in-page.ts): the record it
 * shows and its active connection count (nulls without our UI), and whether the panel is open.
 */
export async function pageState(page: Page) {
  const nodes = await inPageNodes(page.browser(), page);
  const wrap = nodes.find((n) => n.tag === 'div' && n.attrs.class?.split(' ').includes('connect'));
  const dock = nodes.find((n) => n.attrs.class === 'dock');
  return {
    key: wrap?.attrs['data-record-key'] ?? null,
    count: wrap?.attrs['data-active-count'] ?? null,
    connect: !!wrap,
    panel: !!dock && !('hidden' in dock.attrs),
  };
}

/** Clicks one of our in-page controls (Connect, a menu item, the panel's slim tab) with the real mouse. */
export async function clickOurs(page: Page, what: 'Connect' | 'To Another' | 'To Me' | 'Connections') {
  const match = (n: InPageNode) =>
    what === 'Connect'
      ? n.tag === 'button' && n.attrs.class === 'connect-button'
      : what === 'Connections'
        ? n.tag === 'button' && n.attrs.class === 'tab' && !('hidden' in n.attrs)
        : n.attrs.role === 'menuitem' && n.text === what;
  await clickInPageWhenReady(page.browser(), page, what, match);
}

/** One of our frames on the page, once it is there. */
export async function frameOf(page: Page, name: 'panel' | 'dialog'): Promise<Frame> {
  try {
    return (await waitFor(
      () => ourFrame(page, name),
      (f) => f !== null,
    ))!;
  } catch {
    // Say what the page had instead: its frames, and our in-page controls with their state.
    const frames = page.frames().map((f) => f.url());
    const ours = (await inPageNodes(page.browser(), page)).map((n) => `${n.tag}${JSON.stringify(n.attrs)}`);
    throw new Error(`No ${name} frame; frames: ${frames.join(', ')}; in-page: ${ours.join(' ')}`);
  }
}

/** Polls `read` until `ok` accepts its value; fails with the last value seen. */
export async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out; last saw ${JSON.stringify(last)}`);
}

/** A demo record as the protocol takes it (the demo's display fields left out). */
export const recordInput = ({ fields: _fields, ...record }: DemoRecord) => record;
