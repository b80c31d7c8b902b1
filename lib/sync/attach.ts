import { docIdOf, inTransaction, noteChange, type Store } from '../store';

/** The `sync` store key naming the server this replica follows; absent until sync is first on. */
export const ATTACHED_KEY = 'server';
const SERVER = ATTACHED_KEY;

/** Identity of a server's database as the checkpoint and revisions belong to it. */
export const serverKey = (s: { url: string; database: string }) => `${s.url}|${s.database}`;

/**
 * Makes this replica follow `server`. The first time (or after switching servers) the checkpoint
 * and revisions of any previous server are dropped and every local document is queued, so what
 * was made before sync was switched on reaches the team. Default roles the user never touched
 * stay out: every replica has them already, pushing them would only stir up conflicts.
 */
export async function attach(db: Store, server: string, user = ''): Promise<boolean> {
  return inTransaction(db, ['sync', 'revs', 'outbox', 'roles', 'connections'], 'readwrite', async (tx) => {
    if ((await tx.objectStore('sync').get(SERVER)) === server) return false;
    await Promise.all([tx.objectStore('revs').clear(), tx.objectStore('sync').clear()]);
    for (const role of await tx.objectStore('roles').getAll()) {
      if (role.builtIn && role.createdAt === role.updatedAt) continue;
      await noteChange(tx, docIdOf('role', role.id));
    }
    // On this server the connections are new, and `user` brings them: the team's server accepts
    // a new document only with its sender as createdBy and updatedBy (provenance it can check).
    let cursor = await tx.objectStore('connections').openCursor();
    while (cursor) {
      const c = cursor.value;
      if (user && (c.createdBy !== user || c.updatedBy !== user)) {
        await cursor.update({ ...c, createdBy: user, updatedBy: user });
      }
      await noteChange(tx, docIdOf('connection', String(cursor.key)));
      cursor = await cursor.continue();
    }
    await tx.objectStore('sync').put(server, SERVER);
    return true;
  });
}
