// The extension's in-page UI in Chromium, for tests, the bench and `npm start`: it lives in
// closed shadow roots that page scripts (and Playwright's selectors) cannot enter. The DevTools
// protocol can: DOM.getDocument with `pierce` shows closed roots. Clicks go where an element is on
// screen, with the real mouse, as a user's do.

/** Our hosts' names: random, two lowercase words (entrypoints/content/ui/host.ts). */
const HOST_NAME = /^[a-z]{5}-[a-z]{7}$/i;

const sessions = new WeakMap();
const cdpOf = (page) => {
  let s = sessions.get(page);
  if (!s) sessions.set(page, (s = page.context().newCDPSession(page)));
  return s;
};

const textOf = (n) => (n.nodeType === 3 ? (n.nodeValue ?? '') : (n.children ?? []).map(textOf).join(''));

/** Every element inside our hosts' closed shadow roots, in document order: `{ backendNodeId, tag, attrs, text }`. */
export async function inPageNodes(page) {
  const cdp = await cdpOf(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const out = [];
  const collect = (n) => {
    if (n.nodeType === 1) {
      const attrs = {};
      for (let i = 0; i + 1 < (n.attributes?.length ?? 0); i += 2) attrs[n.attributes[i]] = n.attributes[i + 1];
      out.push({ backendNodeId: n.backendNodeId, tag: n.nodeName.toLowerCase(), attrs, text: textOf(n).trim() });
    }
    for (const c of n.children ?? []) collect(c);
  };
  const walk = (n) => {
    const attr = (name) => (n.attributes ?? []).some((a, i) => i % 2 === 0 && a === name);
    // A hidden host (the panel's, between records) shows nothing.
    if (n.nodeType === 1 && HOST_NAME.test(n.nodeName)) {
      if (attr('hidden')) return;
      for (const r of n.shadowRoots ?? []) if (r.shadowRootType === 'closed') collect(r);
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** The record the in-page UI shows (the key its Connect carries), or null when it shows none. */
export async function shownRecordKey(page) {
  const wrap = (await inPageNodes(page)).find((n) => n.tag === 'div' && n.attrs.class?.split(' ').includes('connect'));
  return wrap?.attrs['data-record-key'] ?? null;
}

/** Waits until the in-page UI shows record `key` (any record when `key` is undefined); false on timeout. */
export async function waitForShown(page, key, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const shown = await shownRecordKey(page).catch(() => null);
    if (shown && (key === undefined || shown === key)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Where a user would click an element of ours, read in the page from the element itself: its
 * centre, once it has held still for 100 ms (Connect moves beside the record's title when a CRM
 * renders it late; a press on the old place is no click) and only if it is what is on top there.
 * Runs in the page (both browsers hand it the element by reference); returns JSON.
 */
export async function clickPoint(el) {
  const box = () => {
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height };
  };
  const before = JSON.stringify(box());
  await new Promise((r) => setTimeout(r, 100));
  const at = box();
  const top = at.w > 0 && at.h > 0 ? el.getRootNode().elementFromPoint(at.x, at.y) : null;
  return JSON.stringify({
    ...at,
    tag: el.localName,
    cls: el.getAttribute('class'),
    still: JSON.stringify(at) === before,
    onTop: !!top && (top === el || el.contains(top)),
  });
}

/** The point clickPoint found for `node`, or an error saying why there is none yet. */
export function pointFor(json, node) {
  const p = JSON.parse(json ?? 'null');
  const what = `${node.tag} "${node.text}"`;
  if (!p || p.tag !== node.tag || p.cls !== (node.attrs.class ?? null)) throw new Error(`${what} is gone`);
  if (!p.w || !p.h) throw new Error(`${what} is not shown`);
  if (!p.still) throw new Error(`${what} is moving`);
  if (!p.onTop) throw new Error(`${what} is covered`);
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Clicks an element of our in-page UI with the real mouse, where a user would (clickPoint). */
export async function clickInPage(page, node) {
  const cdp = await cdpOf(page);
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId }).catch(() => {});
  const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: node.backendNodeId });
  const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: String(clickPoint),
    arguments: [{ objectId: object.objectId }],
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails)
    throw new Error(`clickPoint: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  const { x, y } = pointFor(result.value, node);
  await page.mouse.click(x, y);
}

/** Polls `read` until it gives a value (not null or undefined); throws naming `what` on timeout. */
export async function eventually(read, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    const v = await read().catch((e) => void (last = ` (last: ${e instanceof Error ? e.message : String(e)})`));
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}${last}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first of our in-page elements `match` accepts, or null. */
export async function findOurs(page, match) {
  return (await inPageNodes(page)).find(match) ?? null;
}

/**
 * Waits for the first of our in-page elements `match` accepts (`what` names it) to be on screen
 * and clicks it. An element can be there before it shows (a menu item while its menu opens):
 * the browser then has no box for it yet, and we look again.
 */
export async function clickOurs(page, what, match, timeout) {
  await eventually(
    async () => {
      const node = await findOurs(page, match);
      if (!node) return null;
      await clickInPage(page, node); // throws, and `eventually` looks again, until it can be clicked
      return true;
    },
    what,
    timeout,
  );
}

/** Our frame `panel.html` or `dialog.html` on the page, if there. */
export function ourFrame(page, name) {
  return page.frames().find((f) => new URL(f.url()).pathname === `/${name}.html`) ?? null;
}

/** Waits for our frame `panel` or `dialog`. */
export function waitForFrame(page, name, timeout) {
  return eventually(async () => ourFrame(page, name), `the ${name} frame`, timeout);
}

/** Whether the panel is docked open (the dock shown; its frame stays loaded while collapsed). */
export async function panelOpen(page) {
  const dock = await findOurs(page, (n) => n.attrs.class === 'dock');
  return !!dock && !('hidden' in dock.attrs);
}

/** Matchers for our in-page controls. */
export const OURS = {
  connect: (n) => n.tag === 'button' && n.attrs.class === 'connect-button',
  tab: (n) => n.tag === 'button' && n.attrs.class === 'tab' && !('hidden' in n.attrs),
  menuItem: (name) => (n) => n.attrs.role === 'menuitem' && n.text === name,
};
