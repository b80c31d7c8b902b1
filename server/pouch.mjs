// The PouchDB class the server stores its databases with, and the means to close all of them.
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb-node');

/**
 * A PouchDB class that keeps every database as a leveldb folder under `dataDir`, remembering each
 * database object it opens so that `closeAll()` releases every leveldb lock: express-pouchdb opens
 * databases on many paths (its cache, `_users` on each login, the all-dbs index) and closes none.
 *
 * @param {string} dataDir absolute folder, created by the caller
 */
export function trackedPouch(dataDir) {
  const Pouch = PouchDB.defaults({ prefix: dataDir + path.sep });

  /** @type {Set<{ close(): Promise<void> }>} */
  const opened = new Set();
  // PouchDB announces each database that finished opening ('ref') and each one closed ('unref') on
  // one emitter shared by every PouchDB class in the process; keep only the ones of our class.
  const onRef = (/** @type {any} */ db) => {
    if (db instanceof Pouch) opened.add(db);
  };
  const onUnref = (/** @type {any} */ db) => opened.delete(db);
  PouchDB.on('ref', onRef);
  PouchDB.on('unref', onUnref);

  // express-pouchdb and pouchdb-all-dbs subscribe with Pouch.on(), which lands on that same shared
  // emitter and outlives the server; note each subscription so closeAll() can take it off again
  // (otherwise a server started later in this process would feed the old one's closed databases).
  /** @type {[string, (...args: any[]) => void][]} */
  const subscriptions = [];
  for (const method of ['on', 'addListener', 'once']) {
    const subscribe = Pouch[method];
    Pouch[method] = (/** @type {string} */ event, /** @type {(...args: any[]) => void} */ listener) => {
      subscriptions.push([event, listener]);
      subscribe(event, listener);
      return Pouch;
    };
  }

  async function closeAll() {
    for (const [event, listener] of subscriptions) PouchDB.removeListener(event, listener);
    PouchDB.removeListener('ref', onRef);
    PouchDB.removeListener('unref', onUnref);
    const dbs = [...opened];
    opened.clear();
    // Objects of one name share one leveldb handle: the first close() releases it and the others
    // then report "database is closed", which is what we want.
    for (const db of dbs) await db.close().catch(() => {});
  }

  return { Pouch, closeAll };
}
