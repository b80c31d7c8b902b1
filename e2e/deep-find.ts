// Finding an element by CSS and text in a page and in every open shadow root in it (the in-page
// UI lives in one), for both browsers' drivers: `deepFind` runs in the page.

/** A text matcher that survives being passed into a page: exact text, a RegExp's parts, or any. */
export type Want = string | { source: string; flags: string } | null;

export const want = (text?: string | RegExp): Want =>
  text === undefined ? null : text instanceof RegExp ? { source: text.source, flags: text.flags } : text;

/**
 * Runs in the page: the first element matching `selector` whose trimmed text is `text` (or
 * matches it), searching the document and every open shadow root in it; null when none is there yet.
 */
export function deepFind([selector, text]: readonly [string, Want]): Element | null {
  const matches = (el: Element) => {
    const t = (el.textContent ?? '').trim();
    if (text === null) return true;
    return typeof text === 'string' ? t === text : new RegExp(text.source, text.flags).test(t);
  };
  const search = (root: Document | ShadowRoot): Element | null => {
    for (const el of root.querySelectorAll(selector)) if (matches(el)) return el;
    for (const host of root.querySelectorAll('*')) {
      const found = host.shadowRoot && search(host.shadowRoot);
      if (found) return found;
    }
    return null;
  };
  return search(document);
}
