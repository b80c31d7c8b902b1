import type { RoleView } from '../../lib/messaging/views';
import { ROLE_CATEGORIES } from '../../lib/model/categories';

interface Props {
  id: string;
  label: string;
  value: string;
  roles: RoleView[];
  error?: string;
  hint?: string;
  onChange(value: string): void;
}

/** A role picker grouped by category, blank allowed. */
export function RoleSelect({ id, label, value, roles, error, hint, onChange }: Props) {
  const describedBy = [error && `${id}-error`, hint && `${id}-hint`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="">(none)</option>
        {ROLE_CATEGORIES.map((category) => {
          const inCategory = roles.filter((r) => r.category === category);
          return inCategory.length ? (
            <optgroup key={category} label={category}>
              {inCategory.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.active ? r.name : `${r.name} (inactive)`}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </select>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
