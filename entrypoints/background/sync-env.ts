import { browser } from 'wxt/browser';
import { syncSettingsStore } from '../../lib/store/sync-settings';
import type { Store } from '../../lib/store';
import type { SyncEnv } from '../../lib/sync/service';

/** Where settings and the password were kept before they moved into the database. */
const LEGACY_KEY = 'syncSettings';
export const SYNC_ALARM = 'sync-backstop';

/** The earlier version's copy in `storage.local`, taken out of reach of content scripts. */
const legacy = {
  async take() {
    const value = (await browser.storage.local.get(LEGACY_KEY))[LEGACY_KEY];
    if (value !== undefined) await browser.storage.local.remove(LEGACY_KEY);
    return value;
  },
};

/**
 * Sync over the real browser: settings and credentials in the background's own database (never
 * synced by the browser, never exported, out of content scripts' reach), access checked against
 * the user's grants, and an alarm as the backstop that restarts sync after the worker was stopped.
 */
export function browserSyncEnv(db: Promise<Store>): SyncEnv {
  const { load, save } = syncSettingsStore(db, legacy);
  return {
    load,
    save,
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
