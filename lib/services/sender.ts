/** The parts of a message sender the background looks at (runtime.MessageSender). */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** This extension, as the background knows it. */
export interface SelfInfo {
  id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  origin: string;
}

/** Which of this extension's contexts sent a message: its own pages, or a content script. */
export type SenderKind = 'page' | 'content';

/**
 * Accepts only this extension's own contexts: its pages (URL under its origin) and its
 * content scripts (in a tab, with this extension's id). Other extensions and web pages are
 * refused (null) even if a future manifest change made them able to reach us.
 */
export function senderKind(sender: SenderInfo | undefined, self: SelfInfo): SenderKind | null {
  if (!sender || sender.id !== self.id) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(self.origin)) return 'page';
  return sender.tab !== undefined && sender.tab !== null ? 'content' : null;
}

/** True for any of this extension's contexts. */
export const isTrustedSender = (sender: SenderInfo | undefined, self: SelfInfo) => senderKind(sender, self) !== null;
