import type { ParsedOf, Responses } from '../messaging/protocol';
import {
  AppError,
  defaultRoleDocuments,
  invalid,
  notFound,
  roleNameKey,
  uniqueInOrder,
  type ConnectionRole,
} from '../model';
import { deleteRole, inTransaction, putConnection, putRole, type Tx } from '../store';
import { indexFields } from '../model/connection';
import type { ServiceContext } from './context';

type RolesTx = Tx<['roles', 'connections', 'outbox'], 'readwrite'>;

async function getRole(tx: RolesTx, id: string): Promise<ConnectionRole> {
  const role = await tx.objectStore('roles').get(id);
  if (!role) throw notFound('Role', id, 'id');
  return role;
}

async function assertNameFree(tx: RolesTx, name: string, selfId: string | null) {
  const same = await tx.objectStore('roles').index('by-name').getAll(roleNameKey(name));
  const clash = same.find((r) => r.id !== selfId);
  if (clash) throw invalid('name', `A role named '${clash.name}' already exists; choose another name.`);
}

/**
 * Makes the matching lists symmetric after `role`'s list changed from `before` to its current
 * list: every added match gets `role` appended (its own default stays first), every removed
 * match loses it. All referenced roles are loaded before anything is written.
 */
async function syncMatches(tx: RolesTx, role: ConnectionRole, before: readonly string[], now: string) {
  const after = role.matchingRoleIds;
  const added = after.filter((id) => id !== role.id && !before.includes(id));
  const removed = before.filter((id) => id !== role.id && !after.includes(id));
  const store = tx.objectStore('roles');
  const addedRoles = await Promise.all(added.map((id) => store.get(id)));
  addedRoles.forEach((r, i) => {
    if (!r) throw invalid('matchingRoleIds', `Matching role '${added[i]}' does not exist (it may have been deleted).`);
  });
  for (const r of addedRoles as ConnectionRole[]) {
    if (!r.matchingRoleIds.includes(role.id)) {
      await putRole(tx, { ...r, matchingRoleIds: [...r.matchingRoleIds, role.id], updatedAt: now });
    }
  }
  for (const id of removed) {
    const r = await store.get(id);
    if (r) await putRole(tx, { ...r, matchingRoleIds: r.matchingRoleIds.filter((m) => m !== role.id), updatedAt: now });
  }
}

