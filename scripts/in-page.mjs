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
    if (n.nodeType === 1 && HOST_NAME.test(n.nodeName)) {
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

/** Clicks an element of our in-page UI with the real mouse, at its centre on screen. */
export async function clickInPage(page, node) {
  const cdp = await cdpOf(page);
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId }).catch(() => {});
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
  const [x1, y1, , , x3, y3] = model.content;
  await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
}
