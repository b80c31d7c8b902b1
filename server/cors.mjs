// CORS for the sync server: browser-extension pages, and pages served from this machine, may call
// it with credentials (Basic auth or the AuthSession cookie). express-pouchdb has no CORS of its own.

const EXTENSION_ORIGIN = /^(chrome|moz|safari-web)-extension:\/\/[^/]+$/;
const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?$/;

// Headers a CouchDB client reads from responses (CouchDB 3 exposes the same ones).
const EXPOSED = 'Cache-Control, Content-Type, ETag, Location, Server, X-Couch-Request-ID, X-Couch-Update-NewRev';

/**
 * @param {string[]} [extraOrigins] origins allowed besides extension pages and loopback pages;
 *   `'*'` allows every origin (still echoed, since credentials are never allowed with a literal *)
 * @returns {import('express').RequestHandler}
 */
export function cors(extraOrigins = []) {
  const anyOrigin = extraOrigins.includes('*');
  const allowed = (/** @type {string} */ origin) =>
    anyOrigin || EXTENSION_ORIGIN.test(origin) || LOOPBACK_ORIGIN.test(origin) || extraOrigins.includes(origin);

  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (!origin || !allowed(origin)) return next();
    // Echo the origin: with credentials, browsers refuse a wildcard.
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, COPY, OPTIONS');
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.headers['access-control-request-headers'] || 'Accept, Authorization, Content-Type, Origin, Referer',
      );
      // Chrome asks before a public page reaches a loopback or private address.
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
