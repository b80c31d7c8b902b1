import { browser } from 'wxt/browser';
import type { BrowserEnv } from '../../lib/services/handlers';
import type { TabRecords } from '../../lib/services/records';
import { browserSiteHost } from './site-host';
import { browserSyncEnv } from './sync-env';

const TAB_PREFIX = 'tab:';

/**
 * Which record each tab shows, in `storage.session`, one key per tab so tabs reporting at the
 * same moment cannot overwrite each other: it outlives an idle stop of the worker and is cleared
 * when the browser closes. (Both Chrome and Firefox 115+ have it.)
 */
function sessionTabRecords(): TabRecords {
  return {
    async set(tabId, key) {
      if (key === null) await browser.storage.session.remove(`${TAB_PREFIX}${tabId}`);
      else await browser.storage.session.set({ [`${TAB_PREFIX}${tabId}`]: key });
    },
    async all() {
      const entries = Object.entries(await browser.storage.session.get(null));
      return new Map(
        entries
          .filter(([k]) => k.startsWith(TAB_PREFIX))
          .map(([k, key]) => [Number(k.slice(TAB_PREFIX.length)), String(key)]),
      );
    },
  };
}

/** The browser features the services use, over the real browser. */
export function browserEnv(watched: () => boolean): BrowserEnv {
  return {
    sync: browserSyncEnv(),
    watched,
    sites: browserSiteHost(),
    tabs: sessionTabRecords(),
    shortcuts: async () =>
      (await browser.commands.getAll()).map((c) => ({
        name: c.name ?? '',
        shortcut: c.shortcut ?? '',
        description: c.description ?? '',
      })),
  };
}
