import { openDB } from 'idb';
import type { Method, RequestOf, Responses } from '../lib/messaging/protocol';
import type { Change } from '../lib/messaging/views';
import { AppError, type SerializedError } from '../lib/model';
import { createBackground } from '../lib/services/handlers';
import { createRouter } from '../lib/services/router';
import { senderKind } from '../lib/services/sender';
import { DB_VERSION, openStore, type ConnectionsDB, type Store } from '../lib/store';
import { failingStore, type FaultPlan } from './failing-store';
import { fakeBrowserEnv } from './fake-browser-env';
import { EXTENSION_PAGE, SELF } from './services';

/** A clock shared by the workers of one profile: each reading is a second after the last. */
export function testClock(start = '2026-01-01T00:00:00Z') {
  let t = Date.parse(start);
  return {
    now: () => new Date((t += 1000)),
    /** Sets the next reading to `iso` (two runs of the same operation then stamp the same times). */
    set: (iso: string) => void (t = Date.parse(iso) - 1000),
    advance: (ms: number) => void (t += ms),
  };
}
export type TestClock = ReturnType<typeof testClock>;

/**
 * What the browser keeps for a profile across its workers besides the database (where the sync
 * settings live, as in the real background): whether a UI is open and watching. Pass the same one
 * to each worker of a profile.
 */
export function browserState() {
  return { watched: false };
}
export type BrowserState = ReturnType<typeof browserState>;

let generation = 0;

/**
 * One background worker over database `name`, as the worker is started by the browser: a new
 * database connection, new services, new sync engine. Faults in `plan` are injected into this
 * worker's connection only (`faults`); `faults.stop()` ends this worker, and another `worker()`
 * over the same name is the restarted one. Requests go through the real router.
 */
export function worker(
  name: string,
  o: { clock?: TestClock; plan?: FaultPlan; browser?: BrowserState; fetch?: typeof fetch; idPrefix?: string } = {},
) {
  const gen = ++generation;
  const clock = o.clock ?? testClock();
  const shared = o.browser ?? browserState();
  const faults = { current: null as ReturnType<typeof failingStore> | null };
  const db: Promise<Store> = openStore(name).then((real) => {
    faults.current = failingStore(real, o.plan);
    return faults.current.db;
  });
  const changes: Change[] = [];
  let id = 0;
  // Sync settings are read from and saved to this worker's database connection (faults included).
  const browser = fakeBrowserEnv(db);
  const env = {
    ...browser.env,
    watched: () => shared.watched,
    sync: { ...browser.env.sync, ...(o.fetch ? { fetch: o.fetch } : {}) },
  };
  const { handlers, sync, page } = createBackground(
    {
      db,
      now: () => clock.now(),
      newId: () => `${o.idPrefix ?? 'w'}${gen}-${++id}`,
      emit: (c) => changes.push(c),
    },
    env,
  );
  const route = createRouter(handlers, (sender) => senderKind(sender as never, SELF), SELF, page.isFrame);
  const send = async <M extends Method>(type: M, payload: RequestOf<M>): Promise<Responses[M]> => {
    const reply = await route({ type, payload }, EXTENSION_PAGE);
    if (!reply.ok) throw AppError.from(reply.error);
    return reply.value as Responses[M];
  };
  /** Sends and returns the refusal (throws if the request succeeded). */
  const refuse = async <M extends Method>(type: M, payload: RequestOf<M>): Promise<SerializedError> => {
    const reply = await route({ type, payload }, EXTENSION_PAGE);
    if (reply.ok) throw new Error(`Expected ${type} to be refused, it returned ${JSON.stringify(reply.value)}`);
    return reply.error;
  };
  return {
    name,
    db,
    send,
    refuse,
    sync,
    changes,
    clock,
    browser: shared,
    /** The fault injector on this worker's connection (once the database has opened). */
    get faults() {
      if (!faults.current) throw new Error('The database has not opened yet.');
      return faults.current;
    },
    /** Ends this worker where it is: open transactions abort, nothing it was doing goes on. */
    async stop() {
      await db;
      faults.current!.stop();
    },
  };
}
export type Worker = ReturnType<typeof worker>;

let names = 0;
export const freshName = (what: string) => `${what}-${Date.now()}-${++names}`;

const STORES = ['connections', 'imports', 'outbox', 'records', 'revs', 'roles', 'settings', 'sync'] as const;
type StoreName = (typeof STORES)[number];
export type Dump = Record<StoreName, [IDBValidKey, unknown][]>;

/**
 * Every object store of database `name`, read through a connection of its own (the worker's may be
 * stopped): [key, value] in key order. Outbox tokens (random per change) are masked, and so is
 * the sync memo's time of last success unless `exact`; `raw` masks nothing (for `restore`).
 */
export async function dump(name: string, o: { exact?: boolean; raw?: boolean } = {}): Promise<Dump> {
  const db = await openDB<ConnectionsDB>(name, DB_VERSION);
  try {
    const tx = db.transaction([...STORES], 'readonly');
    const out = {} as Dump;
    for (const store of STORES) {
      const [keys, values] = await Promise.all([
        tx.objectStore(store).getAllKeys(),
        tx.objectStore(store).getAll() as Promise<unknown[]>,
      ]);
      out[store] = keys.map((k, i) => [k, o.raw ? values[i] : mask(store, values[i], o.exact)]);
    }
    await tx.done;
    return out;
  } finally {
    db.close();
  }
}

function mask(store: StoreName, value: unknown, exact?: boolean): unknown {
  if (store === 'outbox') return { ...(value as object), token: '*' };
  if (store === 'sync' && !exact && value && typeof value === 'object' && 'lastSyncedAt' in value) {
    return { ...value, lastSyncedAt: (value as { lastSyncedAt: unknown }).lastSyncedAt ? '*' : null };
  }
  return value;
}

/** A new database `name` holding exactly `content` (a `raw` dump): the same profile, copied. */
export async function restore(name: string, content: Dump): Promise<void> {
  const db = await openStore(name);
  try {
    const tx = db.transaction([...STORES], 'readwrite');
    const writes: Promise<unknown>[] = [];
    for (const store of STORES) {
      const s = tx.objectStore(store);
      writes.push(s.clear());
      for (const [key, value] of content[store]) {
        // Stores with a key path take the key from the value.
        writes.push(s.keyPath ? s.put(value as never) : s.put(value as never, key as never));
      }
    }
    await Promise.all(writes);
    await tx.done;
  } finally {
    db.close();
  }
}

/** Only the data the user made (not staged imports, not sync bookkeeping). */
export const dataOf = (d: Dump) => ({
  connections: d.connections,
  records: d.records,
  roles: d.roles,
  settings: d.settings,
});
