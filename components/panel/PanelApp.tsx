import { useEffect, useMemo } from 'preact/hooks';
import { watchChanges } from '../../lib/messaging/client';
import { ConnectionsPanel } from './ConnectionsPanel';
import { createPanelModel } from './panel-model';

/**
 * The Connections panel frame: an extension page the content script docks into the CRM page.
 * It reads which record its tab shows from the background, and follows the change feed.
 */
export function PanelApp() {
  const model = useMemo(createPanelModel, []);
  useEffect(() => {
    const stop = new AbortController();
    watchChanges((change) => model.onChange(change), stop.signal);
    void model.loadRecord();
    return () => stop.abort();
  }, [model]);
  const rec = model.record.value;
  return (
    <div class="app" data-record-key={rec?.key} data-active-count={model.activeCount.value ?? undefined}>
      {rec ? <ConnectionsPanel model={model} /> : <p class="muted">No record on this page.</p>}
      <div class="visually-hidden" role="status" aria-live="polite">
        {model.announcement.value}
      </div>
    </div>
  );
}
