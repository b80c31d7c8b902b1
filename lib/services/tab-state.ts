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
 * Updates one tab's state with `change(before)`: one update at a time per tab, so a record
 * report and a frame's registration arriving together cannot overwrite each other.
 */
export function tabUpdater(tabs: TabStates) {
  const queues = new Map<number, Promise<unknown>>();
  return function update(tabId: number, change: (before: TabState) => TabState): Promise<TabState> {
    const run = (queues.get(tabId) ?? Promise.resolve()).then(async () => {
      const next = change((await tabs.get(tabId)) ?? { record: null, frames: {} });
      await tabs.set(tabId, next);
      return next;
    });
    const settled = run.catch(() => {});
    queues.set(tabId, settled);
    void settled.then(() => queues.get(tabId) === settled && queues.delete(tabId));
    return run;
  };
}
