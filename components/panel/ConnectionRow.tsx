import { useSignal } from '@preact/signals';
import type { ConnectionView } from '../../lib/messaging/views';
import { formatDate, safeHref } from '../common/format';
import { recordTypeLabel } from '../../lib/crm/type-labels';
import { crmLabel } from '../dialog/dialog-model';

interface Props {
  view: ConnectionView;
  onEdit(): void;
  onStatus(status: 'active' | 'inactive'): void;
  onDelete(): void;
}

/** One connection seen from this record: who, as what, and what this record is to them. */
export function ConnectionRow({ view: v, onEdit, onStatus, onDelete }: Props) {
  const confirming = useSignal(false);
  const type = recordTypeLabel(v.other.crm, v.other.entityType);
  const name = v.other.name || `${type} ${v.other.recordId}`;
  const href = safeHref(v.other.url);
  const dates = [formatDate(v.effectiveStart), formatDate(v.effectiveEnd)];
  const inactive = v.status === 'inactive';

  return (
    <li class={inactive ? 'row inactive' : 'row'} data-connection-id={v.id}>
      <div class="row-main">
        {href ? (
          // elementtiming: the browser reports when row names are painted (the bench reads it).
          <a
            class="name"
            href={href}
            target="_blank"
            rel="noopener noreferrer"
            title={name}
            elementtiming="connection-row"
          >
            {name}
          </a>
        ) : (
          <span class="name" title={name} elementtiming="connection-row">
            {name}
          </span>
        )}
        {inactive && <span class="pill">Inactive</span>}
      </div>
      <div class="meta" title={`${crmLabel(v.other.crm)} · ${type}`}>
        {crmLabel(v.other.crm)} · {type}
      </div>
      <div class="roles">
        {v.otherRole ? (
          <span title={v.otherRole.missing ? 'This role was deleted' : undefined}>as {v.otherRole.name}</span>
        ) : (
          <span class="muted">no role</span>
        )}
        {v.thisRole && <span class="this-role"> · this record: {v.thisRole.name}</span>}
      </div>
      {v.description && <p class="description">{v.description}</p>}
      {(dates[0] || dates[1] || v.owner) && (
        <div class="meta">
          {(dates[0] || dates[1]) && (
            <span>
              {dates[0] || '…'} – {dates[1] || '…'}
            </span>
          )}
          {v.owner && <span title={v.owner}> · Owner: {v.owner}</span>}
        </div>
      )}
      {confirming.value ? (
        <div class="actions confirm" role="group" aria-label={`Delete the connection with ${name}?`}>
          <span>Delete for good?</span>
          <button type="button" class="danger" onClick={() => ((confirming.value = false), onDelete())}>
            Delete
          </button>
          <button type="button" autoFocus onClick={() => (confirming.value = false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div class="actions" role="group" aria-label={`Actions for ${name}`}>
          <button
            type="button"
            onClick={onEdit}
            disabled={inactive}
            title={inactive ? 'Inactive connections are read-only: activate it to edit it' : undefined}
          >
            Edit
          </button>
          <button type="button" onClick={() => onStatus(inactive ? 'active' : 'inactive')}>
            {inactive ? 'Activate' : 'Deactivate'}
          </button>
          <button type="button" onClick={() => (confirming.value = true)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}
