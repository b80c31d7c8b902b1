import { describe, expect, it, vi } from 'vitest';
import type { SyncSettings } from '../model/sync-settings';
import { openStore } from './open';
import { syncSettingsStore } from './sync-settings';

let n = 0;
const freshDb = () => openStore(`sync-settings-${Date.now()}-${++n}`);
const good: SyncSettings = {
  enabled: true,
  url: 'https://couch.example.com/',
  database: 'connections',
  username: 'alice',
  password: 's3cret',
  auth: 'basic',
};

describe('sync settings in the background’s database', () => {
  it('keeps settings and the password where only the background reaches, and forgets them', async () => {
    const db = freshDb();
    const store = syncSettingsStore(db);
    expect(await store.load()).toBeNull();
    await store.save(good);
    expect(await store.load()).toEqual(good);
    expect(await syncSettingsStore(db).load()).toEqual(good); // a restarted worker reads them back
    await store.save(null);
    expect(await store.load()).toBeNull();
  });

  it('validates on every load: malformed settings are refused (sync stays off), left for the user to fix', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const db = freshDb();
    const store = syncSettingsStore(db);
    const broken: unknown[] = [
      { ...good, url: 'not a url' }, // would make the permission pattern throw
      { ...good, url: 'http://evil.example/' }, // plain http off this machine
      { ...good, url: 'https://couch.example.com/?x=1' },
      { ...good, database: 'Bad Name' },
      { ...good, username: 'al:ice' },
      { ...good, password: 7 },
      { ...good, auth: 'token' },
      { ...good, enabled: 'yes' },
      'syncSettings',
      null,
    ];
    for (const value of broken) {
      await (await db).put('settings', value, 'syncSettings');
      expect(await store.load(), JSON.stringify(value)).toBeNull();
      expect(await (await db).get('settings', 'syncSettings')).toEqual(value);
    }
    // What a schema repairs is repaired: the URL normalised to end in "/".
    await (await db).put('settings', { ...good, url: 'https://couch.example.com/team' }, 'syncSettings');
    expect((await store.load())?.url).toBe('https://couch.example.com/team/');
  });

  it('refuses to write what the schema refuses, keeping what was there', async () => {
    const db = freshDb();
    const store = syncSettingsStore(db);
    await store.save(good);
    await expect(store.save({ ...good, url: 'javascript:alert(1)' })).rejects.toThrow(/Server URL/);
    expect(await store.load()).toEqual(good);
  });

  it('moves an earlier version’s copy out of extension storage, once', async () => {
    const db = freshDb();
    let legacyValue: unknown = { ...good, password: 'old' };
    const take = vi.fn(async () => {
      const v = legacyValue;
      legacyValue = undefined;
      return v;
    });
    const store = syncSettingsStore(db, { take });
    expect(await store.load()).toEqual({ ...good, password: 'old' });
    expect(legacyValue).toBeUndefined();
    await store.load();
    expect(take).toHaveBeenCalledTimes(1);
    // Written there later (by a content script, which can): never read, also after a restart.
    await store.save(null);
    legacyValue = { ...good, url: 'https://evil.example/' };
    expect(await syncSettingsStore(db, { take }).load()).toBeNull();
    expect(take).toHaveBeenCalledTimes(1);
  });
});
