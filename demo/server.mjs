// Serves the demo CRM pages on 127.0.0.1 for looking at them without the extension:
// http://127.0.0.1:5174/<host>/<path>, e.g. /app.hubspot.com/contacts/21436587/record/0-1/1301.
// Usage: node demo/server.mjs [--port 5174]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { escapeHtml, notFoundPage, renderDemoPage } from './render.mjs';
import { DEMO_LIST_URLS, DEMO_RECORDS } from './records.mjs';

const { values } = parseArgs({ options: { port: { type: 'string', default: '5174' } } });
const origin = `http://127.0.0.1:${Number(values.port)}`;
const local = (url) => `${origin}/${url.replace(/^https:\/\//, '')}`;

function index() {
  const links = [...DEMO_RECORDS, ...DEMO_LIST_URLS.map((l) => ({ ...l, name: `${l.entityType} list` }))]
    .map((r) => `<li>${escapeHtml(r.crm)}: <a href="${escapeHtml(local(r.url))}">${escapeHtml(r.name)}</a></li>`)
    .join('');
  const body = `<!doctype html><meta charset="utf-8"><title>Demo CRMs</title><h1>Demo CRMs</h1><ul>${links}</ul>`;
  return { status: 200, contentType: 'text/html; charset=utf-8', body };
}

createServer((req, res) => {
  const [, host, rest = ''] = /^\/([^/?]*)\/?(.*)$/.exec(req.url);
  const realUrl = `https://${host}/${rest}`;
  // <base> keeps the pages' relative links (and their pushState navigation) under /<host>/.
  const page = host ? (renderDemoPage(realUrl, { base: `${origin}/${host}/` }) ?? notFoundPage(realUrl)) : index();
  res.writeHead(page.status, { 'content-type': page.contentType });
  res.end(page.body);
}).listen(Number(values.port), '127.0.0.1', () => {
  console.log(`Demo CRMs on ${origin}/`);
  for (const r of DEMO_RECORDS) console.log(`  ${r.crm.padEnd(10)} ${local(r.url)}`);
  for (const l of DEMO_LIST_URLS) console.log(`  ${l.crm.padEnd(10)} ${local(l.url)}`);
});
