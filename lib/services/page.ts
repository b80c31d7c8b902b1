import { adapterById, detectRecord, type DetectedRecord } from '../crm';
import type { FrameKind, PageUi, ParsedOf } from '../messaging/protocol';
import { AppError, foldText, recordKey, type SeenRecord } from '../model';
import type { ServiceContext } from './context';
import type { RequestSource } from './router';
import type { PrivateRecords, TabState, TabStates } from './tab-state';
import { keyedQueue, tabUpdater } from './tab-state';

/** What the page service needs from the browser: relaying to a tab's content script and its frames. */
export interface PageHost {
  /** Delivers `ui` to the content script of tab `tabId` (its top frame). */
  toContentScript(tabId: number, ui: PageUi): Promise<void>;
  /** Tells the frames of tab `tabId` (only) that its record changed. */
  toFrames(tabId: number): void;
}

/** Whether two detections name the same record (the type only where the address says one). */
const sameRecord = (a: DetectedRecord, b: DetectedRecord) =>
  a.crm === b.crm && a.tenant === b.tenant && a.recordId === b.recordId && a.entityType === b.entityType;

const noTab = () => new AppError('forbidden', 'Only a CRM tab can ask this.');

/**
 * The CRM tabs: what each shows, reported by its content script and checked against the tab's
 * own address; the frames the content script made for it; and relaying between the two. A
 * content script speaks only for its own tab's record; a frame learns that record from here,
 * never from the page.
 */
export function pageService(
  ctx: ServiceContext,
  tabs: TabStates,
  privateRecords: PrivateRecords,
  host: PageHost,
  deps: {
    /** Remembers a visit in the database (records.seen). */
    seen(record: ParsedOf<'records.seen'>): Promise<SeenRecord>;
    /** Active connections of a record. */
    activeCount(key: string): Promise<number>;
  },
) {
  const update = tabUpdater(tabs);
  // Reports land in the order they were asked (the newest wins), never after their tab or
  // window closed; a window's private records are written one at a time.
  let reports = 0;
  const newest = new Map<number, number>();
  const closedTabs = new Set<number>();
  const closedWindows = new Set<number>();
  const privately = keyedQueue<number>();

  /** The record the tab's address shows, with the name (and, where the CRM refines it, the type) from the page. */
  function recordOf(from: RequestSource, given: NonNullable<ParsedOf<'page.report'>['record']>) {
    const detected = from.url ? detectRecord(from.url) : null;
    if (!detected) throw new AppError('forbidden', 'This tab’s address shows no record: nothing to report.', 'record');
    // The page read its name at `given.url`: if the tab shows another record by now, that name
    // is not this record's (a single-page CRM moved on while the report travelled).
    const read = given.url ? detectRecord(given.url) : detected;
    if (!read || !sameRecord(read, detected)) {
      throw new AppError('conflict', 'The tab moved on to another record before this report arrived.', 'record.url');
    }
    // Only a CRM whose page can name a type its address cannot (Dynamics, Salesforce, monday)
    // may change it; elsewhere the type is part of the record's identity.
    const refines = !!adapterById(detected.crm)?.readType;
    if (given.entityType && !refines && given.entityType !== detected.entityType) {
      throw new AppError('forbidden', 'The record type does not match the tab’s address.', 'record.entityType');
    }
    const entityType = (refines && given.entityType) || detected.entityType;
    return { ...detected, entityType, name: given.name, url: from.url! };
  }

  /** A visit in a private window: kept for that window, in memory, never in the database. */
  const seenPrivately = (windowId: number, record: ReturnType<typeof recordOf>) =>
    privately(windowId, async (): Promise<SeenRecord> => {
      const key = recordKey(record);
      const before = (await privateRecords.list(windowId)).find((r) => r.key === key);
      const name = record.name || before?.name || '';
      const seen = { ...record, key, name, nameFolded: foldText(name), lastSeen: ctx.now().getTime() };
      if (!closedWindows.has(windowId)) await privateRecords.put(windowId, seen);
      return seen;
    });

  return {
    async report({ record }: ParsedOf<'page.report'>, from: RequestSource) {
      const tabId = from.tabId;
      if (tabId === undefined) throw noTab();
      const mine = ++reports;
      newest.set(tabId, mine);
      /** This report's state, unless a newer report came meanwhile or the tab has closed. */
      const settle = (change: (s: TabState) => TabState) =>
        update(tabId, (s) => (newest.get(tabId) !== mine || closedTabs.has(tabId) ? undefined : change(s)));
      if (!record) {
        await settle((s) => ({ ...s, record: null }));
        host.toFrames(tabId);
        return null;
      }
      const input = recordOf(from, record);
      const seen =
        from.privateWindow !== undefined ? await seenPrivately(from.privateWindow, input) : await deps.seen(input);
      const { key, name, nameFolded: _folded, lastSeen: _last, ...fields } = seen;
      const before = await tabs.get(tabId);
      await settle((s) => ({ ...s, record: { ...fields, name, key }, privateWindow: from.privateWindow }));
      if (before?.record?.key !== key || before.record.name !== name) host.toFrames(tabId);
      return { key, active: await deps.activeCount(key) };
    },

    async count(_input: ParsedOf<'page.count'>, from: RequestSource) {
      if (from.tabId === undefined) throw noTab();
      const key = (await tabs.get(from.tabId))?.record?.key;
      return { active: key ? await deps.activeCount(key) : 0 };
    },

    async frame({ kind, token }: ParsedOf<'page.frame'>, from: RequestSource) {
      if (from.tabId === undefined) throw noTab();
      await update(from.tabId, (s) => ({ ...s, frames: { ...s.frames, [kind]: token } }));
      return null;
    },

    /** For a frame: the record its tab shows (null when none). */
    async record(_input: ParsedOf<'page.record'>, from: RequestSource): Promise<SeenRecord | null> {
      if (from.tabId === undefined) throw noTab();
      const state = await tabs.get(from.tabId);
      if (!state?.record) return null;
      const { key, name } = state.record;
      return { ...state.record, nameFolded: foldText(name), lastSeen: ctx.now().getTime(), key };
    },

    /** For a frame: asks its page's content script to open or close a frame. */
    async ui(input: ParsedOf<'page.ui'>, from: RequestSource) {
      if (from.tabId === undefined) throw noTab();
      await host.toContentScript(from.tabId, input);
      return null;
    },

    /** Whether `token` is the one the content script of tab `tabId` gave its `kind` frame. */
    async isFrame(tabId: number, kind: FrameKind, token: unknown) {
      return typeof token === 'string' && (await tabs.get(tabId))?.frames[kind] === token;
    },

    /** A tab closed: its state goes, after whatever was under way for it. */
    tabClosed(tabId: number) {
      closedTabs.add(tabId);
      newest.delete(tabId);
      return update(tabId, () => null);
    },

    /** A private window closed: what it saw goes, and nothing still under way brings it back. */
    windowClosed(windowId: number) {
      closedWindows.add(windowId);
      return privately(windowId, () => privateRecords.drop(windowId));
    },
  };
}
