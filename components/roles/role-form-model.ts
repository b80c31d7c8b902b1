import { batch, computed, signal } from '@preact/signals';
import { recordTypeChoices } from '../../lib/crm/record-types';
import { call } from '../../lib/messaging/client';
import type { RoleView } from '../../lib/messaging/views';
import type { RoleCategory } from '../../lib/model/categories';
import { AppError } from '../../lib/model/errors';

export type RoleField = 'name' | 'category' | 'description' | 'matchingRoleIds' | 'appliesTo' | 'general';

/**
 * The role editor. `id` is the role being edited, or null for a new one; a new role gets its
 * id here, so "this role itself" can take any place in its matching list.
 */
export function createRoleFormModel(editId: string | null) {
  const id = editId ?? crypto.randomUUID();
  const roles = signal<RoleView[]>([]);
  const typeChoices = signal<string[]>(recordTypeChoices());
  const name = signal('');
  const category = signal<RoleCategory>('Business');
  const description = signal('');
  const matching = signal<string[]>([]);
  const appliesTo = signal<string[]>([]);
  const errors = signal<Partial<Record<RoleField, string>>>({});
  const saving = signal(false);
  const missing = signal(false);

  const byId = computed(() => new Map(roles.value.map((r) => [r.id, r])));
  /** Roles that can still be added as matches (active ones, and this role itself). */
  const addable = computed(() => roles.value.filter((r) => r.active && r.id !== id && !matching.value.includes(r.id)));
  const nameOf = (roleId: string) =>
    roleId === id ? `${name.value || 'This role'} (itself)` : (byId.value.get(roleId)?.name ?? 'Deleted role');

  return {
    id,
    isNew: editId === null,
    roles,
    typeChoices,
    name,
    category,
    description,
    matching,
    appliesTo,
    errors,
    saving,
    missing,
    addable,
    nameOf,

    async load() {
      const [list, seen] = await Promise.all([call('roles.list', {}), call('records.types', {})]);
      batch(() => {
        roles.value = list;
        typeChoices.value = recordTypeChoices(seen);
        const role = editId ? list.find((r) => r.id === editId) : undefined;
        if (editId && !role) missing.value = true;
        if (role) {
          name.value = role.name;
          category.value = role.category;
          description.value = role.description;
          matching.value = role.matchingRoleIds;
          appliesTo.value = role.appliesTo;
        }
      });
    },
    addMatch: (roleId: string) =>
      roleId && !matching.value.includes(roleId) && (matching.value = [...matching.value, roleId]),
    removeMatch: (roleId: string) => (matching.value = matching.value.filter((m) => m !== roleId)),
    /** Moves a match to the front: the first match is the default reciprocal. */
    makeDefault: (roleId: string) => (matching.value = [roleId, ...matching.value.filter((m) => m !== roleId)]),
    addType(type: string) {
      const t = type.trim();
      if (t && !appliesTo.value.some((a) => a.toLowerCase() === t.toLowerCase()))
        appliesTo.value = [...appliesTo.value, t];
    },
    removeType: (type: string) => (appliesTo.value = appliesTo.value.filter((a) => a !== type)),

    /** Saves; resolves true on success, false with errors shown next to their fields. */
    async save(): Promise<boolean> {
      if (!name.value.trim()) return ((errors.value = { name: 'Name is required.' }), false);
      saving.value = true;
      const fields = {
        name: name.value,
        category: category.value,
        description: description.value,
        matchingRoleIds: matching.value,
        appliesTo: appliesTo.value,
      };
      try {
        if (editId) await call('roles.update', { id: editId, patch: fields });
        else await call('roles.create', { id, ...fields });
        errors.value = {};
        return true;
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('internal', (e as Error).message);
        const field = (err.field?.split('.')[0] ?? 'general') as RoleField;
        const known: RoleField[] = ['name', 'category', 'description', 'matchingRoleIds', 'appliesTo'];
        errors.value = { [known.includes(field) ? field : 'general']: err.message };
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
}

export type RoleFormModel = ReturnType<typeof createRoleFormModel>;
