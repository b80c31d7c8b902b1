import type { BrowserEnv } from '../lib/services/handlers';
import type { TabRecords } from '../lib/services/records';
import { fakeSiteHost } from './fake-site-host';

/** The browser as the services see it, in memory: sites, tab records and shortcuts. */
export function fakeBrowserEnv() {
  const sites = fakeSiteHost();
  const tabMap = new Map<number, string>();
  const tabs: TabRecords = {
    set: async (tab, key) => void (key === null ? tabMap.delete(tab) : tabMap.set(tab, key)),
    all: async () => new Map(tabMap),
  };
  const env: BrowserEnv = {
    sites: sites.host,
    tabs,
    shortcuts: async () => [{ name: 'new-connection', shortcut: 'Alt+Shift+C', description: 'New connection' }],
  };
  return { env, sites, tabMap };
}
