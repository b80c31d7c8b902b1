import type { Store } from '../lib/store';

/**
 * What happens to a write the plan is asked about: nothing; IndexedDB's quota error, reported on
 * the write's request (`quota`, as the request of a browser that checks each write fails) or when
 * its transaction commits (`quota-at-commit`, as Chrome reports a full disk); or the worker stops
 * (see `failingStore`).
 */
export type Fault = 'pass' | 'quota' | 'quota-at-commit' | 'stop';

export interface TxInfo {
  /** 1-based, over every transaction opened through this handle (the db shortcuts included). */
  n: number;
  stores: string[];
  mode: IDBTransactionMode;
  /** Opened with `durability: 'relaxed'` (sync's own page and settle transactions). */
  relaxed: boolean;
}

export interface WriteInfo {
  /** 1-based, over every write issued through this handle. */
  n: number;
  /** 1-based, within its transaction. */
  inTx: number;
  store: string;
  method: 'put' | 'add' | 'delete' | 'clear';
  /** The key written or deleted (a key range for range deletes), when there is one. */
  key: unknown;
  tx: TxInfo;
}

export interface FaultPlan {
  /** Asked as each transaction is opened: 'stop' stops the worker before it starts. */
  transaction?(t: TxInfo): 'pass' | 'stop';
  /** Asked as each put/add/delete/clear is issued. */
  write?(w: WriteInfo): Fault;
}

export const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

const WRITES = new Set(['put', 'add', 'delete', 'clear']);
/** The idb shortcuts on the database (db.put, db.getAllFromIndex, …): they open a transaction on `this`. */
const SHORTCUT = /^(get|getKey|getAll|getAllKeys|count|put|add|delete|clear)(FromIndex)?$/;

type Obj = Record<PropertyKey, unknown>;
type Fn = (...args: unknown[]) => unknown;

/**
 * What a stopped worker's code sees from here on: every call returns it, awaiting it never
 * settles. The code that was running simply never continues, as when the browser ends a worker.
 */
const frozen: unknown = new Proxy(function () {}, {
  get: (_t, prop) => (prop === 'then' ? () => undefined : frozen),
  apply: () => frozen,
});

/** One transaction as the wrapper follows it. */
interface TxState {
  tx: Obj;
  info: TxInfo;
  /** Writes issued in it. */
  writes: number;
  /** Requests of any kind issued in it through the wrapper. */
  requests: number;
  /** Doomed by a quota fault: it aborts, and `done` rejects with the quota error. */
  quota: boolean;
}

/**
 * The background's database handle with faults injected where `plan` says, counted.
 *
 * - `quota` at a write: the request runs, then fails with a `QuotaExceededError` DOMException;
 *   once the code has reacted (a request round trip later), the transaction aborts, as IndexedDB
 *   aborts a transaction whose request failed, so everything it wrote is rolled back. `tx.done`
 *   rejects with the quota error (a browser's `transaction.error`).
 * - `quota-at-commit` at a write: every request succeeds; when the transaction has nothing more to
 *   do (it would commit) it aborts instead, and `tx.done` rejects with the quota error.
 * - `stop` (at a transaction's opening or at a write, or `stop()` at any time): the worker is
 *   gone. Every transaction still open through this handle is aborted (so nothing uncommitted is
 *   kept, as when a worker is killed mid-transaction), and every pending or later operation
 *   through it never settles, so the code that was running never goes on. The database itself
 *   stays: a new background opened over the same name is the restarted worker.
 *
 * Cursor requests (`continue`, `update`) are not intercepted; the code writes through stores.
 */
