/** The part of an idb object store `readMany` uses (any store, any transaction mode). */
interface Readable<V> {
  count(query: IDBKeyRange): Promise<number>;
  getAll(query: IDBKeyRange): Promise<V[]>;
  getAllKeys(query: IDBKeyRange): Promise<IDBValidKey[]>;
  get(key: string): Promise<V | undefined>;
}

/** Below this many keys, one request per key costs less than counting first. */
const FEW = 8;

/**
 * Reads many keys of one store in as few IndexedDB requests as it can. Each request is a trip
 * between the page and the browser's database process, and on a page of a thousand documents
 * those trips are most of the time. When the keys' span holds few records besides them (a first
 * sync, a batch of the outbox, which is read in key order), one read of the whole span replaces
 * them all; otherwise it falls back to one read per key, all issued at once.
 */
export async function readMany<V>(store: Readable<V>, keys: string[]): Promise<Map<string, V>> {
  const found = new Map<string, V>();
  if (keys.length === 0) return found;
  const perKey = async () => {
    const values = await Promise.all(keys.map((k) => store.get(k)));
    keys.forEach((k, i) => values[i] !== undefined && found.set(k, values[i]!));
    return found;
  };
  if (keys.length < FEW) return perKey();
  const sorted = [...keys].sort();
  const span = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
  const inSpan = await store.count(span);
  if (inSpan === 0) return found;
  if (inSpan > keys.length * 2) return perKey();
  const [spanKeys, values] = await Promise.all([store.getAllKeys(span), store.getAll(span)]);
  const wanted = new Set(keys);
  spanKeys.forEach((k, i) => wanted.has(String(k)) && found.set(String(k), values[i]!));
  return found;
}
