import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { call } from '../../lib/messaging/client';
import type { Responses } from '../../lib/messaging/protocol';

/** The keyboard shortcuts as the browser has them now (users can change them). */
export function PanelHelp() {
  const commands = useSignal<Responses['commands.list'] | null>(null);
  useEffect(() => {
    call('commands.list', {}).then(
      (list) => (commands.value = list),
      () => (commands.value = []),
    );
  }, []);
  const rows = (commands.value ?? []).filter((c) => c.description);
  return (
    <section class="help" aria-label="Keyboard shortcuts">
      <h3>Keyboard shortcuts</h3>
      <ul>
        {rows.map((c) => (
          <li key={c.name}>
            <kbd>{c.shortcut || 'not set'}</kbd> {c.description}
          </li>
        ))}
      </ul>
      <p class="hint">
        Change them in the browser's extension shortcut settings (chrome://extensions/shortcuts in Chrome, Manage
        Extension Shortcuts in Firefox's add-ons page).
      </p>
    </section>
  );
}
