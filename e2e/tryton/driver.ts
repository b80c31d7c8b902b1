// What the Tryton scenarios need from a browser, so that each is written once and runs in
// Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi).
import type { Method, RequestOf, Responses } from '../../lib/messaging/protocol';

/** One browser with the extension loaded, in a window on a virtual display (real key presses). */
export interface Driver {
  name: 'chromium' | 'firefox';
  newTab(): Promise<Tab>;
  /**
   * Switches the extension on for the site of `tab` as a user does: the toolbar popup's
   * shortcut, "Enable on this site" in it, then Allow in the browser's own permission prompt.
   */
  enableSiteFromPopup(tab: Tab): Promise<void>;
  /** One protocol message from an extension page, as the UI sends it. */
  send<M extends Method>(type: M, payload: RequestOf<M>): Promise<Responses[M]>;
  close(): Promise<void>;
}

/** Element actions in a document: the first element matching `css` whose trimmed text is `text` (or matches it); they wait for it. */
export interface Document {
  /** Runs `fn(arg)` in the document's own world. */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  /** A real click. */
  click(css: string, text?: string | RegExp): Promise<void>;
  /** Replaces a field's value by typing into it, as a user does. */
  fill(css: string, value: string): Promise<void>;
  /** Picks the option labelled `label` in a <select>. */
  select(css: string, label: string): Promise<void>;
}

/** What of our in-page UI a test clicks: Connect, its menu's items, or the collapsed panel's tab. */
export type OurControl = 'Connect' | 'To Another' | 'To Me' | 'Connections';

/** A tab: the CRM's page (and open shadow roots in it), our in-page UI, and our frames. */
export interface Tab extends Document {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  back(): Promise<void>;
  url(): Promise<string>;
  bringToFront(): Promise<void>;
  dblclick(css: string, text?: string | RegExp): Promise<void>;
  /**
   * What our Connect carries (inside its closed shadow root): the record's key and count, and
   * whether the panel is docked open; null without Connect.
   */
  ours(): Promise<{ key: string | null; count: string | null; panel: boolean } | null>;
  /** Clicks one of our in-page controls with the real mouse. */
  clickOurs(what: OurControl): Promise<void>;
  /** One of our extension frames, once it is on the page. */
  frame(name: 'panel' | 'dialog'): Promise<Document>;
  /** Whether that frame is on the page now. */
  hasFrame(name: 'panel' | 'dialog'): Promise<boolean>;
  close(): Promise<void>;
}

/** Which in-page element a control is, by what our UI renders (entrypoints/content/ui). */
export function isControl(what: OurControl, n: { tag: string; attrs: Record<string, string>; text: string }) {
  if (what === 'Connect') return n.tag === 'button' && n.attrs.class === 'connect-button';
  if (what === 'Connections') return n.tag === 'button' && n.attrs.class === 'tab' && !('hidden' in n.attrs);
  return n.attrs.role === 'menuitem' && n.text === what;
}

/** What our Connect carries, and whether the panel is docked open, from the in-page elements. */
export function oursFrom(nodes: { tag: string; attrs: Record<string, string> }[]) {
  const wrap = nodes.find((n) => n.tag === 'div' && n.attrs.class?.split(' ').includes('connect'));
  const dock = nodes.find((n) => n.attrs.class === 'dock');
  if (!wrap) return null;
  return {
    key: wrap.attrs['data-record-key'] ?? null,
    count: wrap.attrs['data-active-count'] ?? null,
    panel: !!dock && !('hidden' in dock.attrs),
  };
}

/** Polls `read` until it gives a value (not null or undefined). */
export async function eventually<T>(read: () => Promise<T | null | undefined>, what: string, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await read().catch(() => null);
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
