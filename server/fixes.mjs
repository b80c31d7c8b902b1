// Fixes for three defects of express-pouchdb 4.2.0 (pinned in package.json: these fixes reach into
// its route table, so any other version must be checked again). They are applied to the app it
// returns, at our layer; node_modules is never edited.
import { changesFeeds } from './changes-feed.mjs';

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

  return { stopFeeds: feeds.stopAll };
}

/** @param {any} utils */
function requireServerAdmin(utils) {
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
function guardRoute(app, method, path, guard) {
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
