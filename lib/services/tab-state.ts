import type { FrameKind } from '../messaging/protocol';
import type { RecordFields, SeenRecord } from '../model';

/** What the background knows of a tab that shows a CRM page. */
export interface TabState {
  /** The record the tab shows, as its content script last reported it (checked against the URL). */
  record: (RecordFields & { key: string }) | null;
  /** Tokens of the extension frames the tab's content script made for its page. */
  frames: Partial<Record<FrameKind, string>>;
  /** A tab of a private window: nothing it shows is written to the database. */
  privateWindow?: number;
}

/**
 * The tabs' states, kept by the browser session (not the worker's memory, which an idle stop
 * would wipe); a tab's state goes when it closes.
 */
export interface TabStates {
  get(tabId: number): Promise<TabState | null>;
  set(tabId: number, state: TabState | null): Promise<void>;
  all(): Promise<Map<number, TabState>>;
}

/**
 * Records seen in private windows, in memory for their window only (never in IndexedDB); a
 * window's go when it closes.
 */
export interface PrivateRecords {
  list(windowId: number): Promise<SeenRecord[]>;
  put(windowId: number, record: SeenRecord): Promise<void>;
  drop(windowId: number): Promise<void>;
}

/**
 * One task at a time per key (a tab, a window), in the order they were asked: a record report
 * and a frame's registration arriving together cannot overwrite each other, nor can two reports
 * of one private window, nor a report and the tab's closing.
 */
export function keyedQueue<K>() {
  const queues = new Map<K, Promise<unknown>>();
  return function run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const done = (queues.get(key) ?? Promise.resolve()).then(task);
    const settled = done.catch(() => {});
    queues.set(key, settled);
    void settled.then(() => queues.get(key) === settled && queues.delete(key));
    return done;
  };
}

/**
 * Updates one tab's state with `change(before)`, one update at a time per tab. `change` returns
 * the new state, `null` to forget the tab, or `undefined` to leave it as it is.
 */
export function tabUpdater(tabs: TabStates) {
  const queue = keyedQueue<number>();
  return (tabId: number, change: (before: TabState) => TabState | null | undefined) =>
    queue(tabId, async () => {
      const next = change((await tabs.get(tabId)) ?? { record: null, frames: {} });
      if (next !== undefined) await tabs.set(tabId, next);
    });
}
