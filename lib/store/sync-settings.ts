import * as v from 'valibot';
import { StoredSyncSettingsSchema, type SyncSettings } from '../model/sync-settings';
import type { Store } from './open';

/** Where in the `settings` store they live (services read the username for createdBy/updatedBy). */
export const SYNC_SETTINGS_KEY = 'syncSettings';
const KEY = SYNC_SETTINGS_KEY;
const MOVED = 'syncSettingsMoved';

/** Where an earlier version kept the settings (extension storage, which content scripts can read). */
export interface LegacySyncSettings {
  /** Returns what is stored there and removes it. */
  take(): Promise<unknown>;
}

/**
 * Team sync settings and the password in the background's own database: no content script can
 * read or write it (extension storage, where they were, every context of the extension reaches).
 * Every load validates them with the settings schema, so a malformed URL or database name never
 * reaches the sync engine or the permission checks; what fails is refused (sync stays off until
 * the user saves settings again) and left in place, so nothing the user typed is lost unseen.
 */
export function syncSettingsStore(db: Promise<Store>, legacy?: LegacySyncSettings) {
  let moved = false;

  /**
   * Settings an earlier version left in extension storage come here on the first start of this
   * version, and never again: what a content script writes there later is not read.
   */
  async function moveLegacy(store: Store) {
    if (moved || !legacy) return;
    moved = true;
    if ((await store.get('settings', MOVED)) === true) return;
    const old = await legacy.take();
    if (old !== undefined && (await store.get('settings', KEY)) === undefined) await store.put('settings', old, KEY);
    await store.put('settings', true, MOVED);
  }

  return {
    async load(): Promise<SyncSettings | null> {
      const store = await db;
      await moveLegacy(store);
      const raw = await store.get('settings', KEY);
      if (raw === undefined) return null;
      const parsed = v.safeParse(StoredSyncSettingsSchema, raw);
      if (!parsed.success) {
        console.warn(`Stored sync settings refused: ${parsed.issues[0].message}`);
        return null;
      }
      return parsed.output;
    },
    async save(settings: SyncSettings | null) {
      const store = await db;
      if (!settings) return void (await store.delete('settings', KEY));
      // Only what the schema accepts is written: a caller's mistake cannot store a bad URL.
      await store.put('settings', v.parse(StoredSyncSettingsSchema, settings), KEY);
    },
  };
}
