// Fixes for six defects of express-pouchdb 4.2.0 and its plugins (pinned in package.json: these
// fixes reach into its route table and database wrappers, so any other version must be checked
// again). They are applied to the app it returns, at our layer; node_modules is never edited.
import { createRequire } from 'node:module';
import { changesFeeds } from './changes-feed.mjs';

const require = createRequire(import.meta.url);
// The name express-pouchdb files a database under ("_users." and "_us:ers" are "_users" too).
const cleanFilename = require('express-pouchdb/lib/clean-filename.js');
// The copy of pouchdb-wrappers express-pouchdb's plugins use.
const wrappers = createRequire(require.resolve('express-pouchdb'))('pouchdb-wrappers');

/**
 * @param {any} app the express app express-pouchdb built, PouchDB already set
 * @param {any} utils express-pouchdb's lib/utils.js
 * @returns {{ stopFeeds(): void }}
 */
export function applyFixes(app, utils) {
  // (a) Creating a database crashed the process once an admin existed. PUT /<db> calls
  // PouchDB.new(), which the security plugin wraps: for anyone but a server admin it returns a
  // rejected promise instead of a database, and the route's next line, db.info(), throws a
  // TypeError outside any handler. Refuse non-admins before the route runs, as CouchDB does.
  guardRoute(app, 'put', '/:db', requireServerAdmin(utils));

  // (b) A refused DELETE /<db> made later requests hang. express-pouchdb runs every database
  // creation and deletion on one module-wide promise chain; the refusal (a rejected destroy())
  // leaves that chain rejected, and every later request's lookup of its database, chained on it,
  // never settles. Refuse non-admins before the route runs, so the chain only sees deletions that
  // are allowed.
  guardRoute(app, 'delete', '/:db', requireServerAdmin(utils));

  // (c) A long-poll never returned on an idle database: express-pouchdb ignores `timeout` (local
  // PouchDB changes feeds have no timeout), and through its gzip middleware, which every browser
  // triggers with Accept-Encoding: gzip, even the heartbeat newlines stay buffered until the end.
  // feed=longpoll and feed=continuous are served by changes-feed.mjs instead, which honours
  // timeout and heartbeat as CouchDB does and flushes every write through the compression stream.
  const feeds = changesFeeds(utils);
  for (const method of ['get', 'post']) {
    const route = findRoute(app, method, '/:db/_changes');
    const layer = route.stack[route.stack.length - 1];
    const original = layer.handle;
    layer.handle = function changes(/** @type {any} */ req, /** @type {any} */ res, /** @type {any} */ next) {
      if (req.query.feed === 'longpoll' || req.query.feed === 'continuous') return feeds.serve(req, res);
      return original.call(this, req, res, next);
    };
  }

  // (d) Reading the users database as a signed-in non-admin answered 500 (or 400). Its guard,
  // pouchdb-system-db 4.2.0, reads `args.db` where pouchdb-wrappers 4.2.0 passes `args.base`, so
  // every check it makes for a non-admin (another user's document, _all_docs, _changes, views…)
  // throws a TypeError instead of refusing. Answer as Apache CouchDB 3 does, before the route runs
  // (couch_users_db:after_doc_read and chttpd_db): another user's document is 404 not_found
  // "missing" (CouchDB strips it to its public_fields, none by default, and an empty document is
  // not_found), design documents are 403 forbidden, and the whole-database reads are 403
  // forbidden. A user's own document, the database info and writes (which pouchdb-auth checks:
  // "You may only update your own user document.") go on as before. Anonymous requests never get
  // here: access.mjs refuses them first.
  onDatabase(app, utils, (req, res, next, db) => {
    const userCtx = req.couchSession?.userCtx ?? {};
    if (db !== utils.getUsersDBName(app) || !userCtx.name || (userCtx.roles ?? []).includes('_admin')) return next();
    const [first, second] = req.path
      .split('/')
      .slice(2)
      .map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          return part;
        }
      });
    if (first === undefined || first === '') return next();
    if (first === '_design' || first.startsWith('_design/')) {
      return utils.sendJSON(res, 403, {
        error: 'forbidden',
        reason: 'Only administrators can view design docs in the users database.',
      });
    }
    if (SYSTEM_DB_READS.has(first)) {
      return utils.sendJSON(res, 403, {
        error: 'forbidden',
        reason: `Only admins can access ${first} of system databases.`,
      });
    }
    if (first.startsWith('_') && first !== '_local') return next();
    const id = first === '_local' ? `_local/${second ?? ''}` : first;
    // COPY reads its source document as GET does.
    if (id !== `org.couchdb.user:${userCtx.name}` && ['GET', 'HEAD', 'COPY'].includes(req.method)) {
      return utils.sendJSON(res, 404, { error: 'not_found', reason: 'missing' });
    }
    next();
  });

  // (e) A member could give themselves any role. For a request naming a user's own _users
  // document, express-pouchdb adds `_admin` to that request's roles (routes/documents.js; it lets
  // the broken read guard of (d) pass the user's own document). pouchdb-auth's _users rule then
  // judged a PUT of the user's own document as a server admin's and let the user rewrite their
  // own `roles`, connections-admin included. PUTs now keep the user's real roles, so the rule
  // answers 403 forbidden "Only _admin may edit roles" as CouchDB does; a new password still
  // goes through. Reads (GET, HEAD, COPY) and DELETE keep the old behaviour, which they need.
  const elevation = app._router.stack.find(
    (/** @type {any} */ l) =>
      !l.route && l.keys?.[0]?.name === 'id' && l.regexp.test('/_users/x') && /push\('_admin'\)/.test(String(l.handle)),
  );
  if (!elevation) throw new Error('express-pouchdb has no own-user-document middleware to fix: check fixes.mjs');
  const elevate = elevation.handle;
  elevation.handle = function ownUserDoc(/** @type {any} */ req, /** @type {any} */ res, /** @type {any} */ next) {
    if (req.method === 'PUT') return next();
    return elevate.call(this, req, res, next);
  };

  // (f) Replication lost revisions once a validate_doc_update function existed. Before calling
  // the functions, pouchdb-validation 4.2.0 sets each document's `_revisions` to those of the
  // stored document (or to nothing) on the very object it then writes. With new_edits=false
  // (PouchDB and CouchDB replication), where `_revisions` is the history to insert, the new
  // revision was then dropped: the server kept the older body, and the replicator was told all
  // went well. A wrapper placed before the validation's keeps `_revisions` as the client sent it.
  app.dbWrapper._wrappers.unshift(
    (/** @type {string} */ _name, /** @type {any} */ db, /** @type {() => void} */ next) => {
      const keepEach = (/** @type {(...a: any[]) => any} */ orig, /** @type {any} */ args) => {
        for (const doc of args.docs ?? [args.doc]) if (doc && typeof doc === 'object') keepRevisions(doc);
        return orig();
      };
      wrappers.installWrapperMethods(db, { bulkDocs: keepEach, put: keepEach, post: keepEach });
      return next();
    },
  );

  return { stopFeeds: feeds.stopAll };
}

