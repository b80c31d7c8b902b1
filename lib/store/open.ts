import { openDB, type IDBPDatabase } from 'idb';
import { migrate } from './migrations';
import { DB_NAME, DB_VERSION, type ConnectionsDB } from './schema';

export type Store = IDBPDatabase<ConnectionsDB>;

/**
 * Opens (creating or upgrading) the extension's database. Only the background calls this:
 * a second opener in another context would block future upgrades. `gone` hears that this
 * connection has ended (closed by the browser, or by us for a newer version's upgrade).
 */
export function openStore(name = DB_NAME, version = DB_VERSION, gone?: () => void): Promise<Store> {
  return openDB<ConnectionsDB>(name, version, {
    // The browser closed the connection (storage cleared, the disk failing): open again next time.
    terminated: gone,
    upgrade(db, oldVersion, newVersion, tx) {
      // idb does not await upgrade(); the transaction stays open while its requests chain.
      // A failed step aborts the whole upgrade, so the database stays at its old version.
      migrate(db, oldVersion, newVersion ?? version, tx).catch((e) => {
        console.error('Database upgrade failed', e);
        tx.abort();
      });
    },
    blocking(_current, _next, event) {
      // A newer version of the extension wants to upgrade: let it.
      (event.target as IDBDatabase).close();
      gone?.();
    },
  });
}
