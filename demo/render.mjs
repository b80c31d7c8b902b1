// Renders the demo CRM pages served at the real CRM URLs (demo/routes.mjs) or locally
// (demo/server.mjs). One view per CRM in demo/crm/; the page chrome, data and SPA runtime are
// put together here.
import { dynamics } from './crm/dynamics.mjs';
import { espocrm } from './crm/espocrm.mjs';
import { hubspot } from './crm/hubspot.mjs';
import { odoo } from './crm/odoo.mjs';
import { pipedrive } from './crm/pipedrive.mjs';
import { salesforce } from './crm/salesforce.mjs';
import { zoho } from './crm/zoho.mjs';
import { createHash } from 'node:crypto';
import { attack } from './attacker.mjs';
import { documentHtml, escapeHtml } from './html.mjs';
import { DEMO_RECORDS } from './records.mjs';
import { spaScript } from './spa.mjs';

export { escapeHtml };

/** How long after a navigation the Dynamics record title appears, like the real form header. */
export const LATE_RENDER_MS = 300;

/**
 * Every demo CRM (`{ host, view, shell, css }`) by crm id. The SaaS ones are served at their one
 * host; the self-hosted EspoCRM (host null) by demo/self-hosted.mjs.
 */
export const DEMO_CRMS = { dynamics365: dynamics, salesforce, hubspot, pipedrive, zoho, odoo, espocrm };
const HTML = 'text/html; charset=utf-8';

/**
 * The demo page at `url` as `{ status, contentType, body }`: 200 for the records and list pages
 * of DEMO_RECORDS, 404 for other paths on a demo host, null for any other host. `base` is where
 * the page's links resolve (default: the URL's own origin).
 */
export function renderDemoPage(url, { base } = {}) {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const crmId = Object.keys(DEMO_CRMS).find(
    (id) => parsed?.protocol === 'https:' && DEMO_CRMS[id].host === parsed.host,
  );
  if (!crmId) return null;
  const records = DEMO_RECORDS.filter((record) => record.crm === crmId);
  return renderCrmPage(DEMO_CRMS[crmId], parsed.href, records, { base });
}

/**
 * The page of one demo CRM (`{ host, view, shell, css }` from demo/crm/) at `url`, showing
 * `records`: 200 when its view knows the URL, 404 otherwise. `base` defaults to the URL's origin.
 */
export function renderCrmPage(crm, url, records, { base } = {}) {
  const { view, shell, css } = crm;
  const parsed = new URL(url);
  const page = view.parse(parsed.href, records);
  if (!page) return notFoundPage(url);
  const script = spaScript(view);
  // `demo_hostile` adds a page script that attacks the extension (demo/attacker.mjs).
  const headScript = parsed.searchParams.has('demo_hostile') ? `(${attack})();` : undefined;
  const body = documentHtml({
    title: view.title(page),
    base: base ?? `${parsed.origin}/`,
    css,
    body: shell(page, view.main(page)),
    data: { origin: parsed.origin, url: parsed.href, records, lateMs: LATE_RENDER_MS },
    script,
    headScript,
  });
  const headers = crm.strictCsp ? { 'content-security-policy': strictPolicy([script, headScript]) } : {};
  return { status: 200, contentType: HTML, body, headers };
}

/**
 * A policy as strict as Salesforce-like hosts send: nothing from elsewhere, no frames but the
 * site's own; the page's own inline scripts are allowed by their hashes (styles stay inline).
 */
function strictPolicy(scripts) {
  const hashes = scripts
    .filter(Boolean)
    .map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`)
    .join(' ');
  return `default-src 'self'; frame-src 'self'; script-src 'self' ${hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:`;
}

/** A plain 404 page naming the URL that is not part of the demo. */
export function notFoundPage(url) {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>
<link rel="icon" href="data:,"></head><body style="font-family: sans-serif; padding: 24px">
<h1>404: not part of the demo</h1><p><code>${escapeHtml(url)}</code></p></body></html>`;
  return { status: 404, contentType: HTML, body, headers: {} };
}
