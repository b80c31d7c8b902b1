import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { call, watchChanges } from '../../lib/messaging/client';
import type { Responses } from '../../lib/messaging/protocol';

/** What is stored, and "Delete all data" behind a typed confirmation word. */
export function DataSection() {
  const stats = useSignal<Responses['data.stats'] | null>(null);
  const confirm = useSignal('');
  const message = useSignal('');
  const load = () => call('data.stats', {}).then((s) => (stats.value = s));
  useEffect(() => {
    void load();
    const stop = new AbortController();
    // Sync reports its status on the feed often during a transfer: not a data change.
    watchChanges((c) => void (c.sync ? undefined : load()), stop.signal);
    return () => stop.abort();
  }, []);
  const s = stats.value;
  const wipe = async (e: Event) => {
    e.preventDefault();
    try {
      await call('data.deleteAll', { confirm: confirm.value as 'DELETE' });
      confirm.value = '';
      message.value = 'All data deleted. “Restore default roles” in the popup brings the default roles back.';
    } catch (err) {
      message.value = (err as Error).message;
    }
  };
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">Data</h2>
      {s && (
        <dl class="stats">
          <dt>Connections</dt>
          <dd>
            {s.connections} ({s.activeConnections} active)
          </dd>
          <dt>Roles</dt>
          <dd>
            {s.roles} ({s.activeRoles} active)
          </dd>
          <dt>Remembered records</dt>
          <dd>{s.records}</dd>
          <dt>Deleted connections kept for sync</dt>
          <dd>{s.deletedConnections}</dd>
        </dl>
      )}
      <form onSubmit={wipe} class="danger-zone">
        <label for="confirm-delete">
          Type DELETE to delete every connection, role, remembered record and your identity
        </label>
        <div class="inline">
          <input
            id="confirm-delete"
            aria-describedby="delete-sync-note"
            value={confirm.value}
            autoComplete="off"
            onInput={(e) => (confirm.value = (e.target as HTMLInputElement).value)}
          />
          <button type="submit" class="danger" disabled={confirm.value !== 'DELETE'}>
            Delete all data
          </button>
        </div>
        <p class="hint" id="delete-sync-note">
          This device also forgets its team sync settings; nothing is deleted on the team server.
        </p>
      </form>
      {message.value && <p role="status">{message.value}</p>}
    </section>
  );
}
