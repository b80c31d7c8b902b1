// Page side of the "connections of one record" scenario. The runner calls these through
// page.evaluate: load* in a fresh profile, then (after a reload, so no JS-side cache survives
// the load) measure*. Every function returns plain numbers; statistics are computed in Node.
import { createHandlers, type BrowserEnv } from '../../lib/services/handlers';
import { openStore } from '../../lib/store/open';
import type { Connection, RecordKey } from '../../lib/model';
import { makeDataset, queryKeys } from './dataset';

const BATCH = 1_000;
/** Each hot record is looked up this many times; its timing is the median of those. */
const HOT_REPEAT = 5;
const POUCH_DB = 'bench-connections';
const VIEW = 'conn/by-endpoint';

export interface LoadResult {
  /** From the first write until the first lookup has answered. */
  loadMs: number;
  writeMs: number;
  indexMs: number;
  docs: number;
  avgDocBytes: number;
}

export interface Timings {
  lookups: number[];
  hot: number[];
  /** Sum of result counts: a cross-check that every engine answered the same thing. */
  results: number;
  /** Results per hot-record lookup, averaged. */
  hotResults: number;
  /** True when performance.now() has 5 µs resolution instead of 100 µs. */
  isolated: boolean;
}

const avgBytes = (docs: Connection[]) =>
  Math.round(docs.slice(0, 500).reduce((s, d) => s + JSON.stringify(d).length, 0) / Math.min(500, docs.length));

type Lookup = (key: RecordKey) => Promise<number>;

/**
 * Times each lookup over the scenario's keys after a short unmeasured warm-up. Several lookups
 * on one store are interleaved key by key, first one then the other, so background work in the
 * browser (compaction after the load) and warm caches fall on both alike.
 */
async function timeLookups<K extends string>(
  n: number,
  seed: number,
  count: number,
  lookups: Record<K, Lookup>,
): Promise<Record<K, Timings>> {
  const q = queryKeys(n, seed, count);
  const names = Object.keys(lookups) as K[];
  const out = {} as Record<K, Timings>;
  for (const name of names) {
    out[name] = { lookups: [], hot: [], results: 0, hotResults: 0, isolated: globalThis.crossOriginIsolated === true };
    for (const key of q.warm) await lookups[name](key);
  }
  const hotKeys = Array.from({ length: HOT_REPEAT }, () => q.hot).flat();
  for (const [keys, field] of [
    [q.keys, 'lookups'],
    [hotKeys, 'hot'],
  ] as const) {
    for (const [i, key] of keys.entries()) {
      const order = i % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const t0 = performance.now();
        const found = await lookups[name](key);
        out[name][field].push(performance.now() - t0);
        if (field === 'lookups') out[name].results += found;
        else out[name].hotResults += found;
      }
    }
  }
  for (const name of names) out[name].hotResults /= hotKeys.length;
  return out;
}

function context(db: ReturnType<typeof openStore>) {
  return { db, now: () => new Date(), newId: () => crypto.randomUUID(), emit: () => {} };
}

// Other handlers need the browser's tabs, permissions and commands; the lookup we time touches
// none of them, so every member of this environment is a function that refuses to run.
const refuse = (): never => {
  throw new Error('The bench page has no browser environment.');
};
const noBrowser = new Proxy({}, { get: () => new Proxy(refuse, { get: () => refuse }) }) as BrowserEnv;

/** Our store: writes batches straight into `connections` (the index is maintained on write). */
export async function loadOurs(n: number, seed: number): Promise<LoadResult> {
  const { connections, hot } = makeDataset(n, seed);
  const t0 = performance.now();
  const db = await openStore();
  for (let i = 0; i < connections.length; i += BATCH) {
    const tx = db.transaction('connections', 'readwrite');
    // Queue the whole batch, then await only the transaction (idb's advice for bulk writes).
    for (const c of connections.slice(i, i + BATCH)) void tx.store.put(c);
    await tx.done;
  }
  const writeMs = performance.now() - t0;
  const handlers = createHandlers(context(Promise.resolve(db)), noBrowser);
  await handlers['connections.listForRecord']({ key: hot[0]!.key, status: 'all' }, {});
  const loadMs = performance.now() - t0;
  db.close();
  return { loadMs, writeMs, indexMs: loadMs - writeMs, docs: n, avgDocBytes: avgBytes(connections) };
}

