import { useSignal } from '@preact/signals';
import type { PanelModel } from './panel-model';

/** "Connect" with its menu "To Another" / "To Me" inside the panel; the badge counts active connections. */
export function ConnectButton({ model, compact = false }: { model: PanelModel; compact?: boolean }) {
  const open = useSignal(false);
  const count = model.activeCount.value;
  const choose = (to: 'another' | 'me') => {
    open.value = false;
    if (to === 'me') void model.openToMe();
    else void model.openNew();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open.value) {
      e.stopPropagation();
      open.value = false;
    }
  };
  return (
    <div class={compact ? 'connect compact' : 'connect'} onKeyDown={onKeyDown}>
      <button
        type="button"
        class="connect-button"
        aria-label="Connect"
        aria-describedby={!compact && count !== null ? 'connect-count' : undefined}
        aria-haspopup="menu"
        aria-expanded={open.value ? 'true' : 'false'}
        onClick={() => (open.value = !open.value)}
      >
        Connect
        {!compact && count !== null && (
          <span class="badge-count" aria-hidden="true" data-testid="connection-count">
            {count}
          </span>
        )}
      </button>
      {!compact && count !== null && (
        <span id="connect-count" class="visually-hidden">
          {count} active connection{count === 1 ? '' : 's'}
        </span>
      )}
      {open.value && (
        <div role="menu" class="menu" aria-label="Connect">
          <button type="button" role="menuitem" autoFocus onClick={() => choose('another')}>
            To Another
          </button>
          <button type="button" role="menuitem" onClick={() => choose('me')}>
            To Me
          </button>
        </div>
      )}
    </div>
  );
}
