/** The parts of a message sender the background looks at (runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
  frameId?: number;
}

/** This extension, as the background knows it. */
export interface SelfInfo {
  id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  origin: string;
}

/** The extension pages that content scripts frame into CRM pages. */
export const FRAME_PAGES = { panel: 'panel.html', dialog: 'dialog.html' } as const;

/**
 * Which of this extension's contexts sent a message: its own pages (popup, options, a tab of
 * ours), its pages framed into a CRM tab by the content script (`frame`), or a content script.
 */
export type SenderKind = 'page' | 'frame' | 'content';

/** Which frame page `url` is (`panel`, `dialog`), if it is one of ours. */
export function framePage(url: string | undefined, self: SelfInfo) {
  if (!url?.startsWith(self.origin)) return null;
  const path = url.slice(self.origin.length).replace(/[?#].*$/, '');
  const found = Object.entries(FRAME_PAGES).find(([, page]) => page === path);
  return found ? (found[0] as keyof typeof FRAME_PAGES) : null;
}

/**
 * Accepts only this extension's own contexts: its pages (URL under its origin), the frames it
 * puts into CRM pages (one of FRAME_PAGES, in a tab) and its content
 * scripts (in a tab, with this extension's id). Other extensions and web pages are refused
 * (null) even if a future manifest change made them able to reach us; so is any other page of
 * ours framed into a tab.
 */
export function senderKind(sender: SenderInfo | undefined, self: SelfInfo): SenderKind | null {
  if (!sender || sender.id !== self.id) return null;
  const inTab = sender.tab !== undefined && sender.tab !== null;
  if (typeof sender.url === 'string' && sender.url.startsWith(self.origin)) {
    // A frame page is a frame wherever it is (its token is checked), also opened on its own in
    // a tab: it is web-accessible, and has no business with an extension page's rights.
    if (framePage(sender.url, self)) return inTab ? 'frame' : null;
    if (inTab && typeof sender.frameId === 'number' && sender.frameId !== 0) return null;
    return 'page';
  }
  return inTab ? 'content' : null;
}
