import type { ReadonlySignal } from '@preact/signals';
import { ConnectionDialog } from '../dialog/ConnectionDialog';
import { ConnectButton } from '../panel/ConnectButton';
import { ConnectionsPanel } from '../panel/ConnectionsPanel';
import type { PageModel } from './page-model';

/**
 * Everything the extension shows on a record page, inside its shadow root. "Connect" floats
 * unless it sits beside the CRM's title landmark (`inlineConnect`).
 */
export function PageApp({ model, inlineConnect }: { model: PageModel; inlineConnect: ReadonlySignal<boolean> }) {
  const rec = model.record.value;
  const floatingConnect = !inlineConnect.value;
  if (!rec) return null;
  return (
    <div class="app" data-record-key={rec.key} data-active-count={model.activeCount.value ?? undefined}>
      {floatingConnect && !model.prefs.value.open && (
        <div class="floating">
          <ConnectButton model={model} />
        </div>
      )}
      <ConnectionsPanel model={model} />
      <ConnectionDialog model={model.dialog} thisName={rec.name} />
      <div class="visually-hidden" role="status" aria-live="polite">
        {model.announcement.value}
      </div>
    </div>
  );
}
