// Access rules the sync server adds to express-pouchdb's, where its defaults follow CouchDB 1's
// "anyone may sign up" model: the list of databases, the users database, and the session
// cookie's SameSite attribute. Users are made by the admin (at start, from --user, through
// team-setup.mjs, which signs in as the admin), so nothing here needs an anonymous client.
import { guardRoute, onDatabase, requireServerAdmin } from './fixes.mjs';

/**
 * @param {any} app the express app express-pouchdb built, PouchDB already set
 * @param {any} utils express-pouchdb's lib/utils.js
 */
export function applyAccessRules(app, utils) {
  // GET /_all_dbs named every database to anyone. Apache CouchDB 3 makes it admin-only by default
  // ([chttpd] admin_only_all_dbs = true) with this answer; members know their database's name
  // and need no list.
  guardRoute(app, 'get', '/_all_dbs', requireServerAdmin(utils));

  // Anonymous requests to the users database: express-pouchdb let anyone create a user
  // (PUT /_users/org.couchdb.user:NAME, POST /_users, _bulk_docs), as CouchDB does for sign-up,
  // and answered its reads with 500s. Refused as CouchDB refuses a database an anonymous client
  // is no member of.
  onDatabase(app, utils, (req, res, next, db) => {
    if (db !== utils.getUsersDBName(app) || req.couchSession?.userCtx?.name) return next();
    if ((req.couchSession?.userCtx?.roles ?? []).includes('_admin')) return next();
    utils.sendJSON(res, 401, { error: 'unauthorized', reason: 'You are not authorized to access this db.' });
  });
}

/**
 * Adds `SameSite=Strict` to the AuthSession cookie wherever express-pouchdb sets or clears it
 * (POST /_session, its refresh on every cookie-authenticated request, DELETE /_session); HttpOnly
 * stays. Without it, a form or link on another site would carry a member's session to the
 * server. Strict does not stop the extension: Chrome and Firefox treat a request from an
 * extension to a host it holds a permission for as same-site and send SameSite=Strict cookies
 * with it, and without that permission the extension cannot reach the server at all. Pages named
 * with --cors-origin on another site can no longer use the cookie; they use Basic auth.
 * @returns {import('express').RequestHandler}
 */
export function strictSessionCookie() {
  return (req, res, next) => {
    const setCookie = res.cookie;
    // An own property: express-pouchdb's app swaps the response's prototype, not its properties.
    res.cookie = function (/** @type {string} */ name, /** @type {any} */ value, /** @type {any} */ options) {
      return setCookie.call(this, name, value, name === 'AuthSession' ? { ...options, sameSite: 'strict' } : options);
    };
    next();
  };
}
