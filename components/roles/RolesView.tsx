import { useEffect, useMemo } from 'preact/hooks';
import { watchChanges } from '../../lib/messaging/client';
import type { RoleView } from '../../lib/messaging/views';
import { ROLE_CATEGORIES } from '../../lib/model/categories';
import { useSyncStatus } from '../common/use-sync-status';
import { go } from '../popup/route';
import { createRolesModel, type RolesModel } from './roles-model';
import { slug } from '../common/format';

function RoleRow({ role: r, model, readOnly }: { role: RoleView; model: RolesModel; readOnly: boolean }) {
  const del = model.deleting.value?.id === r.id ? model.deleting.value : null;
  const uses = `${r.usage} connection${r.usage === 1 ? '' : 's'}`;
  return (
    <li class={r.active ? 'role' : 'role inactive'} data-role-id={r.id}>
      <div class="role-main">
        <span class="role-name" title={r.description || r.name}>
          {r.name}
        </span>
        {!r.active && <span class="pill">Inactive</span>}
        <span class="usage" title={`Used by ${uses}`}>
          {r.usage}
        </span>
      </div>
      {del?.step === 'in-use' ? (
        <div class="confirm" role="group" aria-label={`Delete ${r.name}?`}>
          <p>
            {r.name} is used by {del.count} connection{del.count === 1 ? '' : 's'}.
          </p>
          <button type="button" class="danger" onClick={() => void model.remove(r, true)}>
            Clear from connections and delete
          </button>
          {r.active && (
            <button type="button" onClick={() => ((model.deleting.value = null), void model.setActive(r, false))}>
              Deactivate instead
            </button>
          )}
          <button type="button" autoFocus onClick={() => (model.deleting.value = null)}>
            Cancel
          </button>
        </div>
      ) : del?.step === 'confirm' ? (
        <div class="confirm" role="group" aria-label={`Delete ${r.name}?`}>
          <p>Delete {r.name} for good?</p>
          <button type="button" class="danger" onClick={() => void model.remove(r)}>
            Delete
          </button>
          <button type="button" autoFocus onClick={() => (model.deleting.value = null)}>
            Cancel
          </button>
        </div>
      ) : readOnly ? null : (
        <div class="actions" role="group" aria-label={`Actions for ${r.name}`}>
          <button type="button" onClick={() => go(`/roles/${encodeURIComponent(r.id)}`)}>
            Edit
          </button>
          <button type="button" onClick={() => void model.setActive(r, !r.active)}>
            {r.active ? 'Deactivate' : 'Activate'}
          </button>
          <button type="button" onClick={() => (model.deleting.value = { id: r.id, step: 'confirm' })}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

/** Roles by category with search and usage counts; create, edit, (de)activate, delete. */
export function RolesView() {
  const model = useMemo(createRolesModel, []);
  useEffect(() => {
    void model.load();
    const stop = new AbortController();
    watchChanges((c) => (c.roles || c.all || c.records ? void model.load() : undefined), stop.signal);
    return () => stop.abort();
  }, [model]);
  const list = model.filtered.value;
  const readOnly = useSyncStatus().value?.rolesReadOnly ?? null;

  return (
    <section aria-labelledby="roles-title" class="roles">
      <div class="bar">
        <h1 id="roles-title">Connection roles</h1>
        {!readOnly && (
          <button type="button" class="primary" onClick={() => go('/roles/new')}>
            New role
          </button>
        )}
      </div>
      {readOnly && (
        <p class="message" role="note">
          {readOnly}
        </p>
      )}
      <input
        type="search"
        aria-label="Search roles"
        placeholder="Search roles…"
        value={model.query.value}
        onInput={(e) => (model.query.value = (e.target as HTMLInputElement).value)}
      />
      {model.error.value && (
        <p class="error" role="alert">
          {model.error.value}
        </p>
      )}
      {model.message.value && (
        <p class="message" role="status">
          {model.message.value}
        </p>
      )}
      {model.roles.value === null && <p>Loading…</p>}
      {ROLE_CATEGORIES.map((category) => {
        const inCategory = list.filter((r) => r.category === category);
        if (!inCategory.length) return null;
        return (
          <section key={category} aria-labelledby={`cat-${slug(category)}`}>
            <h2 id={`cat-${slug(category)}`}>
              {category} <span class="count">({inCategory.length})</span>
            </h2>
            <ul>
              {inCategory.map((r) => (
                <RoleRow key={r.id} role={r} model={model} readOnly={!!readOnly} />
              ))}
            </ul>
          </section>
        );
      })}
      {model.roles.value && list.length === 0 && <p>No role matches “{model.query.value}”.</p>}
      <p>
        <button type="button" onClick={() => void model.restoreDefaults()}>
          Restore default roles
        </button>
      </p>
    </section>
  );
}
