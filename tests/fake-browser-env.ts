import type { BrowserEnv } from '../lib/services/handlers';
import type { TabRecords } from '../lib/services/records';
import type { SyncSettings } from '../lib/model';
import type { SyncEnv } from '../lib/sync/service';
import { fakeSiteHost } from './fake-site-host';

/** The browser as the services see it, in memory: sites, tab records and shortcuts. */
export function fakeBrowserEnv() {
  const sites = fakeSiteHost();
  const tabMap = new Map<number, string>();
  const tabs: TabRecords = {
    set: async (tab, key) => void (key === null ? tabMap.delete(tab) : tabMap.set(tab, key)),
    all: async () => new Map(tabMap),
  };
  const sync = {
    settings: null as SyncSettings | null,
    access: true,
    watched: false,
    alarm: false,
  };
  const syncEnv: SyncEnv = {
    load: async () => (sync.settings ? { ...sync.settings } : null),
    save: async (s) => void (sync.settings = s),
    hasAccess: async () => sync.access,
    fetch: (input, init) => fetch(input, init),
    backstop: (on) => void (sync.alarm = on),
    random: () => 0.5,
  };
  const env: BrowserEnv = {
    sync: syncEnv,
    watched: () => sync.watched,
    sites: sites.host,
    tabs,
    shortcuts: async () => [{ name: 'new-connection', shortcut: 'Alt+Shift+C', description: 'New connection' }],
  };
  return { env, sites, tabMap, sync };
}
