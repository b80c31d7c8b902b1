import type { RecordModel } from './record-model';

/** The record's connection count, docked at the page edge; the panel (issue 4) grows from it. */
export function ConnectionsBadge({ model }: { model: RecordModel }) {
  const rec = model.record.value;
  if (!rec) return null;
  const count = model.activeCount.value;
  return (
    <div
      class="badge"
      role="status"
      aria-label="Connections"
      title={rec.name || rec.recordId}
      data-record-key={rec.key}
    >
      <span class="label">Connections</span>
      <span class="count" data-testid="connection-count">
        {count === null ? '…' : count}
      </span>
      {model.error.value && <span class="error">{model.error.value}</span>}
    </div>
  );
}
