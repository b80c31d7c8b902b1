interface Props {
  /** Input id, also the base of its error's id (`{id}-error`). */
  id: string;
  label: string;
  value: string;
  error?: string;
  type?: 'text' | 'email' | 'date';
  maxLength?: number;
  onInput(value: string): void;
}

/** An error next to the field it belongs to, announced when it appears. */
export function FieldError({ id, text }: { id: string; text?: string }) {
  return text ? (
    <p class="error" id={`${id}-error`} role="alert">
      {text}
    </p>
  ) : null;
}

/** A labelled input with its inline error. */
export function TextField({ id, label, value, error, type = 'text', maxLength, onInput }: Props) {
  const common = {
    id,
    value,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onInput: (e: Event) => onInput((e.target as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {/* Preact types <input> per type, so each kind is written out. */}
      {type === 'date' ? (
        <input type="date" {...common} />
      ) : type === 'email' ? (
        <input type="email" {...common} />
      ) : (
        <input type="text" maxLength={maxLength} {...common} />
      )}
      <FieldError id={id} text={error} />
    </div>
  );
}
