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

/** A tab. Element actions find their target in the page and in open shadow roots, and wait for it. */
export interface Tab {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  back(): Promise<void>;
  url(): Promise<string>;
  bringToFront(): Promise<void>;
  /** Runs `fn(arg)` in the page's own world (the CRM's scripts see the same DOM). */
  evaluate<A, R>(fn: (arg: A) => R, arg: A): Promise<R>;
  /** A real click on the first element matching `css` whose trimmed text is `text` (or matches it). */
  click(css: string, text?: string | RegExp): Promise<void>;
  dblclick(css: string, text?: string | RegExp): Promise<void>;
  /** Replaces a field's value by typing into it, as a user does. */
  fill(css: string, value: string): Promise<void>;
  /** Picks the option labelled `label` in a <select>. */
  select(css: string, label: string): Promise<void>;
  close(): Promise<void>;
}
