import * as v from 'valibot';
import type { Counts, OlderChoice, Preview } from '../messaging/import-preview';
import type { ParsedOf, Responses } from '../messaging/protocol';
import {
  AppError,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  ConnectionDocSchema,
  invalid,
  RoleDocSchema,
  SeenRecordDocSchema,
  toBackup,
  type Connection,
  type ConnectionRole,
  type BackupKind,
  type Identity,
  type SeenRecord,
} from '../model';
import { docIdOf, inTransaction, noteChange, type Tx } from '../store';
import { ATTACHED_KEY } from '../sync/attach';
import { actorIn, type ServiceContext } from './context';

const DOC_SCHEMAS = { roles: RoleDocSchema, connections: ConnectionDocSchema, records: SeenRecordDocSchema };
const STORE = { roles: 'roles', connections: 'connections', records: 'records' } as const;
const keyOf = {
  roles: (r: ConnectionRole) => r.id,
  connections: (c: Connection) => c.id,
  records: (r: SeenRecord) => r.key,
};
/**
 * When a version was made (a record: when it was last seen), to tell which of two is newer. A
 * default role nobody has edited is as old as can be: it was seeded here, not chosen.
 */
const stampOf = {
  roles: (r: ConnectionRole) => (r.builtIn && r.createdAt === r.updatedAt ? -Infinity : Date.parse(r.updatedAt)),
  connections: (c: Connection) => Date.parse(c.updatedAt),
  records: (r: SeenRecord) => r.lastSeen,
};

type Staged = { roles: ConnectionRole[]; connections: Connection[]; records: SeenRecord[]; identity: Identity | null };

const chunkKey = (id: string, kind: BackupKind, offset: number) => `${id}/${kind}/${String(offset).padStart(9, '0')}`;
const range = (id: string) => IDBKeyRange.bound(`${id}/`, `${id}/\uffff`);
/** Comparable form of a document: what it says (keys sorted), not when it was stamped or seen. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const skip = new Set(['createdAt', 'updatedAt', 'lastSeen']);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !skip.has(k) && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, canonical(v)]),
  );
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

type ImportTx = Tx<['roles', 'connections', 'records', 'settings', 'imports', 'outbox', 'sync'], IDBTransactionMode>;
const IMPORT_STORES = ['roles', 'connections', 'records', 'settings', 'imports', 'outbox', 'sync'] as const;
const SYNCED_KIND = { roles: 'role', connections: 'connection', records: null } as const;

/** The staged import, read in the transaction that previews or applies it. */
async function readStaged(tx: ImportTx, id: string): Promise<Staged> {
  const imports = tx.objectStore('imports');
  const header = (await imports.get(`${id}/header`)) as { identity: Identity | null } | undefined;
  if (!header) {
    throw new AppError(
      'not-found',
      'This import is no longer prepared (it was applied or discarded); choose the file again.',
      'importId',
    );
  }
  const staged: Staged = { roles: [], connections: [], records: [], identity: header.identity };
  const keys = await imports.getAllKeys(range(id));
  const values = await imports.getAll(range(id));
  keys.forEach((k, i) => {
    const kind = String(k).split('/')[1] as BackupKind | 'header';
    if (kind !== 'header') (staged[kind] as unknown[]).push(...(values[i] as unknown[]));
  });
  return staged;
}

/**
 * What would be wrong once the file is applied: the data after the import must keep the rules
 * the services keep — every named role exists, matches are symmetric, role names are unique,
 * and no two active connections are the same relationship.
 */
async function problemsAfter(tx: ImportTx, s: Staged): Promise<string[]> {
  const problems: string[] = [];
  const roles = new Map((await tx.objectStore('roles').getAll()).map((r) => [r.id, r]));
  for (const r of s.roles) roles.set(r.id, r);
  const names = new Map<string, string>();
  for (const r of roles.values()) {
    const other = names.get(r.nameKey);
    if (other && other !== r.id) problems.push(`Two roles would be named '${r.name}'; rename one of them first.`);
    names.set(r.nameKey, r.id);
    for (const m of r.matchingRoleIds) {
      const match = roles.get(m);
      if (!match)
        problems.push(`Role '${r.name}' matches role '${m}', which is neither in the file nor in this browser.`);
      else if (!match.matchingRoleIds.includes(r.id))
        problems.push(`Role '${r.name}' matches '${match.name}', but '${match.name}' does not match it back.`);
    }
  }
  const connections = new Map(
    (await tx.objectStore('connections').getAll()).filter((c) => !c.deleted).map((c) => [c.id, c]),
  );
  for (const c of s.connections) connections.set(c.id, c);
  const relationships = new Map<string, string>();
  for (const c of connections.values()) {
    for (const id of [c.fromRoleId, c.toRoleId]) {
      if (id && !roles.has(id)) {
        problems.push(
          `Connection ${c.id} (${c.from.name || c.from.recordId} → ${c.to.name || c.to.recordId}) uses role '${id}', which is neither in the file nor in this browser.`,
        );
      }
    }
    if (c.status !== 'active' || !c.relKey) continue;
    const twin = relationships.get(c.relKey);
    if (twin) problems.push(`Connections ${twin} and ${c.id} would join the same two records with the same roles.`);
    relationships.set(c.relKey, c.id);
  }
  return problems;
}