/** Makes writes to `doc._revisions` no-ops, so it keeps the value it has now (none included). */
function keepRevisions(/** @type {Record<string, unknown>} */ doc) {
  const sent = doc._revisions;
  Object.defineProperty(doc, '_revisions', {
    get: () => sent,
    set: () => {},
    enumerable: sent !== undefined,
    configurable: true,
  });
}

// The endpoints that read a whole database, refused to non-admins on system databases (CouchDB's
// chttpd_db, and pouchdb-system-db's intent). POST variants (keys, _bulk_get) are reads too.
const SYSTEM_DB_READS = new Set([
  '_all_docs',
  '_changes',
  '_bulk_get',
  '_revs_diff',
  '_find',
  '_explain',
  '_index',
  '_temp_view',
  '_design_docs',
  '_local_docs',
]);

/**
 * Runs `guard` for every request naming a database (express-pouchdb's `:db` routes), with the
 * name the database is filed under. Param callbacks run after authentication, vhosts and
 * rewrites (so a rewritten request is judged by where it lands) and before any of the route's
 * handlers; express looks them up per request, so registering one now covers the routes already
 * defined.
 * @param {any} app
 * @param {any} utils
 * @param {(req: any, res: any, next: () => void, db: string) => void} guard
 */
export function onDatabase(app, utils, guard) {
  app.param(
    'db',
    (/** @type {any} */ req, /** @type {any} */ res, /** @type {() => void} */ next, /** @type {unknown} */ value) => {
      try {
        guard(req, res, next, cleanFilename(String(value)));
      } catch (err) {
        utils.sendError(res, err);
      }
    },
  );
}

/** @param {any} utils */
export function requireServerAdmin(utils) {
  return (/** @type {any} */ req, /** @type {any} */ res, /** @type {() => void} */ next) => {
    const roles = req.couchSession?.userCtx?.roles ?? [];
    if (roles.includes('_admin')) return next();
    utils.sendJSON(res, 401, { error: 'unauthorized', reason: 'You are not a server admin.' });
  };
}

/**
 * Runs `guard` before the handlers of one of express-pouchdb's routes. Its routes sit after its
 * authentication middleware, so `req.couchSession` is known there.
 * @param {any} app
 * @param {string} method
 * @param {string} path
 * @param {(req: any, res: any, next: () => void) => void} guard
 */
export function guardRoute(app, method, path, guard) {
  const layer = findRoute(app, method, path).stack[0];
  const handle = layer.handle;
  layer.handle = function guarded(/** @type {any} */ req, /** @type {any} */ res, /** @type {any} */ next) {
    guard(req, res, () => handle.call(this, req, res, next));
  };
}

/**
 * @param {any} app
 * @param {string} method
 * @param {string} path
 */
function findRoute(app, method, path) {
  const layer = app._router.stack.find(
    (/** @type {any} */ l) => l.route && l.route.path === path && l.route.methods[method],
  );
  if (!layer) throw new Error(`express-pouchdb has no ${method.toUpperCase()} ${path} route to fix: check fixes.mjs`);
  return layer.route;
}
