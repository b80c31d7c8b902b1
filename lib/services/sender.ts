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

/**
 * Accepts only this extension's own contexts: its pages (URL under its origin) and its
 * content scripts (in a tab, with this extension's id). Other extensions and web pages are
 * refused even if a future manifest change made them able to reach us.
 */
export function isTrustedSender(sender: SenderInfo | undefined, self: SelfInfo): boolean {
  if (!sender || sender.id !== self.id) return false;
  if (typeof sender.url === 'string' && sender.url.startsWith(self.origin)) return true;
  return sender.tab !== undefined && sender.tab !== null;
}
