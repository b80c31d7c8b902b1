import type { IDBPTransaction, StoreNames } from 'idb';
import type { Store } from './open';
import type { ConnectionsDB } from './schema';

type Names = StoreNames<ConnectionsDB>[];
export type Tx<S extends Names, M extends IDBTransactionMode> = IDBPTransaction<ConnectionsDB, S, M>;

/**
 * Runs `work` in one transaction and resolves with its result once the transaction has
 * committed. If `work` throws (a validation error, say), the transaction is aborted, so
 * nothing it wrote is kept: every service write is all-or-nothing.
 */
export async function inTransaction<S extends Names, M extends IDBTransactionMode, T>(
  db: Store,
  stores: S,
  mode: M,
  work: (tx: Tx<S, M>) => Promise<T>,
  options?: IDBTransactionOptions,
): Promise<T> {
  const tx = db.transaction(stores, mode, options);
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: nothing more to undo.
    }
    tx.done.catch(() => {});
    throw e;
  }
}
