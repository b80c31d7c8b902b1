import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, relationshipKey } from '../model';
import { migrate } from './migrations';
import { openStore } from './open';
import { DB_VERSION, type ConnectionsDB } from './schema';

describe('schema migrations', () => {
  it('upgrades a version-1 database with data to the current version, keeping and backfilling it', async () => {
    const name = `migrate-${Date.now()}`;
    // Build the database exactly as version 1 left it, with a record of the v1 shape (no nameFolded).
    const v1 = await openDB<ConnectionsDB>(name, 1, {
      upgrade: (db, old, _new, tx) => void migrate(db, old, 1, tx),
    });
    const v1Record = {
      key: 'dynamics:contoso:*:1',
      crm: 'dynamics365',
      tenant: 'contoso',
      entityType: 'account',
      recordId: '1',
      name: 'Société Générale',
      url: 'https://contoso.crm.dynamics.com/main.aspx?id=1',
      lastSeen: 5,
    };
    await v1.put('records', v1Record as never);
    const end = (id: string) => ({ ...v1Record, key: `dynamics365:contoso:*:${id}`, recordId: id });
    const live = {
      id: 'c1',
      from: end('1'),
      to: end('2'),
      fromRoleId: null,
      toRoleId: 'builtin-friend',
      status: 'active',
      endpoints: ['a'],
      roleIds: [],
    };
    await v1.put('connections', live as never);
    await v1.put('connections', { ...live, id: 'c2', deleted: true, endpoints: [], roleIds: [] } as never);
    await v1.delete('roles', 'builtin-friend');
    v1.close();

    const db = await openStore(name);
    expect(db.version).toBe(DB_VERSION);
    const rec = await db.get('records', v1Record.key);
    expect(rec).toMatchObject({ ...v1Record, nameFolded: 'societe generale' });
    expect(await db.getAllFromIndex('records', 'by-lastSeen')).toHaveLength(1);
    // v3 indexed the relationship of live connections, not of tombstones.
    const byRel = await db.getAllFromIndex('connections', 'by-relationship', relationshipKey(live as never));
    expect(byRel.map((c) => c.id)).toEqual(['c1']);
    // The upgrade does not re-seed: the role deleted at v1 stays deleted.
    expect(await db.count('roles')).toBe(DEFAULT_ROLES.length - 1);
    db.close();
  });

  it('creates a new database at the current version with every store and the default roles', async () => {
    const db = await openStore(`fresh-${Date.now()}`);
    expect([...db.objectStoreNames].sort()).toEqual([
      'connections',
      'imports',
      'outbox',
      'records',
      'revs',
      'roles',
      'settings',
      'sync',
    ]);
    expect(await db.get('settings', 'seededDefaults')).toBe(true);
    expect(await db.count('roles')).toBe(DEFAULT_ROLES.length);
    db.close();
  });
});
