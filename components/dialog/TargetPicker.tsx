import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { recordTypeLabel } from '../../lib/crm/type-labels';
import { crmLabel, type DialogModel, type Suggestion } from './dialog-model';

const SOURCE_LABEL: Record<Suggestion['source'], string> = {
  url: 'From the pasted address',
  open: 'Open in another tab',
  seen: 'Recently seen',
};

/**
 * "Name": a combobox over remembered records, records open in other tabs and pasted record
 * addresses of any supported CRM. Arrow keys move, Enter picks, Escape closes the list.
 */
export function TargetPicker({ model, disabled }: { model: DialogModel; disabled: boolean }) {
  const active = useSignal(-1);
  const expanded = useSignal(false);
  // Closing on blur waits a moment (a click on an option blurs first); focus or typing cancels it.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(closing.current), []);
  const list = model.suggestions.value;
  const error = model.errors.value.target;
  const chosen = model.form.value.target;

  const pick = (s: Suggestion) => {
    model.chooseTarget(s.target);
    expanded.value = false;
    active.value = -1;
  };
  const onInput = (text: string) => {
    clearTimeout(closing.current);
    if (chosen) model.chooseTarget(null);
    model.query.value = text;
    expanded.value = true;
    active.value = -1;
    // Every keystroke searches; the model drops answers that arrive after a newer question.
    void model.search(text);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      expanded.value = true;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active.value = list.length ? (active.value + step + list.length) % list.length : -1;
    } else if (e.key === 'Enter' && expanded.value && list[active.value]) {
      e.preventDefault();
      e.stopPropagation();
      pick(list[active.value]!);
    } else if (e.key === 'Escape' && expanded.value && list.length) {
      e.stopPropagation();
      expanded.value = false;
    }
  };
  const describedBy = [error && 'target-error', chosen && 'target-chosen'].filter(Boolean).join(' ') || undefined;

  return (
    <div class="field picker">
      <label for="target">Name</label>
      <input
        id="target"
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder="Type a record name or paste its address"
        aria-autocomplete="list"
        aria-expanded={expanded.value && list.length > 0 ? 'true' : 'false'}
        aria-controls="target-options"
        aria-activedescendant={active.value >= 0 ? `target-option-${active.value}` : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        aria-required="true"
        disabled={disabled}
        value={model.query.value}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        onKeyDown={onKeyDown}
        onFocus={() => {
          clearTimeout(closing.current);
          expanded.value = true;
          if (!list.length && !chosen) void model.search(model.query.value);
        }}
        onBlur={() => (closing.current = setTimeout(() => (expanded.value = false), 150))}
      />
      {chosen && (
        <p class="hint" id="target-chosen">
          {crmLabel(chosen.crm)} · {recordTypeLabel(chosen.crm, chosen.entityType)}
          {chosen.name ? '' : ` · ${chosen.recordId}`}
        </p>
      )}
      {expanded.value && list.length > 0 && (
        <ul id="target-options" role="listbox" aria-label="Matching records" class="options">
          {list.map((s, i) => (
            <li
              key={s.target.key}
              id={`target-option-${i}`}
              role="option"
              aria-selected={i === active.value ? 'true' : 'false'}
              class={i === active.value ? 'option active' : 'option'}
              onMouseDown={(e) => (e.preventDefault(), pick(s))}
              title={s.target.name}
            >
              <span class="option-name">{s.target.name || `${s.target.entityType} ${s.target.recordId}`}</span>
              <span class="option-meta">
                {crmLabel(s.target.crm)} · {recordTypeLabel(s.target.crm, s.target.entityType)} ·{' '}
                {SOURCE_LABEL[s.source]}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" id="target-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
