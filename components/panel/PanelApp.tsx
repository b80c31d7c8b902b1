import { watchChanges } from '../../lib/messaging/client';
import { ConnectionsPanel } from './ConnectionsPanel';
import { createPanelModel, type PanelModel } from './panel-model';

/**
 * Starts the Connections panel frame's model: which record its tab shows, asked of the
 * background, and the change feed. Called before the first render, so the first requests are
 * on their way while Preact renders.
 */
export function startPanel(signal: AbortSignal): PanelModel {
  const model = createPanelModel();
  watchChanges((change) => model.onChange(change), signal);
  void model.loadRecord();
  return model;
}

/**
 * The Connections panel frame: an extension page the content script docks into the CRM page.
 * It shows the record its tab shows, as the background says, following the change feed.
 */
export function PanelApp({ model }: { model: PanelModel }) {
  const rec = model.record.value;
  return (
    <div class="app" data-record-key={rec?.key} data-active-count={model.activeCount.value ?? undefined}>
      {rec ? <ConnectionsPanel model={model} /> : rec === null ? <p class="muted">No record on this page.</p> : null}
      <div class="visually-hidden" role="status" aria-live="polite">
        {model.announcement.value}
      </div>
    </div>
  );
}
