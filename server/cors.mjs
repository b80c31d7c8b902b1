// CORS for the sync server: only the web origins named at start (--cors-origin) may call it from a
// page, with credentials (Basic auth or the AuthSession cookie). express-pouchdb has no CORS of its
// own.
//
// No origin is allowed by default. An allowed origin reads whatever the member signed in on that
// browser may read, so a rule such as "every loopback port" or "every extension" would hand the
// team's data to any local dev server or any installed extension. The extension itself needs no
// CORS: it holds a host permission for the server, which exempts its background and its pages.

// scheme://host[:port], as browsers send it in Origin: no path, query, user or trailing slash.
// Case is kept for other schemes (Safari's extension origins are uppercase UUIDs); for http and
// https, corsOrigin() also wants the URL parser's own form (lowercase host, no default port).
const ORIGIN_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

// Headers a CouchDB client reads from responses (CouchDB 3 exposes the same ones).
const EXPOSED = 'Cache-Control, Content-Type, ETag, Location, Server, X-Couch-Request-ID, X-Couch-Update-NewRev';

/**
 * Checks one origin given to --cors-origin / `corsOrigins` and returns it as browsers send it.
 * `*` is refused: every response here may carry a member's data, so the server always allows
 * credentials, and credentials with any origin would let every web site read the team's data
 * through a member's cookie. (Allowing `*` without credentials would leave only anonymous
 * requests, which every database here refuses: it would never be useful.)
 * @param {string} value
 * @returns {string}
 */
export function corsOrigin(value) {
  if (value.trim() === '*') {
    throw new Error(
      'CORS origin "*" refused: the server allows credentials, so any web site could read the team\'s data with a member\'s cookie. Name each origin instead, e.g. http://127.0.0.1:5173.',
    );
  }
  let expected = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      expected = new URL(value).origin;
    } catch {
      expected = '';
    }
  }
  if (!ORIGIN_SHAPE.test(value) || expected !== value) {
    const hint = expected && expected !== 'null' && expected !== value ? ` (did you mean ${expected}?)` : '';
    throw new Error(
      `CORS origin "${value}" is not an origin: scheme://host[:port], without a path or trailing slash${hint}.`,
    );
  }
  return value;
}

/**
 * @param {string[]} [origins] the only origins allowed, each already checked by corsOrigin()
 * @returns {import('express').RequestHandler}
 */
export function cors(origins = []) {
  const allowed = new Set(origins);

  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (!origin || !allowed.has(origin)) return next();
    // Echo the origin: with credentials, browsers refuse a wildcard.
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, COPY, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.headers['access-control-request-headers'] || 'Accept, Authorization, Content-Type, Origin, Referer',
      );
      // Chrome asks before a public page reaches a loopback or private address; the origin was
      // named at start, so it may.
      if (req.headers['access-control-request-private-network'] === 'true') {
        res.setHeader('Access-Control-Allow-Private-Network', 'true');
      }
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
    next();
  };
}