export function failingStore(db: Store, plan: FaultPlan = {}) {
  let dead = false;
  let txCount = 0;
  let writeCount = 0;
  let committedAfterQuota = 0;
  const injected = { quota: 0, stop: 0 };
  const open = new Set<Obj>();

  const abort = (tx: Obj) => {
    try {
      (tx.abort as Fn).call(tx);
    } catch {
      // Already finished or aborted.
    }
  };

  function stop() {
    if (dead) return;
    dead = true;
    injected.stop++;
    // Whatever is not committed yet is lost with the worker.
    for (const tx of open) abort(tx);
    open.clear();
  }

  /** A promise from the real database, cut off once the worker stopped. */
  const gate = <T>(p: Promise<T>) =>
    new Promise<T>((resolve, reject) =>
      p.then(
        (v) => void (dead || resolve(v)),
        (e) => void (dead || reject(e)),
      ),
    );

  /**
   * Keeps `state`'s transaction from committing for a request round trip on `store` (so the code
   * reacts to what it was told first), then aborts it; with `untilIdle`, only once a round trip
   * passed in which the code issued no request in it (the moment it would have committed).
   */
  function abortLater(store: Obj, state: TxState, untilIdle: boolean) {
    const seen = state.requests;
    let probe: Promise<unknown>;
    try {
      probe = (store.count as Fn).call(store) as Promise<unknown>;
    } catch {
      return; // Already aborted by the code.
    }
    probe.then(
      () => (untilIdle && state.requests !== seen ? abortLater(store, state, untilIdle) : abort(state.tx)),
      () => {},
    );
  }

  /** An object store (or one of its indexes) of the transaction `state` follows. */
  function wrapStore(target: Obj, name: string, state: TxState, store: Obj = target): Obj {
    return new Proxy(target, {
      get(t, prop) {
        if (dead) return frozen;
        const value = Reflect.get(t, prop, t);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (dead) return frozen;
          if (prop === 'index') return wrapStore((value as Fn).apply(t, args) as Obj, name, state, store);
          if (!(typeof prop === 'string' && WRITES.has(prop))) {
            const result = (value as Fn).apply(t, args);
            if (!(result instanceof Promise)) return result;
            state.requests++;
            return gate(result);
          }
          const w: WriteInfo = {
            n: ++writeCount,
            inTx: ++state.writes,
            store: name,
            method: prop as WriteInfo['method'],
            key: prop === 'put' || prop === 'add' ? (args[1] ?? keyOf(args[0])) : args[0],
            tx: state.info,
          };
          const fault = plan.write?.(w) ?? 'pass';
          if (fault === 'stop') {
            stop();
            return frozen;
          }
          const request = (value as Fn).apply(t, args) as Promise<unknown>;
          state.requests++;
          if (fault === 'pass') return gate(request);
          injected.quota++;
          state.quota = true;
          if (fault === 'quota-at-commit') {
            abortLater(store, state, true);
            return gate(request);
          }
          const fail = () => {
            abortLater(store, state, false);
            throw quotaError();
          };
          return gate(request.then(fail, fail));
        };
      },
    });
  }

  function wrapTx(target: Obj, info: TxInfo) {
    const state: TxState = { tx: target, info, writes: 0, requests: 0, quota: false };
    const stores = new Map<string, Obj>();
    open.add(target);
    (target.done as Promise<void>).then(
      () => {
        open.delete(target);
        // Cannot happen while the wrapper holds doomed transactions open; a sanity check.
        if (state.quota) committedAfterQuota++;
      },
      () => open.delete(target),
    );
    const proxy: Obj = new Proxy(target, {
      get(t, prop) {
        if (dead) return frozen;
        if (prop === 'done') {
          return gate(
            (t.done as Promise<void>).catch((e) => {
              throw state.quota ? quotaError() : e;
            }),
          );
        }
        if (prop === 'store') {
          const names = t.objectStoreNames as DOMStringList;
          return names.length === 1 ? (proxy.objectStore as Fn)(names[0]) : undefined;
        }
        if (prop === 'objectStore') {
          return (name: string) => {
            if (dead) return frozen;
            if (!stores.has(name)) stores.set(name, wrapStore((t.objectStore as Fn).call(t, name) as Obj, name, state));
            return stores.get(name);
          };
        }
        const value = Reflect.get(t, prop, t);
        return typeof value === 'function' ? (...args: unknown[]) => (value as Fn).apply(t, args) : value;
      },
    });
    return proxy;
  }

  const handle: Obj = new Proxy(db as unknown as Obj, {
    get(t, prop, receiver) {
      if (dead) return frozen;
      if (prop === 'transaction') {
        return (names: string | string[], mode: IDBTransactionMode = 'readonly', options?: IDBTransactionOptions) => {
          if (dead) return frozen;
          const info: TxInfo = {
            n: ++txCount,
            stores: typeof names === 'string' ? [names] : [...names],
            mode,
            relaxed: options?.durability === 'relaxed',
          };
          if ((plan.transaction?.(info) ?? 'pass') === 'stop') {
            stop();
            return frozen;
          }
          return wrapTx((t.transaction as Fn).call(t, names, mode, options) as Obj, info);
        };
      }
      const value = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function') return value;
      // The shortcuts open their transaction with `this.transaction`: through this handle.
      if (typeof prop === 'string' && SHORTCUT.test(prop))
        return (...args: unknown[]) => (value as Fn).apply(handle, args);
      return (...args: unknown[]) => (value as Fn).apply(t, args);
    },
  });

  return {
    db: handle as unknown as Store,
    /** Stops the worker now (see above). */
    stop,
    get stopped() {
      return dead;
    },
    get writes() {
      return writeCount;
    },
    get transactions() {
      return txCount;
    },
    /** Transactions that committed although a quota fault doomed them (a wrapper failure): 0. */
    get committedAfterQuota() {
      return committedAfterQuota;
    },
    /** How many faults were injected, by kind (quota: writes refused). */
    injected,
  };
}

export type FailingStore = ReturnType<typeof failingStore>;

/** The in-line key of a value written to a store with a key path (the stores' key paths). */
function keyOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as { key?: unknown; id?: unknown; docId?: unknown };
  return v.key ?? v.id ?? v.docId;
}

/**
 * Collects the promise rejections nobody handled while `work` runs (instead of the test runner
 * failing the run for them), and returns them with `work`'s result.
 */
export async function unhandledDuring<T>(work: () => Promise<T>): Promise<{ result: T; unhandled: unknown[] }> {
  const unhandled: unknown[] = [];
  const runner = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const collect = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', collect);
  try {
    const result = await work();
    // Node reports a rejection as unhandled after the task it happened in: let those come in.
    await new Promise((r) => setTimeout(r, 20));
    return { result, unhandled };
  } finally {
    process.off('unhandledRejection', collect);
    for (const l of runner) process.on('unhandledRejection', l);
  }
}
