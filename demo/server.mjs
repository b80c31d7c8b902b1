// Serves the demo CRM pages on 127.0.0.1 for looking at them without the extension:
// http://127.0.0.1:5174/<host>/<path>, e.g. /app.hubspot.com/contacts/21436587/record/0-1/1301,
// and starts the self-hosted EspoCRM (demo/self-hosted.mjs) on the next port, at its own origin.
// Usage: node demo/server.mjs [--port 5174]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { escapeHtml, notFoundPage, renderDemoPage } from './render.mjs';
import { DEMO_LIST_URLS, DEMO_RECORDS } from './records.mjs';
import { startSelfHostedDemo } from './self-hosted.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5174' } } });
const origin = `http://127.0.0.1:${Number(values.port)}`;
const local = (url) => `${origin}/${url.replace(/^https:\/\//, '')}`;
const selfHosted = await startSelfHostedDemo({ port: Number(values.port) + 1 });
// Self-hosted URLs are already local; SaaS ones are proxied under /<host>/.
const listed = [
  ...DEMO_RECORDS.map((r) => ({ ...r, href: local(r.url) })),
  ...DEMO_LIST_URLS.map((l) => ({ ...l, name: `${l.entityType} list`, href: local(l.url) })),
  ...selfHosted.records.map((r) => ({ ...r, href: r.url })),
  ...selfHosted.listUrls.map((l) => ({ ...l, name: `${l.entityType} list`, href: l.url })),
];

function index() {
  const links = listed
    .map((r) => `<li>${escapeHtml(r.crm)}: <a href="${escapeHtml(r.href)}">${escapeHtml(r.name)}</a></li>`)
    .join('');
  const body = `<!doctype html><meta charset="utf-8"><title>Demo CRMs</title><h1>Demo CRMs</h1><ul>${links}</ul>`;
  return { status: 200, contentType: 'text/html; charset=utf-8', body };
}

createServer((req, res) => {
  const [, host, rest = ''] = /^\/([^/?]*)\/?(.*)$/.exec(req.url);
  const realUrl = `https://${host}/${rest}`;
  // <base> keeps the pages' relative links (and their pushState navigation) under /<host>/.
  const page = host ? (renderDemoPage(realUrl, { base: `${origin}/${host}/` }) ?? notFoundPage(realUrl)) : index();
  res.writeHead(page.status, { 'content-type': page.contentType, ...page.headers });
  res.end(page.body);
}).listen(Number(values.port), '127.0.0.1', () => {
  console.log(`Demo CRMs on ${origin}/ (self-hosted EspoCRM on ${selfHosted.origin}/)`);
  for (const r of listed) console.log(`  ${r.crm.padEnd(11)} ${r.href}`);
});
