import { useSignal } from '@preact/signals';
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { recordTypeLabel } from '../../lib/crm/type-labels';
import type { PanelModel } from './panel-model';
import { ConnectButton } from './ConnectButton';
import { ConnectionRow } from './ConnectionRow';
import { PanelFilters } from './PanelFilters';
import { PanelHelp } from './PanelHelp';
import { slug } from '../common/format';
import { SyncStatusView } from '../common/SyncStatus';

const FIRST_ROWS = 40;
const MORE_ROWS = 120;

/** Team sync's line at the panel's foot, only when sync is on; its own component, so status
 *  updates (many during a transfer) re-render this line, not the list. */
function PanelSync({ model }: { model: PanelModel }) {
  useEffect(() => model.watchSync(), [model]);
  const sync = model.syncStatus.value;
  if (!sync || sync.state === 'off') return null;
  return (
    <div class="panel-foot">
      <SyncStatusView status={sync} compact />
    </div>
  );
}

/**
 * The "Connections" panel (its frame is docked right by the content script): every connection
 * of this record from either side, grouped by the other side's role category. Rows render as
 * they scroll into view, so a record with a thousand connections paints as fast as one with forty.
 */
export function ConnectionsPanel({ model }: { model: PanelModel }) {
  const limit = useSignal(FIRST_ROWS);
  const help = useSignal(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const rec = model.record.value;
  const views = model.views.value;
  const count = model.activeCount.value;

  useEffect(() => void (limit.value = FIRST_ROWS), [rec?.key, model.filters.value]);
  // Grow the window when the end of the list scrolls into view. A callback ref: the sentinel
  // comes and goes with the panel and the filters, and is observed exactly while it exists.
  const sentinel = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    observer.current = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) limit.value += MORE_ROWS;
    });
    observer.current.observe(el);
  }, []);

  if (!rec) return null;

  // Grouping and sorting happen only while the panel is open.
  const groups = model.groups.value;
  // Rows render in a window that grows as the list scrolls: a group keeps its header and count
  // even while only some of its rows are on the page.
  const total = groups.reduce((n, g) => n + g.rows.length, 0);
  let budget = limit.value;
  const shownGroups = groups
    .map((g) => {
      const rows = g.rows.slice(0, Math.max(0, budget));
      budget -= rows.length;
      return { title: g.title, count: g.rows.length, rows };
    })
    .filter((g) => g.rows.length > 0);
  const shown = limit.value - Math.max(0, budget);

  return (
    <section class="panel" role="region" aria-label="Connections">
      <header class="panel-head">
        <h2>
          Connections <span class="count">{count ?? '…'}</span>
        </h2>
        <ConnectButton model={model} compact />
        <button
          type="button"
          class="icon"
          aria-label="Keyboard shortcuts"
          aria-expanded={help.value ? 'true' : 'false'}
          onClick={() => (help.value = !help.value)}
        >
          ?
        </button>
        <button
          type="button"
          class="icon"
          aria-label="Collapse the Connections panel"
          onClick={() => void model.collapse()}
        >
          »
        </button>
      </header>
      <p class="record-name" title={rec.name}>
        {rec.name || `${recordTypeLabel(rec.crm, rec.entityType)} ${rec.recordId}`} · {rec.crmLabel}
      </p>
      {help.value && <PanelHelp />}
      <PanelFilters model={model} />
      {model.error.value && (
        <p class="error" role="alert">
          {model.error.value}
        </p>
      )}
      {views === null && <p class="muted">Loading…</p>}
      {views?.length === 0 && (
        <div class="empty">
          <p>No connections yet. Connect this record to a person, a company or anything else, in any CRM.</p>
          <ConnectButton model={model} />
        </div>
      )}
      {views && views.length > 0 && total === 0 && <p class="muted">No connection matches these filters.</p>}
      <div class="list">
        {shownGroups.map((g) => (
          <section key={g.title} class="group" aria-labelledby={`group-${slug(g.title)}`}>
            <h3 id={`group-${slug(g.title)}`}>
              {g.title} <span class="count">({g.count})</span>
            </h3>
            <ul>
              {g.rows.map((view) => (
                <ConnectionRow
                  key={view.id}
                  view={view}
                  onEdit={() => void model.openEdit(view)}
                  onStatus={(st) => void model.setStatus(view, st)}
                  onDelete={() => void model.remove(view)}
                />
              ))}
            </ul>
          </section>
        ))}
        {shown < total && <div ref={sentinel} class="more" aria-hidden="true" />}
      </div>
      {model.undo.value && (
        <div class="toast" role="status">
          Connection with {model.undo.value.name || 'the record'} deleted.
          <button type="button" onClick={() => void model.undoDelete()}>
            Undo
          </button>
        </div>
      )}
      <PanelSync model={model} />
    </section>
  );
}
