import type { BrowserEnv } from '../lib/services/handlers';
import type { PageUi } from '../lib/messaging/protocol';
import type { SeenRecord } from '../lib/model';
import type { PrivateRecords, TabState, TabStates } from '../lib/services/tab-state';
import type { SyncSettings } from '../lib/model';
import type { SyncEnv } from '../lib/sync/service';
import type { Store } from '../lib/store';
import { syncSettingsStore } from '../lib/store/sync-settings';
import { fakeSiteHost } from './fake-site-host';

/**
 * The browser as the services see it, in memory: sites, tabs, private windows, shortcuts. Given
 * the database, sync settings live in it as in the real background (lib/store/sync-settings.ts),
 * mirrored in `sync.settings`; without one, in `sync.settings` alone.
 */
export function fakeBrowserEnv(db?: Promise<Store>) {
  const stored = db ? syncSettingsStore(db) : null;
  const sites = fakeSiteHost();
  const tabMap = new Map<number, TabState>();
  const tabs: TabStates = {
    get: async (tab) => structuredClone(tabMap.get(tab) ?? null),
    set: async (tab, state) => void (state === null ? tabMap.delete(tab) : tabMap.set(tab, structuredClone(state))),
    all: async () => new Map(structuredClone([...tabMap])),
  };
  const privateMap = new Map<number, Map<string, SeenRecord>>();
  const privateRecords: PrivateRecords = {
    list: async (w) => [...(privateMap.get(w)?.values() ?? [])],
    // As storage.session does it: the window's whole entry read, then written back.
    async put(w, r) {
      const all = new Map(privateMap.get(w));
      await new Promise((done) => setTimeout(done));
      privateMap.set(w, all.set(r.key, r));
    },
    drop: async (w) => void privateMap.delete(w),
  };
  /** What the background relayed: to content scripts (by tab) and to frames. */
  const relayed = { toContent: [] as { tabId: number; ui: PageUi }[], toFrames: [] as number[] };
  const sync = {
    settings: null as SyncSettings | null,
    access: true,
    watched: false,
    alarm: false,
  };
  const syncEnv: SyncEnv = {
    load: async () => (stored ? stored.load() : sync.settings ? { ...sync.settings } : null),
    async save(s) {
      await stored?.save(s);
      sync.settings = s;
    },
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
    privateRecords,
    page: {
      toContentScript: async (tabId, ui) => void relayed.toContent.push({ tabId, ui }),
      toFrames: (tabId) => void relayed.toFrames.push(tabId),
    },
    shortcuts: async () => [{ name: 'new-connection', shortcut: 'Alt+Shift+C', description: 'New connection' }],
  };
  return { env, sites, tabMap, privateMap, relayed, sync };
}