/** The background's own lookup: the listForRecord handler over openStore, as the worker runs it. */
function oursLookup(): Lookup {
  const list = createHandlers(context(openStore()), noBrowser)['connections.listForRecord'];
  // `{}`: the request source of a sender without a tab (an extension page).
  return async (key) => (await list({ key, status: 'all' }, {})).length;
}

/** Ours and, interleaved with it on the same store, the raw IndexedDB floor. */
export async function measureOurs(n: number, seed: number, count: number) {
  const raw = await rawLookup();
  const t = await timeLookups(n, seed, count, { ours: oursLookup(), raw: raw.lookup });
  raw.db.close();
  return t;
}

/** The floor: one raw IndexedDB getAll on the same multi-entry index, no idb, no mapping. */
async function rawLookup() {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('connections');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const getAll = (key: RecordKey) =>
    new Promise<number>((resolve, reject) => {
      const req = db.transaction('connections').objectStore('connections').index('by-endpoint').getAll(key);
      req.onsuccess = () => resolve(req.result.length);
      req.onerror = () => reject(req.error);
    });
  return { db, lookup: getAll };
}

/** Loaded on demand so pages that never touch PouchDB (the extension page) never parse it. */
async function pouch() {
  const { default: PouchDB } = await import('pouchdb-browser');
  return new PouchDB(POUCH_DB);
}

/** PouchDB: bulkDocs batches, then a persisted map/reduce view over both endpoints, built by one query. */
export async function loadPouch(n: number, seed: number): Promise<LoadResult> {
  const { connections, hot } = makeDataset(n, seed);
  const db = await pouch();
  const t0 = performance.now();
  for (let i = 0; i < connections.length; i += BATCH) {
    await db.bulkDocs(connections.slice(i, i + BATCH).map((c) => ({ ...c, _id: c.id })));
  }
  const writeMs = performance.now() - t0;
  await db.put({
    _id: '_design/conn',
    views: { 'by-endpoint': { map: 'function (doc) { emit(doc.from.key); emit(doc.to.key); }' } },
  });
  await db.query(VIEW, { key: hot[0]!.key, include_docs: true });
  const loadMs = performance.now() - t0;
  await db.close();
  return { loadMs, writeMs, indexMs: loadMs - writeMs, docs: n, avgDocBytes: avgBytes(connections) };
}

/** PouchDB lookup with the documents, as a panel needs them (include_docs). */
export async function measurePouch(n: number, seed: number, count: number) {
  const db = await pouch();
  const query: Lookup = async (key) => (await db.query(VIEW, { key, include_docs: true })).rows.length;
  const t = await timeLookups(n, seed, count, { pouchdb: query });
  await db.close();
  return t;
}

interface Reply {
  ok: boolean;
  value?: unknown[];
  error?: { message: string };
}
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<Reply | undefined> } };

/** Extension page only: the whole trip, page → service worker (router, validation, handler) → page. */
export async function measureRoundTrip(n: number, seed: number, count: number) {
  const roundTrip: Lookup = async (key) => {
    const reply = await chrome.runtime.sendMessage({ type: 'connections.listForRecord', payload: { key } });
    if (!reply?.ok || !reply.value) throw new Error(`listForRecord failed: ${reply?.error?.message ?? 'no reply'}`);
    return reply.value.length;
  };
  // Interleaved with the same handler called directly in this page: the difference is messaging.
  return timeLookups(n, seed, count, { roundTrip, direct: oursLookup() });
}
