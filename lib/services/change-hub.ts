import type { Runtime } from 'webextension-polyfill';
import { CHANGE_FEED_PORT } from '../messaging/ports';
import type { Change } from '../messaging/views';

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
      for (const port of ports) {
        try {
          port.postMessage(change);
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}
