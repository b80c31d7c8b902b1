import type { ParsedOf } from '../messaging/protocol';
import { foldText, recordKey, type RecordKey, type SeenRecord } from '../model';
import { inTransaction, putConnection } from '../store';
import type { ServiceContext } from './context';
import type { RequestSource } from './router';

/**
 * Which record each tab shows now. Kept by the browser session (not the worker's memory, which
 * an idle stop would wipe); the background clears a tab when it closes.
 */
export interface TabRecords {
  set(tabId: number, key: RecordKey | null): Promise<void>;
  all(): Promise<Map<number, RecordKey>>;
}

/** Seen records: remembered on every visit, searched by name for the target picker. */
export function recordService(ctx: ServiceContext, tabs: TabRecords) {
  return {
    /**
     * Remembers a visit. A new name (a rename in the CRM, or a name that rendered late) also
     * refreshes the copies inside this record's connections, so every panel shows it.
     */
    async seen(input: ParsedOf<'records.seen'>, from: RequestSource = {}): Promise<SeenRecord> {
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
      if (from.tabId !== undefined) await tabs.set(from.tabId, key);
      return record;
    },

    /** The tab that asked no longer shows a record (in-app navigation to a list, say). */
    async left(_input: ParsedOf<'records.left'>, from: RequestSource = {}): Promise<null> {
      if (from.tabId !== undefined) await tabs.set(from.tabId, null);
      return null;
    },

    /** Records open in other tabs right now, most recently seen first. */
    async open(_input: ParsedOf<'records.open'>, from: RequestSource = {}): Promise<SeenRecord[]> {
      const db = await ctx.db;
      const keys = new Set([...(await tabs.all())].filter(([tab]) => tab !== from.tabId).map(([, key]) => key));
      const found = await Promise.all([...keys].map((key) => db.get('records', key)));
      return found.filter((r): r is SeenRecord => !!r).sort((a, b) => b.lastSeen - a.lastSeen);
    },

    /** Records whose name contains the query, ignoring case and accents, most recent first. */
    async search({ query, limit }: ParsedOf<'records.search'>): Promise<SeenRecord[]> {
      const db = await ctx.db;
      const needle = foldText(query);
      const found: SeenRecord[] = [];
      let cursor = await db.transaction('records').store.index('by-lastSeen').openCursor(null, 'prev');
      while (cursor && found.length < limit) {
        if (cursor.value.nameFolded.includes(needle)) found.push(cursor.value);
        cursor = await cursor.continue();
      }
      return found;
    },

    async get({ key }: ParsedOf<'records.get'>): Promise<SeenRecord | null> {
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
