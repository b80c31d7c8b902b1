// A self-hosted CRM for the demo: EspoCRM on a real HTTP server at http://127.0.0.1:{port}/.
// Request interception (routes.mjs) is not enough here: the extension enables a self-hosted CRM
// per site at run time through an optional host permission for its origin, so the browser has to
// reach a real origin. Like EspoCRM, the server answers `/` with the app, which routes on the hash
// (#Contact/view/{id}); every other path is a 404.
import { createServer } from 'node:http';
import { selfHostedListUrls, selfHostedRecords } from './records.mjs';
import { DEMO_CRMS, notFoundPage, renderCrmPage } from './render.mjs';

export { selfHostedListUrls, selfHostedRecords };

/**
 * The self-hosted demo page at `url` (http://127.0.0.1:{port}/…), as renderDemoPage answers:
 * the EspoCRM app at `/` (the route in the hash, when given, is rendered server-side), 404 for
 * any other path or an unknown hash route.
 */
export function renderSelfHostedPage(url) {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed?.pathname !== '/') return notFoundPage(url);
  return renderCrmPage(DEMO_CRMS.espocrm, parsed.href, selfHostedRecords(parsed.origin));
}

/**
 * Starts the EspoCRM demo on 127.0.0.1 (`port` 0 picks a free one). Resolves to its origin,
 * its records and list pages with URLs on that origin, and `close()`, which stops the server
 * and drops open keep-alive connections.
 */
export async function startSelfHostedDemo({ port = 0 } = {}) {
  let origin = '';
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    // The page URL is built from our own origin, never from the request's Host header.
    const { status, contentType, body } = renderSelfHostedPage(`${origin}${req.url}`);
    res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    records: selfHostedRecords(origin),
    listUrls: selfHostedListUrls(origin),
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
