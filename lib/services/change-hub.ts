import type { Runtime } from 'webextension-polyfill';
import { CHANGE_FEED_PORT } from '../messaging/ports';
import type { Change } from '../messaging/views';
import { statusForPage } from '../model/sync-settings';
import type { SenderKind } from './sender';

interface Watcher {
  kind: SenderKind;
  tabId?: number;
}

/** What a content script is told of a change: that its count may differ, nothing else. */
const forContentScript = (change: Change): Change | null =>
  change.records || change.roles || change.all ? { recount: true } : null;

/**
 * The change feed: every UI context keeps a port open and is told what changed. The set of
 * ports is not state that matters: when the worker stops the ports drop and clients reconnect
 * and refresh. Content scripts hear only that their count may have changed; frames inside CRM
 * pages get the page's view of the sync status, and news of their own tab's record.
 */
export function createChangeHub(kindOf: (sender: unknown) => SenderKind | null, onWatched: () => void = () => {}) {
  const ports = new Map<Runtime.Port, Watcher>();
  const post = (port: Runtime.Port, message: Change) => {
    try {
      port.postMessage(message);
    } catch {
      ports.delete(port);
    }
  };
  return {
    /** Whether any UI is watching: sync then waits live for the server's changes. */
    watched: () => ports.size > 0,
    onConnect(port: Runtime.Port) {
      const kind = kindOf(port.sender);
      if (port.name !== CHANGE_FEED_PORT || !kind) {
        port.disconnect();
        return;
      }
      const tabId = (port.sender?.tab as { id?: unknown } | undefined)?.id;
      ports.set(port, { kind, tabId: typeof tabId === 'number' ? tabId : undefined });
      if (ports.size === 1) onWatched();
      port.onDisconnect.addListener(() => ports.delete(port));
    },
    emit(change: Change) {
      const forFrame = change.sync ? { ...change, sync: statusForPage(change.sync) } : change;
      const forContent = forContentScript(change);
      for (const [port, { kind }] of ports) {
        if (kind === 'content') {
          if (forContent) post(port, forContent);
        } else post(port, kind === 'frame' ? forFrame : change);
      }
    },
    /** Tells the frames of one tab that the record it shows changed. */
    toFrames(tabId: number) {
      for (const [port, w] of ports) if (w.kind === 'frame' && w.tabId === tabId) post(port, { page: true });
    },
  };
}
