import { browser } from 'wxt/browser';
import type { BrowserEnv } from '../../lib/services/handlers';
import { PAGE_UI_MESSAGE_TYPE } from '../../lib/messaging/ports';
import type { SeenRecord } from '../../lib/model';
import type { Store } from '../../lib/store';
import type { PageHost } from '../../lib/services/page';
import type { PrivateRecords, TabState, TabStates } from '../../lib/services/tab-state';
import { browserSiteHost } from './site-host';
import { browserSyncEnv } from './sync-env';

const TAB_PREFIX = 'tab:';
const PRIVATE_PREFIX = 'private:';

/**
 * Each tab's state (the record it shows, its frames' tokens) in `storage.session`, one key per
 * tab so tabs reporting at the same moment cannot overwrite each other: it outlives an idle stop
 * of the worker, lives in memory only, and is cleared when the browser closes. (Both Chrome and
 * Firefox 115+ have it; content scripts cannot read it.)
 */
function sessionTabStates(): TabStates {
  return {
    async get(tabId) {
      const key = `${TAB_PREFIX}${tabId}`;
      return ((await browser.storage.session.get(key))[key] as TabState | undefined) ?? null;
    },
    async set(tabId, state) {
      if (state === null) await browser.storage.session.remove(`${TAB_PREFIX}${tabId}`);
      else await browser.storage.session.set({ [`${TAB_PREFIX}${tabId}`]: state });
    },
    async all() {
      const entries = Object.entries(await browser.storage.session.get(null));
      return new Map(
        entries
          .filter(([k]) => k.startsWith(TAB_PREFIX))
          .map(([k, state]) => [Number(k.slice(TAB_PREFIX.length)), state as TabState]),
      );
    },
  };
}

/** Records seen in private windows, per window, in `storage.session` (memory only). */
function sessionPrivateRecords(): PrivateRecords {
  const keyOf = (windowId: number) => `${PRIVATE_PREFIX}${windowId}`;
  const read = async (windowId: number) =>
    ((await browser.storage.session.get(keyOf(windowId)))[keyOf(windowId)] as Record<string, SeenRecord>) ?? {};
  return {
    list: async (windowId) => Object.values(await read(windowId)),
    async put(windowId, record) {
      const all = await read(windowId);
      await browser.storage.session.set({ [keyOf(windowId)]: { ...all, [record.key]: record } });
    },
    drop: (windowId) => browser.storage.session.remove(keyOf(windowId)),
  };
}

/**
 * Relays to a CRM tab: a frame's request to its page's content script (the top frame only), and
 * news of the tab's record to its frames (on the change feed).
 */
function browserPageHost(toFrames: (tabId: number) => void): PageHost {
  return {
    async toContentScript(tabId, ui) {
      await browser.tabs.sendMessage(tabId, { type: PAGE_UI_MESSAGE_TYPE, ui }, { frameId: 0 });
    },
    toFrames,
  };
}

/** The browser features the services use, over the real browser. */
export function browserEnv(db: Promise<Store>, watched: () => boolean, toFrames: (tabId: number) => void): BrowserEnv {
  return {
    sync: browserSyncEnv(db),
    watched,
    sites: browserSiteHost(),
    tabs: sessionTabStates(),
    privateRecords: sessionPrivateRecords(),
    page: browserPageHost(toFrames),
    shortcuts: async () =>
      (await browser.commands.getAll()).map((c) => ({
        name: c.name ?? '',
        shortcut: c.shortcut ?? '',
        description: c.description ?? '',
      })),
  };
}
