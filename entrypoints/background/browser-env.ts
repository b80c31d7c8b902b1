import { browser } from 'wxt/browser';
import type { BrowserEnv } from '../../lib/services/handlers';
import type { TabRecords } from '../../lib/services/records';
import { browserSiteHost } from './site-host';

const TAB_RECORDS = 'tabRecords';

/**
 * Which record each tab shows, in `storage.session`: it outlives an idle stop of the worker and
 * is cleared when the browser closes. (Both Chrome and Firefox 115+ have it.)
 */
function sessionTabRecords(): TabRecords {
  const read = async () =>
    ((await browser.storage.session.get(TAB_RECORDS))[TAB_RECORDS] ?? {}) as Record<string, string>;
  return {
    async set(tabId, key) {
      const map = await read();
      if (key === null ? !(tabId in map) : map[tabId] === key) return;
      if (key === null) delete map[tabId];
      else map[tabId] = key;
      await browser.storage.session.set({ [TAB_RECORDS]: map });
    },
    async all() {
      return new Map(Object.entries(await read()).map(([tab, key]) => [Number(tab), key]));
    },
  };
}

/** The browser features the services use, over the real browser. */
export function browserEnv(): BrowserEnv {
  return {
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
