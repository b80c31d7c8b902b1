import type { ParsedOf, Responses } from '../messaging/protocol';
import type { ConnectionView, RoleSummary } from '../messaging/views';
import {
  AppError,
  checkConnectionRules,
  indexFields,
  invalid,
  notFound,
  recordKey,
  relationshipKey,
  TOMBSTONE_INDEX,
  type Connection,
  type ConnectionEnd,
  type ConnectionRole,
  type Identity,
  type RecordFields,
  type RecordKey,
} from '../model';
import { inTransaction, putConnection, type Tx } from '../store';
import { actorIn, type ServiceContext } from './context';
import type { RoleCache } from './role-cache';

type WriteTx = Tx<['connections', 'roles', 'settings', 'outbox'], 'readwrite'>;
type Who = { actor: string; identity: Identity | undefined; now: string };

const endOf = (r: RecordFields): ConnectionEnd => ({ ...r, key: recordKey(r) });

async function rolesById(tx: WriteTx, ids: (string | null)[]) {
  const map = new Map<string, ConnectionRole>();
  for (const id of ids) {
    if (id === null || map.has(id)) continue;
    const role = await tx.objectStore('roles').get(id);
    if (role) map.set(id, role);
  }
  return map;
}

async function getLive(tx: WriteTx, id: string): Promise<Connection> {
  const c = await tx.objectStore('connections').get(id);
  if (!c || c.deleted) throw notFound('Connection', id, 'id');
  return c;
}

/** No other active connection may join the same two records with the same two roles. */
async function assertNoDuplicate(tx: WriteTx, c: Connection) {
  if (c.status !== 'active') return;
  const peers = await tx.objectStore('connections').index('by-relationship').getAll(relationshipKey(c));
  const dup = peers.find((p) => p.id !== c.id && p.status === 'active');
  if (dup) {
    throw new AppError(
      'conflict',
      `${c.from.name || 'This record'} and ${c.to.name || 'that record'} are already connected with these roles.`,
      'to',
      { existingId: dup.id },
    );
  }
}

const summary = (roles: Map<string, ConnectionRole>, id: string | null): RoleSummary | null => {
  if (id === null) return null;
  const r = roles.get(id);
  if (!r) return { id, name: 'Deleted role', category: 'Other', active: false, missing: true };
  return { id, name: r.name, category: r.category, active: r.active };
};

/** The connection as seen from record `key`. */
function viewFrom(c: Connection, key: RecordKey, roles: Map<string, ConnectionRole>): ConnectionView {
  const isSource = c.from.key === key;
  return {
    id: c.id,
    isSource,
    other: isSource ? c.to : c.from,
    otherRole: summary(roles, isSource ? c.toRoleId : c.fromRoleId),
    thisRole: summary(roles, isSource ? c.fromRoleId : c.toRoleId),
    description: c.description,
    owner: c.owner,
    effectiveStart: c.effectiveStart,
    effectiveEnd: c.effectiveEnd,
    status: c.status,
    createdAt: c.createdAt,
    createdBy: c.createdBy,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy,
  };
}

