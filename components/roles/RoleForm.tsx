import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { ROLE_CATEGORIES, type RoleCategory } from '../../lib/model/categories';
import { LIMITS } from '../../lib/model/limits';
import { FieldError, TextField } from '../dialog/TextField';
import { useSyncStatus } from '../common/use-sync-status';
import { go } from '../popup/route';
import { createRoleFormModel, type RoleFormModel } from './role-form-model';

function MatchingRoles({ model }: { model: RoleFormModel }) {
  const error = model.errors.value.matchingRoleIds;
  return (
    <fieldset class="field" aria-describedby={error ? 'matchingRoleIds-error' : 'matching-hint'}>
      <legend>Matching roles</legend>
      <p class="hint" id="matching-hint">
        The reciprocal role on the other side. The first is the default.
      </p>
      <ol class="chips">
        {model.matching.value.map((m, i) => (
          <li key={m}>
            <span>{model.nameOf(m)}</span>
            {i === 0 ? (
              <span class="pill">Default</span>
            ) : (
              <button
                type="button"
                onClick={() => model.makeDefault(m)}
                aria-label={`Make ${model.nameOf(m)} the default`}
              >
                Make default
              </button>
            )}
            <button type="button" onClick={() => model.removeMatch(m)} aria-label={`Remove ${model.nameOf(m)}`}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <label for="add-match" class="visually-hidden">
        Add a matching role
      </label>
      <select
        id="add-match"
        value=""
        onChange={(e) => {
          model.addMatch((e.target as HTMLSelectElement).value);
          (e.target as HTMLSelectElement).value = '';
        }}
      >
        <option value="">Add a matching role…</option>
        {!model.matching.value.includes(model.id) && <option value={model.id}>This role itself</option>}
        {model.addable.value.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} ({r.category})
          </option>
        ))}
      </select>
      <FieldError id="matchingRoleIds" text={error} />
    </fieldset>
  );
}

function RecordTypes({ model }: { model: RoleFormModel }) {
  const draft = useSignal('');
  const add = () => {
    model.addType(draft.value);
    draft.value = '';
  };
  return (
    <fieldset class="field">
      <legend>Record types</legend>
      <p class="hint">None means every type. “contact” is that type in any CRM; “hubspot:contact” only in HubSpot.</p>
      <ul class="chips">
        {model.appliesTo.value.map((t) => (
          <li key={t}>
            <span>{t}</span>
            <button type="button" onClick={() => model.removeType(t)} aria-label={`Remove ${t}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <div class="inline">
        <input
          list="type-choices"
          aria-label="Add a record type"
          placeholder="Add a record type…"
          value={draft.value}
          onInput={(e) => (draft.value = (e.target as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}
        />
        <button type="button" onClick={add}>
          Add
        </button>
      </div>
      <datalist id="type-choices">
        {model.typeChoices.value.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <FieldError id="appliesTo" text={model.errors.value.appliesTo} />
    </fieldset>
  );
}

/** Create or edit a connection role. */
export function RoleForm({ id }: { id: string | null }) {
  const model = useMemo(() => createRoleFormModel(id), [id]);
  useEffect(() => void model.load(), [model]);
  const readOnly = useSyncStatus().value?.rolesReadOnly ?? null;
  const errors = model.errors.value;
  if (model.missing.value) {
    return (
      <section class="role-form">
        <p class="error" role="alert">
          This role no longer exists (it may have been deleted meanwhile).
        </p>
        <button type="button" onClick={() => go('/roles')}>
          Back to roles
        </button>
      </section>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await model.save()) go('/roles');
  };
  return (
    <form class="role-form" onSubmit={submit} noValidate aria-labelledby="role-form-title">
      <h1 id="role-form-title">{model.isNew ? 'New role' : `Edit ${model.name.value || 'role'}`}</h1>
      {readOnly && (
        <p class="message" role="note">
          {readOnly}
        </p>
      )}
      {/* Read-only: every control below is disabled by the fieldset, Cancel stays. */}
      <fieldset class="plain" disabled={!!readOnly}>
        <TextField
          id="name"
          label="Name"
          value={model.name.value}
          maxLength={LIMITS.roleName}
          error={errors.name}
          onInput={(v) => (model.name.value = v)}
        />
        <div class="field">
          <label for="category">Category</label>
          <select
            id="category"
            value={model.category.value}
            onChange={(e) => (model.category.value = (e.target as HTMLSelectElement).value as RoleCategory)}
          >
            {ROLE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <FieldError id="category" text={errors.category} />
        </div>
        <div class="field">
          <label for="description">Description</label>
          <textarea
            id="description"
            rows={2}
            maxLength={LIMITS.roleDescription}
            value={model.description.value}
            aria-invalid={errors.description ? 'true' : undefined}
            onInput={(e) => (model.description.value = (e.target as HTMLTextAreaElement).value)}
          />
          <FieldError id="description" text={errors.description} />
        </div>
        <MatchingRoles model={model} />
        <RecordTypes model={model} />
        <FieldError id="general" text={errors.general} />
      </fieldset>
      <div class="bar">
        {!readOnly && (
          <button type="submit" class="primary" aria-disabled={model.saving.value}>
            Save
          </button>
        )}
        <button type="button" onClick={() => go('/roles')}>
          Cancel
        </button>
      </div>
    </form>
  );
}
