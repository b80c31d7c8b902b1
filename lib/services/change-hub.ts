import type { Runtime } from 'webextension-polyfill';
import { CHANGE_FEED_PORT } from '../messaging/ports';
import type { Change } from '../messaging/views';

/**
 * The change feed: every UI context keeps a port open and is told what changed. The set of
 * ports is not state that matters: when the worker stops the ports drop and clients reconnect
 * and refresh.
 */
export function createChangeHub(trusted: (sender: unknown) => boolean) {
  const ports = new Set<Runtime.Port>();
  return {
    onConnect(port: Runtime.Port) {
      if (port.name !== CHANGE_FEED_PORT || !trusted(port.sender)) {
        port.disconnect();
        return;
      }
      ports.add(port);
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
