import { useEffect, useRef } from 'preact/hooks';
import { LIMITS } from '../../lib/model/limits';
import { trapTab } from '../common/focus';
import type { DialogModel, FieldName, Form } from './dialog-model';
import { RoleSelect } from './RoleSelect';
import { TargetPicker } from './TargetPicker';
import { FieldError, TextField } from './TextField';

/** The New / Edit Connection dialog: modal, focus kept inside, Esc closes, Enter saves. */
export function ConnectionDialog({ model, thisName }: { model: DialogModel; thisName: string }) {
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  const open = model.open.value;

  useEffect(() => {
    if (!open) return;
    const root = box.current?.getRootNode() as ShadowRoot | undefined;
    opener.current = root?.activeElement ?? null;
    box.current?.querySelector<HTMLElement>('input:not([disabled]), select, textarea')?.focus();
    // Back to what opened the dialog when it closes.
    return () => (opener.current as HTMLElement | null)?.focus?.();
  }, [open]);

  // After a refused save, take the keyboard to the first field at fault.
  const errorsNow = model.errors.value;
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorsNow]);

  if (!open) return null;
  const f = model.form.value;
  const errors = model.errors.value;
  const editing = model.editingId.value !== null;
  const busy = model.saving.value;
  const title = editing ? 'Edit Connection' : 'New Connection';

  const set =
    <K extends keyof Form>(key: K) =>
    (e: Event) =>
      model.setField(key, (e.target as HTMLInputElement).value as Form[K]);
  const invalid = (name: FieldName) => (errors[name] ? 'true' : undefined);
  const described = (name: FieldName) => (errors[name] ? `${name}-error` : undefined);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      model.close();
    } else trapTab(e, box.current!);
  };
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!busy) void model.save('close');
  };

  return (
    <div class="backdrop" onMouseDown={(e) => e.target === e.currentTarget && model.close()}>
      <div
        ref={box}
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dialog-title"
        aria-describedby="dialog-subtitle"
        onKeyDown={onKeyDown}
      >
        <form onSubmit={onSubmit} noValidate>
          <header>
            <h2 id="dialog-title">{title}</h2>
            <p id="dialog-subtitle" class="subtitle" title={thisName}>
              From {thisName || 'this record'}
            </p>
          </header>
          {model.askIdentity.value && (
            <fieldset class="identity">
              <legend>Who are you? "To Me" connects this record to you.</legend>
              <TextField
                id="identityName"
                label="Your name"
                value={model.identityForm.value.name}
                error={errors.identityName}
                onInput={(name) => (model.identityForm.value = { ...model.identityForm.value, name })}
              />
              <TextField
                id="identityEmail"
                label="Email"
                type="email"
                value={model.identityForm.value.email}
                error={errors.identityEmail}
                onInput={(email) => (model.identityForm.value = { ...model.identityForm.value, email })}
              />
            </fieldset>
          )}
          {!model.askIdentity.value && <TargetPicker model={model} disabled={editing} />}
          <RoleSelect
            id="toRoleId"
            label="As this role"
            value={f.toRoleId}
            roles={model.targetRoles.value}
            error={errors.toRoleId}
            hint={f.target ? `The role of ${f.target.name || 'the chosen record'}` : 'Choose the record first'}
            onChange={(v) => model.setField('toRoleId', v)}
          />
          <RoleSelect
            id="fromRoleId"
            label="My role"
            value={f.fromRoleId}
            roles={model.myRoles.value}
            error={errors.fromRoleId}
            hint={`The role of ${thisName || 'this record'}`}
            onChange={(v) => model.setField('fromRoleId', v)}
          />
          <div class="field">
            <label for="description">Description</label>
            <textarea
              id="description"
              rows={3}
              maxLength={LIMITS.connectionDescription}
              value={f.description}
              aria-invalid={invalid('description')}
              aria-describedby={described('description') ?? 'description-count'}
              onInput={set('description')}
            />
            <p class="hint counter" id="description-count">
              {f.description.length} / {LIMITS.connectionDescription}
            </p>
            <FieldError id="description" text={errors.description} />
          </div>
          <details open={!!(f.owner || f.effectiveStart || f.effectiveEnd || errors.effectiveEnd || errors.owner)}>
            <summary>Details</summary>
            <TextField
              id="owner"
              label="Owner"
              value={f.owner}
              maxLength={LIMITS.owner}
              error={errors.owner}
              onInput={(v) => model.setField('owner', v)}
            />
            <div class="row">
              <TextField
                id="effectiveStart"
                label="Starting"
                type="date"
                value={f.effectiveStart}
                error={errors.effectiveStart}
                onInput={(v) => model.setField('effectiveStart', v)}
              />
              <TextField
                id="effectiveEnd"
                label="Ending"
                type="date"
                value={f.effectiveEnd}
                error={errors.effectiveEnd}
                onInput={(v) => model.setField('effectiveEnd', v)}
              />
            </div>
          </details>
          <FieldError id="general" text={errors.general} />
          {model.confirmingDiscard.value ? (
            <div class="confirm" role="alertdialog" aria-label="Discard changes?">
              <p>Discard your changes?</p>
              <button type="button" class="danger" onClick={() => model.close(true)}>
                Discard
              </button>
              <button type="button" autoFocus onClick={() => (model.confirmingDiscard.value = false)}>
                Keep editing
              </button>
            </div>
          ) : (
            <footer>
              <span class="status" role="status">
                {model.status.value}
              </span>
              {/* aria-disabled, not disabled: a disabled button would drop the keyboard focus. */}
              <button type="button" aria-disabled={busy} onClick={() => busy || void model.save('stay')}>
                Save
              </button>
              <button type="submit" class="primary" aria-disabled={busy}>
                Save &amp; Close
              </button>
              {!editing && (
                <button type="button" aria-disabled={busy} onClick={() => busy || void model.save('new')}>
                  Save &amp; New
                </button>
              )}
              <button type="button" onClick={() => model.close()}>
                Cancel
              </button>
            </footer>
          )}
        </form>
      </div>
    </div>
  );
}