/**
 * Backups: export page by page; import in three steps — stage validated chunks, preview what
 * would be added, updated and skipped (and what is wrong), apply all in one transaction.
 */
export function backupService(ctx: ServiceContext) {
  /**
   * What the import would do with `older` documents handled as chosen, and the documents it
   * would write: those older in the file than here are left out when the newer are kept, and
   * stamped as edits made now when the file's are restored (so that the conflict rule, later
   * edit wins, makes them win on every replica; kept as they were they would overwrite a
   * team member's newer edit on the server, which accepts whatever comes with its revision).
   */
  async function plan(tx: ImportTx, s: Staged, older: OlderChoice): Promise<{ found: Preview; writes: Staged }> {
    const found = { problems: [] as string[] } as Preview;
    const writes: Staged = { roles: [], connections: [], records: [], identity: s.identity };
    const now = ctx.now().toISOString();
    const actor = await actorIn(tx.objectStore('settings'));
    for (const kind of ['roles', 'connections', 'records'] as const) {
      const counts: Counts = { added: 0, updated: 0, older: 0, skipped: 0 };
      const store = tx.objectStore(STORE[kind]);
      const out = writes[kind] as unknown[];
      for (const doc of s[kind] as never[]) {
        const existing = (await store.get(keyOf[kind](doc) as never)) as never | undefined;
        if (!existing) {
          counts.added++;
          out.push(doc);
        } else if (same(existing, doc)) {
          // The same but for its times: written as in the file (a default role keeps its seeding).
          counts.skipped++;
          out.push(doc);
        } else if (stampOf[kind](doc) < stampOf[kind](existing)) {
          counts.older++;
          if (older === 'restore')
            out.push(kind === 'records' ? doc : { ...(doc as object), updatedAt: now, updatedBy: actor });
        } else {
          counts.updated++;
          out.push(doc);
        }
      }
      found[kind] = counts;
    }
    const current = (await tx.objectStore('settings').get('identity')) as Identity | undefined;
    found.identity = !s.identity ? 'skipped' : !current ? 'added' : same(current, s.identity) ? 'skipped' : 'updated';
    found.problems = await problemsAfter(tx, writes);
    if (found.problems.length > 20)
      found.problems.splice(20, Infinity, `… and ${found.problems.length - 20} more problems.`);
    return { found, writes };
  }

  return {
    /** The file's header: format, version and settings; starts an import and returns its id. */
    async begin(header: ParsedOf<'backup.begin'>): Promise<Responses['backup.begin']> {
      const db = await ctx.db;
      const importId = ctx.newId();
      // One import at a time: leftovers of an abandoned one go.
      await inTransaction(db, ['imports'], 'readwrite', async (tx) => {
        const store = tx.objectStore('imports');
        await store.clear();
        await store.put(
          { identity: header.settings.identity ?? null, at: ctx.now().toISOString() },
          `${importId}/header`,
        );
      });
      return { importId };
    },

    /** Validates one chunk of documents; the first bad one is refused with its place in the file. */
    async stage({ importId, kind, offset, items }: ParsedOf<'backup.stage'>): Promise<Responses['backup.stage']> {
      const docs: unknown[] = [];
      items.forEach((item, i) => {
        const r = v.safeParse(DOC_SCHEMAS[kind], item);
        if (!r.success) {
          const path = v.getDotPath(r.issues[0]);
          throw invalid(
            `${kind}[${offset + i}]${path ? `.${path}` : ''}`,
            `${kind}[${offset + i}]${path ? `.${path}` : ''}: ${r.issues[0].message}`,
          );
        }
        docs.push(r.output);
      });
      const db = await ctx.db;
      if (!(await db.get('imports', `${importId}/header`))) {
        throw new AppError('not-found', 'This import is no longer prepared; choose the file again.', 'importId');
      }
      await db.put('imports', docs, chunkKey(importId, kind, offset));
      return { staged: docs.length };
    },

    async preview({ importId }: ParsedOf<'backup.preview'>): Promise<Responses['backup.preview']> {
      const db = await ctx.db;
      return inTransaction(
        db,
        [...IMPORT_STORES],
        'readonly',
        async (tx) => (await plan(tx, await readStaged(tx, importId), 'keep')).found,
      );
    },

    /** Applies everything in one transaction, or nothing if any problem remains. */
    async apply({ importId, older }: ParsedOf<'backup.apply'>): Promise<Responses['backup.apply']> {
      const db = await ctx.db;
      // Checks and writes in one transaction: nothing can change the data between them.
      const result = await inTransaction(db, [...IMPORT_STORES], 'readwrite', async (tx) => {
        const { found, writes: staged } = await plan(tx, await readStaged(tx, importId), older);
        if (found.problems.length) {
          const more = found.problems.length > 1 ? ` (and ${found.problems.length - 1} more)` : '';
          throw new AppError('invalid', `Nothing was imported: ${found.problems[0]}${more}`, 'file', {
            problems: found.problems,
          });
        }
        const total = staged.roles.length + staged.connections.length + staged.records.length;
        let done = 0;
        // Never synced yet: switching sync on will queue every document (lib/sync/attach.ts).
        const attached = (await tx.objectStore('sync').get(ATTACHED_KEY)) !== undefined;
        for (const kind of ['roles', 'connections', 'records'] as const) {
          const store = tx.objectStore(STORE[kind]);
          const synced = attached ? SYNCED_KIND[kind] : null;
          // Only what the import changes goes to the team server: re-importing a file is no news.
          const before = synced ? new Map((await store.getAll()).map((d) => [keyOf[kind](d as never), d])) : null;
          // Writes are issued without waiting for each in turn (IndexedDB keeps their order);
          // every 5,000 the batch is awaited and progress reported.
          let writes: Promise<unknown>[] = [];
          for (const doc of staged[kind] as never[]) {
            writes.push(store.put(doc));
            const id = keyOf[kind](doc);
            if (synced && before && !same(before.get(id), doc)) writes.push(noteChange(tx, docIdOf(synced, id)));
            if (++done % 5_000 === 0) {
              await Promise.all(writes);
              writes = [];
              ctx.emit({ progress: { task: 'import', id: importId, done, total } });
            }
          }
          await Promise.all(writes);
        }
        if (staged.identity && found.identity !== 'skipped')
          await tx.objectStore('settings').put(staged.identity, 'identity');
        await tx.objectStore('imports').clear();
        return { found, total };
      });
      ctx.emit({ progress: { task: 'import', id: importId, done: result.total, total: result.total } });
      ctx.emit({ all: true, roles: ['*'] });
      return result.found;
    },

    async discard({ importId }: ParsedOf<'backup.discard'>): Promise<null> {
      const db = await ctx.db;
      await db.delete('imports', range(importId));
      return null;
    },

    /** One page of a kind of document, in key order, as it goes into a backup file. */
    async exportPage({ kind, after, limit }: ParsedOf<'backup.export'>): Promise<Responses['backup.export']> {
      const db = await ctx.db;
      const store = db.transaction(STORE[kind]).store;
      const items: unknown[] = [];
      let last: string | null = null;
      let cursor = await store.openCursor(after ? IDBKeyRange.lowerBound(after, true) : null);
      while (cursor && items.length < limit) {
        const doc = cursor.value as never;
        last = String(cursor.key);
        if (!(kind === 'connections' && (doc as Connection).deleted)) items.push(toBackup[kind](doc));
        cursor = await cursor.continue();
      }
      return { items, next: cursor ? last : null };
    },

    async header(): Promise<Responses['backup.header']> {
      const db = await ctx.db;
      const identity = ((await db.get('settings', 'identity')) as Identity | undefined) ?? null;
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: ctx.now().toISOString(),
        settings: { identity },
      };
    },

    async stats(): Promise<Responses['data.stats']> {
      const db = await ctx.db;
      const connections = await db.getAll('connections');
      const live = connections.filter((c) => !c.deleted);
      const roles = await db.getAll('roles');
      return {
        roles: roles.length,
        activeRoles: roles.filter((r) => r.active).length,
        connections: live.length,
        activeConnections: live.filter((c) => c.status === 'active').length,
        deletedConnections: connections.length - live.length,
        records: await db.count('records'),
      };
    },

    /**
     * Everything on this device goes: connections, roles, records, identity and what sync knew
     * (queued changes, revisions, checkpoint). Nothing is deleted on the team server; sites stay
     * switched on. Sync settings are the caller's to clear (they live in extension storage).
     */
    async deleteAll(_input: ParsedOf<'data.deleteAll'>): Promise<null> {
      const db = await ctx.db;
      const stores = ['connections', 'roles', 'records', 'imports', 'settings', 'outbox', 'revs', 'sync'] as const;
      await inTransaction(db, [...stores], 'readwrite', async (tx) => {
        await Promise.all([
          tx.objectStore('outbox').clear(),
          tx.objectStore('revs').clear(),
          tx.objectStore('sync').clear(),
          tx.objectStore('connections').clear(),
          tx.objectStore('roles').clear(),
          tx.objectStore('records').clear(),
          tx.objectStore('imports').clear(),
          tx.objectStore('settings').delete('identity'),
        ]);
      });
      ctx.emit({ all: true, roles: ['*'], settings: true });
      return null;
    },
  };
}
