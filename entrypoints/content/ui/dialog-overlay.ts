import { createHost } from './host';
import { extensionFrame } from './frames';

/**
 * The New / Edit Connection dialog in the page: its extension frame laid over the page while it
 * is open, focused, and taken away when the dialog closes, the focus going back where it was.
 */
export function dialogOverlay(css: string) {
  let current: { host: HTMLElement; refocus: () => void } | null = null;
  let opening = 0;

  function close() {
    // Also one still opening (its frame being made) is not to show any more.
    opening++;
    if (!current) return;
    const { host, refocus } = current;
    current = null;
    host.remove();
    // The focus was in the frame just removed: back to this page, then to what had it.
    window.focus();
    refocus();
  }

  return {
    /**
     * Opens it for a new connection, one to the user, or to edit `connectionId`; `refocus` puts
     * the focus back where it was when it closes.
     */
    async open(mode: 'new' | 'me' | 'edit', connectionId: string | undefined, refocus: () => void) {
      close();
      const mine = opening;
      const params: Record<string, string> = { mode, ...(connectionId ? { id: connectionId } : {}) };
      const frame = await extensionFrame('dialog', mode === 'edit' ? 'Edit Connection' : 'New Connection', params);
      if (mine !== opening) return;
      const { host, root } = createHost(css);
      const overlay = document.createElement('div');
      overlay.className = 'overlay';
      overlay.append(frame);
      root.append(overlay);
      frame.addEventListener('load', () => frame.focus(), { once: true });
      document.body.append(host);
      current = { host, refocus };
    },
    close,
    get isOpen() {
      return current !== null;
    },
  };
}
