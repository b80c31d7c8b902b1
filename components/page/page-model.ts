import { batch, computed, signal } from '@preact/signals';
import { call } from '../../lib/messaging/client';
import type { Change, ConnectionView, RoleView } from '../../lib/messaging/views';
import type { Identity } from '../../lib/model/settings';
import type { SyncStatus } from '../../lib/model';
import type { RecordFields } from '../../lib/model/record-schema';
import { recordKey } from '../../lib/model/record-ref';
import { createDialogModel } from '../dialog/dialog-model';
import { filterViews, groupViews, type Filters } from './grouping';
import { clampWidth, DEFAULT_PREFS, loadPrefs, savePrefs, type PanelPrefs } from './prefs';

export type PageRecord = RecordFields & { key: string; crmLabel: string };

/** A deleted connection that can still be brought back for a few seconds. */
interface Undo {
  id: string;
  name: string;
}

const UNDO_MS = 8_000;

/**
 * State of everything the content script shows on a record page: the record, its connections,
 * the panel and the dialog. Components read the signals; actions talk to the background.
 */
export function createPageModel() {
  const record = signal<PageRecord | null>(null);
  const views = signal<ConnectionView[] | null>(null);
  const roles = signal<RoleView[]>([]);
  const identity = signal<Identity | null>(null);
  const error = signal<string | null>(null);
  const announcement = signal('');
  const prefs = signal<PanelPrefs>(DEFAULT_PREFS);
  const filters = signal<Filters>({ status: 'active', roleId: '', text: '' });
  const undo = signal<Undo | null>(null);
  /** Team sync's status for the panel's foot; null until read. */
  const syncStatus = signal<SyncStatus | null>(null);
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const activeCount = computed(() => views.value?.filter((v) => v.status === 'active').length ?? null);
  const filtered = computed(() => filterViews(views.value ?? [], filters.value));
  const groups = computed(() => groupViews(filtered.value));

  const fail = (e: unknown) => (error.value = e instanceof Error ? e.message : String(e));

  /** Re-reads the list. Calls that come together (a save's answer and its change on the feed)
   *  make one request. */
  let queued: Promise<void> | null = null;
  function refresh(): Promise<void> {
    queued ??= new Promise<void>((resolve) => setTimeout(resolve, 16)).then(() => {
      queued = null;
      return load();
    });
    return queued;
  }

  async function load() {
    const rec = record.value;
    const mine = ++generation;
    if (!rec) return;
    try {
      const list = await call('connections.listForRecord', { key: rec.key, status: 'all' });
      // In-app navigation may have moved on to another record while we waited.
      if (mine === generation) batch(() => ((views.value = list), (error.value = null)));
    } catch (e) {
      if (mine === generation) fail(e);
    }
  }

  // Roles and identity serve the dialog only: read on its first opening, not on every page load.
  let settingsLoaded: Promise<void> | null = null;
  async function refreshSettings() {
    try {
      const [roleList, settings] = await Promise.all([call('roles.list', {}), call('settings.get', {})]);
      batch(() => ((roles.value = roleList), (identity.value = settings.identity)));
    } catch (e) {
      fail(e);
    }
  }

  // Read when the panel first shows (not on every page load: the panel starts closed) and after
  // a reconnection; the feed carries every change in between.
  let syncRead: Promise<void> | null = null;
  let syncSeq = 0;
  function readSync() {
    const mine = ++syncSeq;
    return call('sync.status', {})
      .then((s) => void (mine === syncSeq && (syncStatus.value = s)))
      .catch(() => {});
  }

  const dialog = createDialogModel({
    record,
    roles,
    identity,
    onSaved: (message) => {
      announcement.value = message;
      void refresh();
    },
    onIdentity: (id) => (identity.value = id),
    ready: () => (settingsLoaded ??= refreshSettings()),
  });

  const setPrefs = (next: PanelPrefs) => {
    prefs.value = next;
    if (record.value) void savePrefs(record.value.crm, next).catch(() => {});
  };

  const act = async (work: () => Promise<unknown>, message: string) => {
    try {
      await work();
      announcement.value = message;
      await refresh();
    } catch (e) {
      fail(e);
    }
  };

  return {
    record,
    views,
    roles,
    identity,
    error,
    announcement,
    prefs,
    filters,
    undo,
    syncStatus,
    /** The panel is showing: make sure the sync status is known. */
    watchSync() {
      syncRead ??= readSync();
    },
    activeCount,
    filtered,
    groups,
    dialog,
    refresh,

    /** Switches to the record now on screen (or none), never showing the previous one's data. */
    async show(next: (RecordFields & { crmLabel: string }) | null) {
      const key = next ? recordKey(next) : null;
      const sameRecord = key === record.value?.key;
      batch(() => {
        if (!sameRecord) {
          views.value = null;
          dialog.close(true);
          // A role filter or an undo belongs to the record it was made on.
          filters.value = { ...filters.value, roleId: '', text: '' };
          undo.value = null;
        }
        record.value = next && key ? { ...next, key } : null;
      });
      if (!next) {
        await call('records.left', {}).catch(() => {});
        return;
      }
      if (!sameRecord) {
        const crm = next.crm;
        void loadPrefs(crm).then((p) => record.value?.crm === crm && (prefs.value = p));
      }
      // Remembering the visit and reading the list do not depend on each other.
      await Promise.all([call('records.seen', next).catch(fail), sameRecord ? null : load()]);
    },

    /** Re-queries what a change touches. */
    onChange(change: Change) {
      const key = record.value?.key;
      if (settingsLoaded && (change.all || change.roles || change.settings)) void refreshSettings();
      if (change.sync) {
        syncSeq++;
        syncStatus.value = change.sync;
      } else if (change.all && syncRead) void readSync();
      if (change.all || change.roles || (key && change.records?.includes(key))) void refresh();
    },

    togglePanel(open = !prefs.value.open) {
      setPrefs({ ...prefs.value, open });
      announcement.value = open ? 'Connections panel opened' : 'Connections panel closed';
    },
    setWidth(width: number, persist = true) {
      const next = { ...prefs.value, width: clampWidth(width) };
      if (persist) setPrefs(next);
      else prefs.value = next;
    },

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

export type PageModel = ReturnType<typeof createPageModel>;
