import type { Runtime } from 'webextension-polyfill';
import { CHANGE_FEED_PORT } from '../messaging/ports';
import type { Change } from '../messaging/views';
import { statusForPage } from '../model/sync-settings';

/**
 * The change feed: every UI context keeps a port open and is told what changed. The set of
 * ports is not state that matters: when the worker stops the ports drop and clients reconnect
 * and refresh.
 */
export function createChangeHub(trusted: (sender: unknown) => boolean, onWatched: () => void = () => {}) {
  const ports = new Set<Runtime.Port>();
  return {
    /** Whether any UI is watching: sync then waits live for the server's changes. */
    watched: () => ports.size > 0,
    onConnect(port: Runtime.Port) {
      if (port.name !== CHANGE_FEED_PORT || !trusted(port.sender)) {
        port.disconnect();
        return;
      }
      ports.add(port);
      if (ports.size === 1) onWatched();
      port.onDisconnect.addListener(() => ports.delete(port));
    },
    emit(change: Change) {
      const forPage = change.sync ? { ...change, sync: statusForPage(change.sync) } : change;
      for (const port of ports) {
        try {
          // A content script's port (it has a tab) lives in a CRM page: it gets the page's view.
          port.postMessage(port.sender?.tab ? forPage : change);
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}
