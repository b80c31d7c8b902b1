import type { Runtime } from 'webextension-polyfill';
import { CHANGE_FEED_PORT } from '../messaging/ports';
import type { Change } from '../messaging/views';
import { statusForPage } from '../model/sync-settings';
import type { SenderKind } from './sender';

/**
 * The change feed: every UI context keeps a port open and is told what changed. The set of
 * ports is not state that matters: when the worker stops the ports drop and clients reconnect
 * and refresh.
 */
export function createChangeHub(kindOf: (sender: unknown) => SenderKind | null, onWatched: () => void = () => {}) {
  /** Each open port and whether a CRM page's content script holds it. */
  const ports = new Map<Runtime.Port, SenderKind>();
  return {
    /** Whether any UI is watching: sync then waits live for the server's changes. */
    watched: () => ports.size > 0,
    onConnect(port: Runtime.Port) {
      const kind = kindOf(port.sender);
      if (port.name !== CHANGE_FEED_PORT || !kind) {
        port.disconnect();
        return;
      }
      ports.set(port, kind);
      if (ports.size === 1) onWatched();
      port.onDisconnect.addListener(() => ports.delete(port));
    },
    emit(change: Change) {
      const forPage = change.sync ? { ...change, sync: statusForPage(change.sync) } : change;
      for (const [port, kind] of ports) {
        try {
          // A content script's port lives in a CRM page: it gets the page's view.
          port.postMessage(kind === 'content' ? forPage : change);
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}
