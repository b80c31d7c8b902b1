// The extension's in-page UI in Firefox, as tests reach it: it lives in closed shadow roots, which
// page scripts cannot enter. WebDriver BiDi can: `includeShadowTree: "all"` serialises closed roots
// too, with a reference to each node, and `input.performActions` clicks a node where it is on
// screen with the real mouse, as a user does. The panel and the dialog are extension frames,
// which puppeteer reaches as frames of the page (ourFrame).
import type { Browser, Frame, Page } from 'puppeteer-core';
import { clickPoint, eventually, pointFor } from '../../scripts/in-page.mjs';

/** An element of our in-page UI, as BiDi shows it. */
export interface InPageNode {
  sharedId: string;
  tag: string;
  attrs: Record<string, string>;
  text: string;
}

interface Serialized {
  type: string;
  sharedId?: string;
  value?: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    attributes?: Record<string, string>;
    children?: Serialized[];
    shadowRoot?: Serialized | null;
  };
}

/** Raw WebDriver BiDi commands on puppeteer's connection (not in its typed API). */
const bidi = (browser: Browser) =>
  (browser as unknown as { connection: { send(method: string, params: unknown): Promise<unknown> } }).connection;

/** The page's BiDi browsing context (puppeteer keeps it as the frame's id). */
const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;

const textOf = (n: Serialized): string =>
  n.value?.nodeType === 3 ? (n.value.nodeValue ?? '') : (n.value?.children ?? []).map(textOf).join('');

/** Every element inside our hosts' closed shadow roots, in document order. */
export async function inPageNodes(browser: Browser, page: Page): Promise<InPageNode[]> {
  const reply = (await bidi(browser).send('script.callFunction', {
    // Our hosts: elements with a random two-word name (entrypoints/content/ui/host.ts); a hidden
    // one (the panel's, between records) shows nothing.
    functionDeclaration: String(() =>
      [...document.querySelectorAll('*')].filter(
        (e) => /^[a-z]{5}-[a-z]{7}$/.test(e.localName) && !e.hasAttribute('hidden'),
      ),
    ),
    target: { context: contextOf(page) },
    awaitPromise: true,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 12 },
    resultOwnership: 'none',
  })) as { result: { type: string; result?: { value?: Serialized[] } } };
  const out: InPageNode[] = [];
  const collect = (n: Serialized) => {
    const v = n.value;
    if (!v) return;
    if (v.nodeType === 1 && n.sharedId) {
      out.push({ sharedId: n.sharedId, tag: v.localName ?? '', attrs: v.attributes ?? {}, text: textOf(n).trim() });
    }
    for (const c of v.children ?? []) collect(c);
  };
  for (const host of reply.result.result?.value ?? []) {
    const root = host.value?.shadowRoot;
    if (root) for (const c of root.value?.children ?? []) collect(c);
  }
  return out;
}

/**
 * Clicks an element of our in-page UI with the real mouse, where a user would (clickPoint). The
 * point is read from the element itself, which BiDi hands to a function by reference, closed root
 * or not: an `element` pointer origin now and then pressed another element of ours.
 */
export async function clickInPage(browser: Browser, page: Page, node: InPageNode) {
  const reply = (await bidi(browser).send('script.callFunction', {
    functionDeclaration: String(clickPoint),
    arguments: [{ sharedId: node.sharedId }],
    target: { context: contextOf(page) },
    awaitPromise: true,
    resultOwnership: 'none',
  })) as { result: { result?: { value?: string } } };
  const { x, y } = pointFor(reply.result.result?.value, node);
  await bidi(browser).send('input.performActions', {
    context: contextOf(page),
    actions: [
      {
        type: 'pointer',
        id: 'mouse',
        actions: [
          { type: 'pointerMove', x, y, origin: 'viewport' },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ],
  });
}

/**
 * Waits for the first of our in-page elements `match` accepts (`what` names it) to be where it
 * can be clicked, and clicks it; as scripts/in-page.mjs clickOurs does in Chromium.
 */
export async function clickOurs(browser: Browser, page: Page, what: string, match: (n: InPageNode) => boolean) {
  await eventually(async () => {
    const node = (await inPageNodes(browser, page)).find(match);
    if (!node) return null;
    await clickInPage(browser, page, node); // throws, and `eventually` looks again, until it can be clicked
    return true;
  }, what);
}

/** Our frame `panel.html` or `dialog.html` on the page, if there (puppeteer may show it as about:blank). */
export async function ourFrame(page: Page, name: 'panel' | 'dialog'): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.detached) continue;
    let path: string | null = null;
    try {
      path = await frame.evaluate(() => location.pathname);
    } catch {
      // A frame that went while we asked (the dialog closing).
    }
    if (path === `/${name}.html`) return frame;
  }
  return null;
}
