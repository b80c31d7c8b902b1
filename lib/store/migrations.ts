import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { defaultRoleDocuments, foldText, relationshipKey } from '../model';
import type { ConnectionsDB } from './schema';

type UpgradeDB = IDBPDatabase<ConnectionsDB>;
type UpgradeTx = IDBPTransaction<ConnectionsDB, StoreNames<ConnectionsDB>[], 'versionchange'>;

/**
 * One step per schema version, applied in order inside the single `versionchange` transaction.
 * Steps only await that transaction (never fetch or timers), as IndexedDB requires. Old
 * databases may hold documents of older shapes, so steps read defensively.
 */
const steps: Record<number, (db: UpgradeDB, tx: UpgradeTx) => Promise<void>> = {
  // v1: the four stores of the foundation, and the default roles, seeded exactly once: the
  // database is created once per profile, so a role the user deletes is never seeded again.
  1: async (db, tx) => {
    const records = db.createObjectStore('records', { keyPath: 'key' });
    records.createIndex('by-lastSeen', 'lastSeen');
    const roles = db.createObjectStore('roles', { keyPath: 'id' });
    roles.createIndex('by-name', 'nameKey');
    const connections = db.createObjectStore('connections', { keyPath: 'id' });
    connections.createIndex('by-endpoint', 'endpoints', { multiEntry: true });
    connections.createIndex('by-role', 'roleIds', { multiEntry: true });
    db.createObjectStore('sync');
    db.createObjectStore('settings');
    const store = tx.objectStore('roles');
    await Promise.all(defaultRoleDocuments(new Date().toISOString()).map((r) => store.put(r)));
    await tx.objectStore('settings').put(true, 'seededDefaults');
  },
  // v2: record search folds case and accents; store the folded name instead of folding every
  // remembered record on every keystroke.
  2: async (_db, tx) => {
    let cursor = await tx.objectStore('records').openCursor();
    while (cursor) {
      const rec = cursor.value;
      await cursor.update({ ...rec, nameFolded: foldText(String(rec.name ?? '')) });
      cursor = await cursor.continue();
    }
  },
  // v3: the duplicate rule looks up "same two records, same two roles" by one index instead of
  // reading every connection of the source record (1,000 reads on a busy record).
  3: async (_db, tx) => {
    const store = tx.objectStore('connections');
    store.createIndex('by-relationship', 'relKey');
    let cursor = await store.openCursor();
    while (cursor) {
      const c = cursor.value;
      if (!c.deleted && c.from && c.to) await cursor.update({ ...c, relKey: relationshipKey(c) });
      cursor = await cursor.continue();
    }
  },
  // v4: imports are staged here chunk by chunk (a worker stopped while the user reads the
  // preview must not lose them), then applied in one transaction.
  4: async (db) => {
    db.createObjectStore('imports');
  },
  // v5: team sync. Every change to a role or connection leaves an outbox entry in its own
  // transaction, so nothing made offline or before a crash is forgotten; documents made before
  // this version are queued when sync is first switched on.
  5: async (db) => {
    db.createObjectStore('outbox', { keyPath: 'docId' });
    db.createObjectStore('revs');
  },
};

/** Runs every step after `oldVersion` up to and including `newVersion`. */
export async function migrate(db: UpgradeDB, oldVersion: number, newVersion: number, tx: UpgradeTx) {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = steps[v];
    if (!step) throw new Error(`No migration to schema version ${v}.`);
    await step(db, tx);
  }
}
