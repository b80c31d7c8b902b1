import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { exportBackup, parseBackupText, stageBackup } from '../../lib/messaging/backup-client';
import { call, watchChanges } from '../../lib/messaging/client';
import { connectionsCsv } from '../../lib/messaging/connections-csv';
import type { OlderChoice, Preview } from '../../lib/messaging/import-preview';
import { BACKUP_KINDS } from '../../lib/model/backup';
import { datedName, download } from './download';

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; done: number; total: number }
  | { kind: 'preview'; importId: string; file: string; preview: Preview }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string };

const LABEL = { roles: 'Roles', connections: 'Connections', records: 'Remembered records' };

function PreviewTable({ preview }: { preview: Preview }) {
  return (
    <table>
      <caption>What the import will do</caption>
      <thead>
        <tr>
          <th scope="col">Data</th>
          <th scope="col">Added</th>
          <th scope="col">Updated</th>
          <th scope="col">Older than here</th>
          <th scope="col">Unchanged</th>
        </tr>
      </thead>
      <tbody>
        {BACKUP_KINDS.map((k) => (
          <tr key={k}>
            <th scope="row">{LABEL[k]}</th>
            <td>{preview[k].added}</td>
            <td>{preview[k].updated}</td>
            <td>{preview[k].older}</td>
            <td>{preview[k].skipped}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Export (JSON backup, CSV of connections) and import with a preview, all-or-nothing. */
export function BackupSection() {
  const step = useSignal<Step>({ kind: 'idle' });
  // What to do with documents older in the file than here; asked in the preview when there are some.
  const older = useSignal<OlderChoice>('keep');
  // The background reports the progress of applying a large import on the change feed.
  useEffect(() => {
    const stop = new AbortController();
    watchChanges((c) => {
      const s = step.value;
      if (c.progress && s.kind === 'busy') step.value = { ...s, done: c.progress.done, total: c.progress.total };
    }, stop.signal);
    return () => stop.abort();
  }, []);

  const busy = (label: string) => (done: number, total: number) => (step.value = { kind: 'busy', label, done, total });
  const fail = (e: unknown) => (step.value = { kind: 'error', text: (e as Error).message });

  const exportJson = async () => {
    try {
      const backup = await exportBackup(call, busy('Exporting'));
      download(datedName('connections-backup', 'json'), JSON.stringify(backup, null, 1), 'application/json');
      step.value = {
        kind: 'done',
        text: `Exported ${backup.connections.length} connections, ${backup.roles.length} roles and ${backup.records.length} records.`,
      };
    } catch (e) {
      fail(e);
    }
  };
  const exportCsv = async () => {
    try {
      const backup = await exportBackup(call, busy('Exporting'));
      download(datedName('connections', 'csv'), connectionsCsv(backup), 'text/csv');
      step.value = { kind: 'done', text: `Exported ${backup.connections.length} connections as CSV.` };
    } catch (e) {
      fail(e);
    }
  };
  const choose = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      busy(`Reading ${file.name}`)(0, 1);
      const parsed = parseBackupText(await file.text());
      const { importId, preview } = await stageBackup(call, parsed, busy(`Checking ${file.name}`));
      older.value = 'keep'; // each file asks afresh
      step.value = { kind: 'preview', importId, file: file.name, preview };
    } catch (err) {
      fail(err);
    }
  };
  const apply = async (importId: string) => {
    try {
      busy('Importing')(0, 1);
      const result = await call('backup.apply', { importId, older: older.value });
      const restored = older.value === 'restore';
      const n = (k: (typeof BACKUP_KINDS)[number]) =>
        result[k].added + result[k].updated + (restored ? result[k].older : 0);
      const kept = BACKUP_KINDS.reduce((sum, k) => sum + (restored ? 0 : result[k].older), 0);
      step.value = {
        kind: 'done',
        text:
          `Imported: ${n('connections')} connections, ${n('roles')} roles, ${n('records')} records added or updated.` +
          (kept ? ` ${kept} newer here than in the file kept as they were.` : ''),
      };
    } catch (e) {
      fail(e);
    }
  };
  const cancel = async (importId: string) => {
    await call('backup.discard', { importId }).catch(() => {});
    step.value = { kind: 'done', text: 'Import cancelled; nothing was changed.' };
  };

  const s = step.value;
  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p class="hint">
        A backup holds your roles, connections, remembered records and identity (never sync credentials).
      </p>
      <div class="inline">
        <button type="button" onClick={exportJson} disabled={s.kind === 'busy'}>
          Export backup (JSON)
        </button>
        <button type="button" onClick={exportCsv} disabled={s.kind === 'busy'}>
          Export connections (CSV)
        </button>
        <label class="button" aria-disabled={s.kind === 'busy'}>
          Import backup…
          <input
            type="file"
            accept="application/json,.json"
            class="visually-hidden"
            onChange={choose}
            disabled={s.kind === 'busy'}
          />
        </label>
      </div>
      {s.kind === 'busy' && (
        <div class="progress">
          <label for="progress">{s.label}…</label>
          <progress id="progress" max={s.total} value={s.done} />
        </div>
      )}
      {s.kind === 'preview' && (
        <div class="preview" role="region" aria-label="Import preview">
          <p>
            <strong>{s.file}</strong>
          </p>
          <PreviewTable preview={s.preview} />
          {BACKUP_KINDS.some((k) => s.preview[k].older > 0) && (
            <fieldset>
              <legend>
                Some of the file is older than what is here (edited since the backup, here or by your team)
              </legend>
              <label>
                <input
                  type="radio"
                  name="older"
                  checked={older.value === 'keep'}
                  onChange={() => (older.value = 'keep')}
                />{' '}
                Keep the newer versions (recommended)
              </label>
              <label>
                <input
                  type="radio"
                  name="older"
                  checked={older.value === 'restore'}
                  onChange={() => (older.value = 'restore')}
                />{' '}
                Restore the file’s versions: they become the latest edits, also for your team
              </label>
            </fieldset>
          )}
          {s.preview.identity !== 'skipped' && (
            <p>Your identity will be {s.preview.identity === 'added' ? 'set' : 'replaced'} from the file.</p>
          )}
          {s.preview.problems.length > 0 && (
            <div role="alert" class="error">
              <p>This file cannot be imported; nothing will be changed:</p>
              <ul>
                {s.preview.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
          <div class="inline">
            <button
              type="button"
              class="primary"
              disabled={s.preview.problems.length > 0}
              onClick={() => void apply(s.importId)}
            >
              Import
            </button>
            <button type="button" onClick={() => void cancel(s.importId)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {s.kind === 'done' && <p role="status">{s.text}</p>}
      {s.kind === 'error' && (
        <p role="alert" class="error">
          {s.text}
        </p>
      )}
    </section>
  );
}
