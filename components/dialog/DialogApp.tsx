import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { adapterById } from '../../lib/crm';
import { call } from '../../lib/messaging/client';
import type { RoleView } from '../../lib/messaging/views';
import type { Identity } from '../../lib/model/settings';
import type { PanelRecord } from '../panel/panel-model';
import { ConnectionDialog } from './ConnectionDialog';
import { createDialogModel } from './dialog-model';

/**
 * The New / Edit Connection frame: an extension page the content script lays over the CRM page
 * while the dialog is open (`mode`: new, me or edit of `connectionId`). It learns the record from
 * the background, and asks the content script to take the frame away when the dialog closes.
 */
export function DialogApp({ mode, connectionId }: { mode: string; connectionId: string | null }) {
  const state = useMemo(() => {
    const record = signal<PanelRecord | null>(null);
    const roles = signal<RoleView[]>([]);
    const identity = signal<Identity | null>(null);
    const problem = signal<string | null>(null);
    let loaded: Promise<void> | null = null;
    const ready = () =>
      (loaded ??= Promise.all([call('roles.list', {}), call('settings.get', {})]).then(([r, s]) => {
        roles.value = r;
        identity.value = s.identity;
      }));
    const dialog = createDialogModel({
      record,
      roles,
      identity,
      onSaved: () => {},
      onIdentity: (id) => (identity.value = id),
      ready,
    });
    return { record, dialog, problem };
  }, []);
  const { record, dialog, problem } = state;

  useEffect(() => {
    void (async () => {
      try {
        const found = await call('page.record', {});
        if (!found) throw new Error('This page shows no record to connect.');
        record.value = { ...found, crmLabel: adapterById(found.crm)?.label ?? found.crm };
        if (mode === 'me') return await dialog.openToMe();
        if (mode !== 'edit' || !connectionId) return await dialog.openNew();
        const views = await call('connections.listForRecord', { key: found.key, status: 'all' });
        const view = views.find((v) => v.id === connectionId);
        if (!view) throw new Error('That connection is no longer there: it may have been deleted.');
        await dialog.openEdit(view);
      } catch (e) {
        problem.value = e instanceof Error ? e.message : String(e);
      }
    })();
  }, [mode, connectionId]);

  // The dialog closed (saved, cancelled, Esc): the content script takes the frame away.
  const open = dialog.open.value;
  useEffect(() => {
    if (!open && record.value) void call('page.ui', { action: 'close-dialog' });
  }, [open]);

  if (problem.value) {
    return (
      <div class="backdrop">
        <div class="dialog" role="alertdialog" aria-labelledby="problem">
          <p id="problem" class="error">
            {problem.value}
          </p>
          <button type="button" autoFocus onClick={() => void call('page.ui', { action: 'close-dialog' })}>
            Close
          </button>
        </div>
      </div>
    );
  }
  return <ConnectionDialog model={dialog} thisName={record.value?.name ?? ''} />;
}
