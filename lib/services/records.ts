import type { ParsedOf } from '../messaging/protocol';
import { foldText, recordKey, type RecordKey, type SeenRecord } from '../model';
import { inTransaction, putConnection } from '../store';
import type { ServiceContext } from './context';
import type { RequestSource } from './router';
import type { PrivateRecords, TabStates } from './tab-state';

/** Newest first. */
const byLastSeen = (a: SeenRecord, b: SeenRecord) => b.lastSeen - a.lastSeen;

/**
 * Seen records: remembered on every visit, searched by name for the target picker. What a
 * private window saw is offered in that window only (`privateRecords`), never stored.
 */
export function recordService(ctx: ServiceContext, tabs: TabStates, privateRecords: PrivateRecords) {
  const privateFor = (from: RequestSource) =>
    from.privateWindow === undefined ? Promise.resolve([]) : privateRecords.list(from.privateWindow);
  return {
    /**
     * Remembers a visit. A new name (a rename in the CRM, or a name that rendered late) also
     * refreshes the copies inside this record's connections, so every panel shows it.
     */
    async seen(input: ParsedOf<'records.seen'>): Promise<SeenRecord> {
      const db = await ctx.db;
      const key = recordKey(input);
      const lastSeen = ctx.now().getTime();
      const { record, rewritten } = await inTransaction(
        db,
        ['records', 'connections', 'outbox'],
        'readwrite',
        async (tx) => {
          const before = await tx.objectStore('records').get(key);
          // A page read before its heading rendered has no name yet: keep the one we know.
          const name = input.name || before?.name || '';
          const record: SeenRecord = { ...input, key, name, nameFolded: foldText(name), lastSeen };
          await tx.objectStore('records').put(record);
          // Only a new name is news for the copies in connections (and for the team's server):
          // the same record reached by another address form is not, or two people whose CRM
          // shows different addresses would rewrite each other's connections at every visit.
          let rewritten = 0;
          if (name && before?.name !== name) {
            const conns = tx.objectStore('connections');
            for (const c of await conns.index('by-endpoint').getAll(key)) {
              const side = c.from.key === key ? 'from' : 'to';
              if (c[side].name === name) continue;
              await putConnection(tx, { ...c, [side]: { ...c[side], name } });
              rewritten++;
            }
          }
          return { record, rewritten };
        },
      );
      if (rewritten) ctx.emit({ records: [key] });
      return record;
    },

    /**
     * Records open in other tabs right now, most recently seen first. A private window's tabs
     * are offered in that window only.
     */
    async open(_input: ParsedOf<'records.open'>, from: RequestSource = {}): Promise<SeenRecord[]> {
      const db = await ctx.db;
      const privately = new Map((await privateFor(from)).map((r) => [r.key, r]));
      const keys = new Set<RecordKey>();
      for (const [tab, state] of await tabs.all()) {
        if (tab === from.tabId || !state.record) continue;
        if (state.privateWindow !== undefined && state.privateWindow !== from.privateWindow) continue;
        keys.add(state.record.key);
      }
      const found = await Promise.all(
        [...keys].map(async (key) => privately.get(key) ?? (await db.get('records', key))),
      );
      return found.filter((r): r is SeenRecord => !!r).sort(byLastSeen);
    },

    /** Records whose name contains the query, ignoring case and accents, most recent first. */
    async search({ query, limit }: ParsedOf<'records.search'>, from: RequestSource = {}): Promise<SeenRecord[]> {
      const db = await ctx.db;
      const needle = foldText(query);
      const found: SeenRecord[] = (await privateFor(from))
        .filter((r) => r.nameFolded.includes(needle))
        .sort(byLastSeen);
      let cursor = await db.transaction('records').store.index('by-lastSeen').openCursor(null, 'prev');
      const privately = new Set(found.map((r) => r.key));
      while (cursor && found.length < limit) {
        if (cursor.value.nameFolded.includes(needle) && !privately.has(cursor.value.key)) found.push(cursor.value);
        cursor = await cursor.continue();
      }
      return found.slice(0, limit);
    },

    async get({ key }: ParsedOf<'records.get'>, from: RequestSource = {}): Promise<SeenRecord | null> {
      const privately = (await privateFor(from)).find((r) => r.key === key);
      if (privately) return privately;
      const db = await ctx.db;
      return (await db.get('records', key)) ?? null;
    },

    /** The record types seen so far, by CRM (for role administration). */
    async types(): Promise<{ crm: string; entityType: string }[]> {
      const db = await ctx.db;
      const seen = new Map<string, { crm: string; entityType: string }>();
      let cursor = await db.transaction('records').store.openCursor();
      while (cursor) {
        const { crm, entityType } = cursor.value;
        seen.set(`${crm}:${entityType}`, { crm, entityType });
        cursor = await cursor.continue();
      }
      return [...seen.values()];
    },
  };
}
