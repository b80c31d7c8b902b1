// Renders the demo CRM pages served at the real CRM URLs (demo/routes.mjs) or locally
// (demo/server.mjs). One view per CRM in demo/crm/; the page chrome, data and SPA runtime are
// put together here.
import { dynamics } from './crm/dynamics.mjs';
import { hubspot } from './crm/hubspot.mjs';
import { salesforce } from './crm/salesforce.mjs';
import { documentHtml, escapeHtml } from './html.mjs';
import { DEMO_RECORDS } from './records.mjs';
import { spaScript } from './spa.mjs';

export { escapeHtml };

/** How long after a navigation the Dynamics record title appears, like the real form header. */
export const LATE_RENDER_MS = 300;

const CRMS = { dynamics365: dynamics, salesforce, hubspot };
const HTML = 'text/html; charset=utf-8';

/**
 * The demo page at `url` as `{ status, contentType, body }`: 200 for the records and list pages
 * of DEMO_RECORDS, 404 for other paths on a demo host, null for any other host. `base` is where
 * the page's links resolve (default: the URL's own origin).
 */
export function renderDemoPage(url, { base } = {}) {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const crmId = Object.keys(CRMS).find((id) => parsed?.protocol === 'https:' && CRMS[id].host === parsed.host);
  if (!crmId) return null;
  const { view, shell, css } = CRMS[crmId];
  const records = DEMO_RECORDS.filter((record) => record.crm === crmId);
  const page = view.parse(parsed.href, records);
  if (!page) return notFoundPage(url);
  const body = documentHtml({
    title: view.title(page),
    base: base ?? `${parsed.origin}/`,
    css,
    body: shell(page, view.main(page)),
    data: { origin: parsed.origin, records, lateMs: LATE_RENDER_MS },
    script: spaScript(view),
  });
  return { status: 200, contentType: HTML, body };
}

/** A plain 404 page naming the URL that is not part of the demo. */
export function notFoundPage(url) {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>
<link rel="icon" href="data:,"></head><body style="font-family: sans-serif; padding: 24px">
<h1>404: not part of the demo</h1><p><code>${escapeHtml(url)}</code></p></body></html>`;
  return { status: 404, contentType: HTML, body };
}
