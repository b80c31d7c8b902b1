// Page side of the "sync" scenario: our sync engine (lib/sync push and pull over lib/store, the
// code the background runs) and PouchDB's own replication, each against the same server, each
// into a store of its own. Throughput only; the runner compares them.
import { indexFields, recordKey, type Connection } from '../../lib/model';
import { openStore } from '../../lib/store';
import { emptyApplied } from '../../lib/sync/apply';
import { attach, serverKey } from '../../lib/sync/attach';
import { couchClient } from '../../lib/sync/couch';
import { pull } from '../../lib/sync/pull';
import { push } from '../../lib/sync/push';
import { connectionBody } from '../../lib/sync/remote-doc';

export interface Target {
  url: string;
  database: string;
  username: string;
  password: string;
}

const now = () => new Date().toISOString();
let n = 0;
const fresh = (what: string) => `bench-sync-${what}-${Date.now()}-${++n}`;

/** Initial pull of everything in `target` into an empty store: what a new team member does. */
export async function oursPull(target: Target) {
  const db = await openStore(fresh('pull'));
  await attach(db, serverKey(target));
  const out = emptyApplied();
  const t0 = performance.now();
  const docs = await pull(db, couchClient({ ...target, auth: 'basic' }), now, out);
  const ms = performance.now() - t0;
  const stored = await db.count('connections');
  db.close();
  return { ms, docs, stored, rejected: out.rejected.length };
}

/** `count` local connections made offline, then one push of all of them to an empty database. */
export async function oursPush(target: Target, count: number) {
  const db = await openStore(fresh('push'));
  const tx = db.transaction('connections', 'readwrite');
  for (const c of localConnections(count, target.username)) void tx.store.put(c);
  await tx.done;
  // Attaching queues every local document, exactly as switching sync on does.
  await attach(db, serverKey(target), target.username);
  const out = emptyApplied();
  const t0 = performance.now();
  const docs = await push(db, couchClient({ ...target, auth: 'basic' }), now, out);
  const ms = performance.now() - t0;
  const left = await db.count('outbox');
  db.close();
  return { ms, docs, left, rejected: out.rejected.length };
}

/** Loaded on demand, as in record-lookup.ts: pages that never touch PouchDB never parse it. */
const loadPouch = async () => (await import('pouchdb-browser')).default;

const remoteOf = (PouchDB: Awaited<ReturnType<typeof loadPouch>>, t: Target) =>
  new PouchDB(`${t.url}${t.database}`, { auth: { username: t.username, password: t.password }, skip_setup: true });

export async function pouchPull(target: Target, batchSize: number) {
  const PouchDB = await loadPouch();
  const local = new PouchDB(fresh('pouch-pull'));
  const t0 = performance.now();
  const result = await local.replicate.from(remoteOf(PouchDB, target), { batch_size: batchSize });
  const ms = performance.now() - t0;
  const info = await local.info();
  await local.destroy();
  return { ms, docs: result.docs_written, stored: info.doc_count };
}

export async function pouchPush(target: Target, count: number, batchSize: number) {
  const PouchDB = await loadPouch();
  const local = new PouchDB(fresh('pouch-push'));
  // The documents as the team's server takes them (lib/sync/remote-doc.ts), as ours sends them.
  const docs = localConnections(count, target.username).map((c) => ({
    _id: `connection:${c.id}`,
    ...connectionBody(c),
  }));
  for (let i = 0; i < docs.length; i += 1000) await local.bulkDocs(docs.slice(i, i + 1000));
  const t0 = performance.now();
  const result = await local.replicate.to(remoteOf(PouchDB, target), { batch_size: batchSize });
  const ms = performance.now() - t0;
  await local.destroy();
  return { ms, docs: result.docs_written };
}

/** Connections as this replica would hold them after `count` creates by `user`. */
function localConnections(count: number, user: string): Connection[] {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const end = (i: number, entityType: string) => {
    const ref = {
      crm: 'dynamics365',
      tenant: 'bench.crm.dynamics.com',
      entityType,
      recordId: `${String(i).padStart(8, '0')}-0000-4000-8000-${entityType === 'account' ? 'a' : 'c'}00000000000`,
      name: `${entityType} ${i}`,
      url: `https://bench.crm.dynamics.com/main.aspx?etn=${entityType}&id=${i}`,
    };
    return { ...ref, key: recordKey(ref) };
  };
  return Array.from({ length: count }, (_, i) => {
    const c = {
      id: `local-${i}`,
      from: end(i, 'contact'),
      fromRoleId: 'builtin-employee',
      to: end(i % 500, 'account'),
      toRoleId: 'builtin-employer',
      description: `Local connection ${i}`,
      owner: 'Bench',
      effectiveStart: null,
      effectiveEnd: null,
      status: 'active' as const,
      createdAt: at,
      createdBy: user,
      updatedAt: at,
      updatedBy: user,
    };
    return { ...c, ...indexFields(c) };
  });
}