/** Connections: create, edit, (de)activate, delete and undo, and list for one record. */
export function connectionService(ctx: ServiceContext, roleCache: RoleCache) {
  /** Runs a write with the acting identity; emits the touched records after commit. */
  const write = async (work: (tx: WriteTx, who: Who) => Promise<Connection>) => {
    const db = await ctx.db;
    const now = ctx.now().toISOString();
    const saved = await inTransaction(db, ['connections', 'roles', 'settings', 'outbox'], 'readwrite', async (tx) => {
      const settings = tx.objectStore('settings');
      const identity = (await settings.get('identity')) as Identity | undefined;
      return work(tx, { actor: await actorIn(settings), identity, now });
    });
    ctx.emit({ records: [saved.from.key, saved.to.key] });
    return saved;
  };

  /** Validates and stores `next`; roles the connection already had may stay though inactive. */
  const save = async (tx: WriteTx, next: Connection, before?: Connection) => {
    const roles = await rolesById(tx, [next.fromRoleId, next.toRoleId]);
    // Load the target role's matches too, so a mismatch error can name the roles that fit.
    const toRole = next.toRoleId ? roles.get(next.toRoleId) : undefined;
    if (toRole) for (const [id, r] of await rolesById(tx, toRole.matchingRoleIds)) roles.set(id, r);
    const kept = new Set(before ? [before.fromRoleId, before.toRoleId].filter((r): r is string => !!r) : []);
    const rolesChanged = !before || before.fromRoleId !== next.fromRoleId || before.toRoleId !== next.toRoleId;
    checkConnectionRules(next, roles, kept, rolesChanged);
    await assertNoDuplicate(tx, next);
    await putConnection(tx, next);
    return next;
  };

  return {
    async create(input: ParsedOf<'connections.create'>): Promise<Connection> {
      return write(async (tx, { actor, identity, now }) => {
        const from = endOf(input.from);
        const to = endOf(input.to);
        const draft = {
          id: input.id ?? ctx.newId(),
          from,
          to,
          fromRoleId: input.fromRoleId,
          toRoleId: input.toRoleId,
          description: input.description,
          owner: input.owner || identity?.name || '',
          effectiveStart: input.effectiveStart,
          effectiveEnd: input.effectiveEnd,
          status: 'active' as const,
          createdAt: now,
          createdBy: actor,
          updatedAt: now,
          updatedBy: actor,
        };
        const next: Connection = { ...draft, ...indexFields(draft) };
        const existing = await tx.objectStore('connections').get(next.id);
        if (existing && !existing.deleted) {
          // The same create delivered twice (a retry after a restart): answer with what exists.
          if (relationshipKey(existing) === relationshipKey(next)) return existing;
          throw new AppError('conflict', `A connection with id '${next.id}' already exists.`, 'id');
        }
        return save(tx, next);
      });
    },

    async update({ id, patch }: ParsedOf<'connections.update'>): Promise<Connection> {
      return write(async (tx, { actor, now }) => {
        const before = await getLive(tx, id);
        if (before.status === 'inactive') {
          throw invalid('status', 'This connection is inactive and read-only; activate it to edit it.');
        }
        const merged = { ...before, ...patch, updatedAt: now, updatedBy: actor };
        return save(tx, { ...merged, ...indexFields(merged) }, before);
      });
    },

    async setStatus({ id, status }: ParsedOf<'connections.setStatus'>): Promise<Connection> {
      return write(async (tx, { actor, now }) => {
        const before = await getLive(tx, id);
        if (before.status === status) return before;
        // Re-activating must not create a duplicate of another active connection.
        return save(tx, { ...before, status, updatedAt: now, updatedBy: actor }, before);
      });
    },

    /** Deletes for good from every list; a tombstone with the body remains for sync and undo. */
    async remove({ id }: ParsedOf<'connections.delete'>): Promise<Responses['connections.delete']> {
      await write(async (tx, { actor, now }) => {
        const before = await getLive(tx, id);
        const tomb: Connection = { ...before, ...TOMBSTONE_INDEX, deleted: true, updatedAt: now, updatedBy: actor };
        await putConnection(tx, tomb);
        return tomb;
      });
      return { id };
    },

    /** Undoes a delete; refused if the same relationship was made again meanwhile. */
    async restore({ id }: ParsedOf<'connections.restore'>): Promise<Connection> {
      return write(async (tx, { actor, now }) => {
        const tomb = await tx.objectStore('connections').get(id);
        if (!tomb) throw notFound('Connection', id, 'id');
        if (!tomb.deleted) return tomb;
        const { deleted: _gone, ...body } = tomb;
        // Brought back, it is made anew by whoever restores it: the team's server keeps no creator
        // with a deletion, so it accepts a restored connection only as its sender's (as a create).
        const next = { ...body, createdBy: actor, updatedAt: now, updatedBy: actor };
        return save(tx, { ...next, ...indexFields(next) }, tomb);
      });
    },

    async get({ id }: ParsedOf<'connections.get'>): Promise<Connection> {
      const db = await ctx.db;
      const c = await db.get('connections', id);
      if (!c || c.deleted) throw notFound('Connection', id, 'id');
      return c;
    },

    /** How many active connections a record has (the Connect button's count). */
    async activeCount(key: string): Promise<number> {
      const db = await ctx.db;
      const conns = await db.getAllFromIndex('connections', 'by-endpoint', key);
      return conns.filter((c) => c.status === 'active').length;
    },

    /** Every connection of a record from either side, newest first, filtered. */
    async listForRecord(q: ParsedOf<'connections.listForRecord'>): Promise<ConnectionView[]> {
      const db = await ctx.db;
      const [conns, roles] = await Promise.all([
        db.getAllFromIndex('connections', 'by-endpoint', q.key),
        roleCache.get(),
      ]);
      const views: ConnectionView[] = [];
      for (const c of conns) {
        if (q.status !== 'all' && c.status !== q.status) continue;
        const view = viewFrom(c, q.key, roles);
        if (q.roleId && view.otherRole?.id !== q.roleId && view.thisRole?.id !== q.roleId) continue;
        if (q.category && view.otherRole?.category !== q.category) continue;
        views.push(view);
      }
      return views.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    },
  };
}
