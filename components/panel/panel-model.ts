import { batch, computed, signal } from '@preact/signals';
import { adapterById } from '../../lib/crm';
import { call } from '../../lib/messaging/client';
import type { PageUi } from '../../lib/messaging/protocol';
import type { Change, ConnectionView } from '../../lib/messaging/views';
import type { SeenRecord, SyncStatus } from '../../lib/model';
import { filterViews, groupViews, type Filters } from './grouping';

/** The record the panel serves, as the background knows its tab shows it. */
export type PanelRecord = SeenRecord & { crmLabel: string };

/** A deleted connection that can still be brought back for a few seconds. */
interface Undo {
  id: string;
  name: string;
}

const UNDO_MS = 8_000;

/**
 * State of the Connections panel, an extension frame inside the CRM page: the record its tab
 * shows (from the background, never from the page), its connections, the filters, an undo.
 * Opening the dialog or collapsing the panel are asked of the page's content script, through
 * the background.
 */
export function createPanelModel() {
  /** Undefined until the background has said (null: the tab shows no record). */
  const record = signal<PanelRecord | null | undefined>(undefined);
  const views = signal<ConnectionView[] | null>(null);
  const error = signal<string | null>(null);
  const announcement = signal('');
  const filters = signal<Filters>({ status: 'active', roleId: '', text: '' });
  const undo = signal<Undo | null>(null);
  /** Team sync's status for the panel's foot; null until read. */
  const syncStatus = signal<SyncStatus | null>(null);
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  let recordSeq = 0;
  let listSeq = 0;

  const activeCount = computed(() => views.value?.filter((v) => v.status === 'active').length ?? null);
  const filtered = computed(() => filterViews(views.value ?? [], filters.value));
  const groups = computed(() => groupViews(filtered.value));

  const fail = (e: unknown) => (error.value = e instanceof Error ? e.message : String(e));

  /** Re-reads which record the tab shows, then its list (both, when the record changed). */
  async function loadRecord() {
    const mine = ++recordSeq;
    try {
      const found = await call('page.record', {});
      if (mine !== recordSeq) return;
      const next = found && { ...found, crmLabel: adapterById(found.crm)?.label ?? found.crm };
      const same = next?.key === record.value?.key;
      batch(() => {
        if (!same) {
          views.value = null;
          // A role filter or an undo belongs to the record it was made on.
          filters.value = { ...filters.value, roleId: '', text: '' };
          undo.value = null;
        }
        record.value = next;
      });
      if (next && !same) await load();
    } catch (e) {
      if (mine === recordSeq) fail(e);
    }
  }

  /** Re-reads the list. Calls that come together (a save's answer and its change) make one request. */
  let queued: Promise<void> | null = null;
  function refresh(): Promise<void> {
    queued ??= new Promise<void>((resolve) => setTimeout(resolve, 16)).then(() => {
      queued = null;
      return load();
    });
    return queued;
  }

  async function load() {
    const key = record.value?.key;
    const mine = ++listSeq;
    if (!key) return;
    // The tab may have moved on to another record while we waited, or a newer read started.
    const current = () => mine === listSeq && record.value?.key === key;
    try {
      const list = await call('connections.listForRecord', { key, status: 'all' });
      if (current()) batch(() => ((views.value = list), (error.value = null)));
    } catch (e) {
      if (current()) fail(e);
    }
  }

  let syncRead: Promise<void> | null = null;
  let syncSeq = 0;
  function readSync() {
    const mine = ++syncSeq;
    return call('sync.status', {})
      .then((s) => void (mine === syncSeq && (syncStatus.value = s)))
      .catch(() => {});
  }

  const act = async (work: () => Promise<unknown>, message: string) => {
    try {
      await work();
      announcement.value = message;
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

  /** Asks the page's content script to open or close a frame. */
  const ui = (request: PageUi) => call('page.ui', request).catch(fail);

  return {
    record,
    views,
    error,
    announcement,
    filters,
    undo,
    syncStatus,
    activeCount,
    filtered,
    groups,
    refresh,
    loadRecord,
    /** The panel is showing: make sure the sync status is known. */
    watchSync() {
      syncRead ??= readSync();
    },

    /** Re-queries what a change touches. */
    onChange(change: Change) {
      const key = record.value?.key;
      if (change.page || change.all) void loadRecord();
      if (change.sync) {
        syncSeq++;
        syncStatus.value = change.sync;
      } else if (change.all && syncRead) void readSync();
      if (change.all || change.roles || (key && change.records?.includes(key))) void refresh();
    },

    openNew: () => ui({ action: 'open-dialog', mode: 'new' }),
    openToMe: () => ui({ action: 'open-dialog', mode: 'me' }),
    openEdit: (v: ConnectionView) => ui({ action: 'open-dialog', mode: 'edit', connectionId: v.id }),
    collapse: () => ui({ action: 'collapse-panel' }),

    setStatus: (v: ConnectionView, status: 'active' | 'inactive') =>
      act(
        () => call('connections.setStatus', { id: v.id, status }),
        `Connection with ${v.other.name || 'record'} ${status === 'active' ? 'activated' : 'deactivated'}`,
      ),

    /** Deletes for good, with a few seconds to undo. */
    async remove(v: ConnectionView) {
      await act(() => call('connections.delete', { id: v.id }), `Connection with ${v.other.name || 'record'} deleted`);
      clearTimeout(undoTimer);
      undo.value = { id: v.id, name: v.other.name };
      undoTimer = setTimeout(() => (undo.value = null), UNDO_MS);
    },
    async undoDelete() {
      const u = undo.value;
      if (!u) return;
      clearTimeout(undoTimer);
      undo.value = null;
      await act(() => call('connections.restore', { id: u.id }), `Connection with ${u.name || 'record'} restored`);
    },
  };
}

export type PanelModel = ReturnType<typeof createPanelModel>;
