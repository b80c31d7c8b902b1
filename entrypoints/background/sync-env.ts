import { browser } from 'wxt/browser';
import type { SyncSettings } from '../../lib/model';
import type { SyncEnv } from '../../lib/sync/service';

const SETTINGS_KEY = 'syncSettings';
export const SYNC_ALARM = 'sync-backstop';

/** Sync settings as stored; anything that is not a complete settings object counts as none. */
export async function loadSyncSettings(): Promise<SyncSettings | null> {
  const s = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as Partial<SyncSettings> | undefined;
  if (!s || typeof s.url !== 'string' || typeof s.database !== 'string') return null;
  return {
    enabled: s.enabled === true,
    url: s.url,
    database: s.database,
    username: typeof s.username === 'string' ? s.username : '',
    password: typeof s.password === 'string' ? s.password : '',
    auth: s.auth === 'cookie' ? 'cookie' : 'basic',
  };
}

/**
 * Sync over the real browser: settings and credentials in `storage.local` (never synced by the
 * browser, never exported), access checked against the user's grants, and an alarm as the
 * backstop that restarts sync after the worker was stopped.
 */
export function browserSyncEnv(): SyncEnv {
  return {
    load: loadSyncSettings,
    async save(settings) {
      if (settings) await browser.storage.local.set({ [SETTINGS_KEY]: settings });
      else await browser.storage.local.remove(SETTINGS_KEY);
    },
    hasAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    fetch: (input, init) => fetch(input, init),
    backstop(on) {
      void (async () => {
        const existing = await browser.alarms.get(SYNC_ALARM);
        if (on && !existing) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
        if (!on && existing) await browser.alarms.clear(SYNC_ALARM);
      })().catch((e) => console.error('Sync backstop alarm', e));
    },
    random: Math.random,
  };
}
