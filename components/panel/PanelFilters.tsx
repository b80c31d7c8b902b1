import type { StatusFilter } from './grouping';
import type { PanelModel } from './panel-model';

const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'all', label: 'All' },
];

/** Status, role and text filters of the panel. */
export function PanelFilters({ model }: { model: PanelModel }) {
  const f = model.filters.value;
  const views = model.views.value ?? [];
  const set = (patch: Partial<typeof f>) => (model.filters.value = { ...f, ...patch });
  // Only roles that occur on this record's connections are worth offering.
  const roles = new Map<string, string>();
  for (const v of views) for (const r of [v.otherRole, v.thisRole]) if (r) roles.set(r.id, r.name);

  return (
    <div class="filters">
      <fieldset class="segmented">
        <legend class="visually-hidden">Show</legend>
        {STATUSES.map((s) => (
          <label key={s.value} class={f.status === s.value ? 'on' : ''}>
            <input
              type="radio"
              name="status"
              value={s.value}
              checked={f.status === s.value}
              onChange={() => set({ status: s.value })}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      <label class="visually-hidden" for="filter-role">
        Role
      </label>
      <select
        id="filter-role"
        value={f.roleId}
        onChange={(e) => set({ roleId: (e.target as HTMLSelectElement).value })}
      >
        <option value="">All roles</option>
        {[...roles]
          .sort((a, b) => a[1].localeCompare(b[1]))
          .map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
      </select>
      <input
        type="search"
        aria-label="Filter connections"
        placeholder="Filter…"
        value={f.text}
        onInput={(e) => set({ text: (e.target as HTMLInputElement).value })}
      />
    </div>
  );
}