/** Roles: list with usage, create, edit (matches kept symmetric), (de)activate, delete. */
export function roleService(ctx: ServiceContext, readOnly: () => Promise<string | null> = async () => null) {
  /** Every change of roles; refused, with the reason, where the team's server lets only its admins. */
  const write = async <T>(work: (tx: RolesTx) => Promise<T>) => {
    const reason = await readOnly();
    if (reason) throw new AppError('forbidden', reason);
    return inTransaction(await ctx.db, ['roles', 'connections', 'outbox'], 'readwrite', work);
  };
  const changed = (ids: string[]) => ctx.emit({ roles: ids });

  return {
    async list(): Promise<Responses['roles.list']> {
      const db = await ctx.db;
      return inTransaction(db, ['roles', 'connections'], 'readonly', async (tx) => {
        const roles = await tx.objectStore('roles').getAll();
        const byRole = tx.objectStore('connections').index('by-role');
        const usage = await Promise.all(roles.map((r) => byRole.count(r.id)));
        return roles.map((r, i) => ({ ...r, usage: usage[i] ?? 0 })).sort((a, b) => a.name.localeCompare(b.name));
      });
    },

    async create(input: ParsedOf<'roles.create'>): Promise<ConnectionRole> {
      const now = ctx.now().toISOString();
      const { matchesItself, id: chosenId, ...fields } = input;
      const id = chosenId ?? ctx.newId();
      const matchingRoleIds = uniqueInOrder(matchesItself ? [...fields.matchingRoleIds, id] : fields.matchingRoleIds);
      const role: ConnectionRole = {
        ...fields,
        id,
        nameKey: roleNameKey(fields.name),
        matchingRoleIds,
        appliesTo: uniqueInOrder(fields.appliesTo),
        active: true,
        builtIn: false,
        createdAt: now,
        updatedAt: now,
      };
      const saved = await write(async (tx) => {
        await assertNameFree(tx, role.name, null);
        if (await tx.objectStore('roles').get(id)) throw invalid('id', `A role with id '${id}' already exists.`);
        await putRole(tx, role);
        await syncMatches(tx, role, [], now);
        return role;
      });
      changed([id, ...matchingRoleIds]);
      return saved;
    },

    async update({ id, patch }: ParsedOf<'roles.update'>): Promise<ConnectionRole> {
      const now = ctx.now().toISOString();
      const saved = await write(async (tx) => {
        const before = await getRole(tx, id);
        const role: ConnectionRole = { ...before, ...patch, updatedAt: now };
        role.nameKey = roleNameKey(role.name);
        role.matchingRoleIds = uniqueInOrder(role.matchingRoleIds);
        role.appliesTo = uniqueInOrder(role.appliesTo);
        if (role.nameKey !== before.nameKey) await assertNameFree(tx, role.name, id);
        await putRole(tx, role);
        await syncMatches(tx, role, before.matchingRoleIds, now);
        return { role, touched: [...new Set([...before.matchingRoleIds, ...role.matchingRoleIds, id])] };
      });
      changed(saved.touched);
      return saved.role;
    },

    async setActive({ id, active }: ParsedOf<'roles.setActive'>): Promise<ConnectionRole> {
      const now = ctx.now().toISOString();
      const role = await write(async (tx) => {
        const r = { ...(await getRole(tx, id)), active, updatedAt: now };
        await putRole(tx, r);
        return r;
      });
      changed([id]);
      return role;
    },

    /** Refused while connections use the role, unless the caller asks to clear it from them. */
    async remove({ id, clearFromConnections }: ParsedOf<'roles.delete'>): Promise<Responses['roles.delete']> {
      const now = ctx.now().toISOString();
      const result = await write(async (tx) => {
        const role = await getRole(tx, id);
        const conns = tx.objectStore('connections');
        const using = await conns.index('by-role').getAll(id);
        if (using.length > 0 && !clearFromConnections) {
          const n = using.length;
          throw new AppError(
            'in-use',
            `Role '${role.name}' is used by ${n} connection${n === 1 ? '' : 's'}: deactivate it, or delete it and clear it from them.`,
            'id',
            { count: n },
          );
        }
        for (const c of using) {
          const next = {
            ...c,
            fromRoleId: c.fromRoleId === id ? null : c.fromRoleId,
            toRoleId: c.toRoleId === id ? null : c.toRoleId,
            updatedAt: now,
          };
          await putConnection(tx, { ...next, ...indexFields(next) });
        }
        await syncMatches(tx, { ...role, matchingRoleIds: [] }, role.matchingRoleIds, now);
        await deleteRole(tx, id, now);
        return { role, records: using.flatMap((c) => c.endpoints), cleared: using.length };
      });
      changed([id, ...result.role.matchingRoleIds]);
      if (result.records.length) ctx.emit({ records: [...new Set(result.records)] });
      return { id, cleared: result.cleared };
    },

    /**
     * Adds back the default roles that are missing, never duplicating: a default whose id or
     * name is taken (the user re-created "Friend" themselves) stays out. Matches are restored
     * with the defaults that exist, symmetrically.
     */
    async restoreDefaults(): Promise<Responses['roles.restoreDefaults']> {
      const now = ctx.now().toISOString();
      const added = await write(async (tx) => {
        const store = tx.objectStore('roles');
        const existing = await store.getAll();
        const ids = new Set(existing.map((r) => r.id));
        const names = new Set(existing.map((r) => r.nameKey));
        const missing = defaultRoleDocuments(now).filter((d) => !ids.has(d.id) && !names.has(d.nameKey));
        const present = new Set([...ids, ...missing.map((d) => d.id)]);
        // All missing roles first, then their matches: a pair may be missing on both sides.
        const added = missing.map((role) => ({
          ...role,
          matchingRoleIds: role.matchingRoleIds.filter((id) => present.has(id)),
        }));
        for (const role of added) await putRole(tx, role);
        for (const role of added) await syncMatches(tx, role, [], now);
        return missing.map((d) => d.id);
      });
      if (added.length) changed(added);
      return { added: added.length };
    },
  };
}
