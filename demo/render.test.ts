import { describe, expect, it } from 'vitest';
import { DEMO_LIST_URLS, DEMO_RECORDS, salesforceCaseSafeId } from './records.mjs';
import { escapeHtml, renderDemoPage } from './render.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>';
const allUrls = [...DEMO_RECORDS.map((r) => r.url), ...DEMO_LIST_URLS.map((l) => l.url)];

/** The server-rendered markup, without the inline scripts (which hold the views' source). */
const markup = (body: string) => body.slice(0, body.indexOf('<script'));

function render(url: string) {
  const page = renderDemoPage(url);
  if (!page) throw new Error(`not served: ${url}`);
  return page;
}

/** The data the page's SPA script reads back, to prove escaping round-trips. */
function embeddedData(body: string) {
  const json = /<script type="application\/json" id="demo-data">(.*?)<\/script>/s.exec(body)?.[1];
  return JSON.parse(json ?? 'null') as { records: { name: string }[] };
}

/** An independent 15 → 18 conversion: one bit per upper-case letter, five bits per chunk. */
function caseSafe(id15: string) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (const chunk of id15.match(/.{5}/g) ?? []) {
    const bits = [...chunk].reduce((sum, ch, i) => sum + (ch >= 'A' && ch <= 'Z' ? 2 ** i : 0), 0);
    suffix += alphabet[bits];
  }
  return id15 + suffix;
}

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('demo records', () => {
  it('has at least three records per CRM, with unique URLs', () => {
    for (const crm of ['dynamics365', 'salesforce', 'hubspot']) {
      expect(DEMO_RECORDS.filter((r) => r.crm === crm).length).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(DEMO_RECORDS.map((r) => r.url)).size).toBe(DEMO_RECORDS.length);
  });

  it('gives Salesforce records valid 18-character ids with their type key prefix', () => {
    const prefixes: Record<string, string> = { Account: '001', Contact: '003', Opportunity: '006' };
    for (const r of DEMO_RECORDS.filter((r) => r.crm === 'salesforce')) {
      expect(r.recordId).toMatch(/^[a-zA-Z0-9]{18}$/);
      expect(r.recordId.slice(0, 3)).toBe(prefixes[r.entityType]);
      expect(r.recordId).toBe(caseSafe(r.recordId.slice(0, 15)));
    }
  });

  it('computes case-safe ids like the published examples', () => {
    expect(salesforceCaseSafeId('a01M00000062mPg')).toBe('a01M00000062mPgIAI');
    expect(salesforceCaseSafeId('003j00000042l0B')).toBe('003j00000042l0BAAQ');
    expect(salesforceCaseSafeId('0010O00001jRyF5')).toBe('0010O00001jRyF5QAK');
  });

  it('uses lower-case GUIDs for Dynamics', () => {
    for (const r of DEMO_RECORDS.filter((r) => r.crm === 'dynamics365')) {
      expect(r.recordId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});

describe('renderDemoPage', () => {
  it.each(DEMO_RECORDS.map((r) => [r.name, r] as const))('renders the record page of %s', (_, record) => {
    const page = render(record.url);
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.body).toContain(escapeHtml(record.name));
    expect(embeddedData(page.body).records.map((r) => r.name)).toContain(record.name);
  });

  it('never puts the hostile name into any page unescaped', () => {
    const hostile = DEMO_RECORDS.find((r) => r.name === HOSTILE);
    expect(hostile).toBeDefined();
    expect(render(hostile!.url).body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    for (const url of allUrls) {
      expect(render(url).body).not.toContain(HOSTILE);
      expect(render(url).body).not.toMatch(/<img/i);
    }
  });

  it('renders each CRM with its own landmarks', () => {
    const first = (crm: string) => DEMO_RECORDS.find((r) => r.crm === crm)!;
    const dynamics = markup(render(first('dynamics365').url).body);
    expect(dynamics).toContain('data-id="topBar"');
    expect(dynamics).toContain('data-id="entity_name_span"');
    // The title is painted late by the page script, as in the real Unified Interface.
    expect(dynamics).not.toContain('data-id="header_title"');
    const salesforce = render(first('salesforce').url).body;
    expect(salesforce).toContain(`<title>${escapeHtml(first('salesforce').name)} | Account | Salesforce</title>`);
    const hubspot = render(first('hubspot').url).body;
    expect(hubspot).toMatch(/data-test-id="left-sidebar"[\s\S]*Amélie Dubois/);
  });

  it.each(DEMO_LIST_URLS.map((l) => [l.crm, l.entityType, l] as const))('renders the %s %s list', (_, __, list) => {
    const page = render(list.url);
    expect(page.status).toBe(200);
    const members = DEMO_RECORDS.filter((r) => r.crm === list.crm && r.entityType === list.entityType);
    expect(members.length).toBeGreaterThan(0);
    for (const r of members) expect(page.body).toContain(`>${escapeHtml(r.name)}</a>`);
  });

  it.each([
    'https://contoso.crm.dynamics.com/nothing-here',
    'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=00000000-0000-0000-0000-000000000000',
    'https://contoso.lightning.force.com/lightning/r/Account/001000000000000AAA/view',
    'https://contoso.lightning.force.com/lightning/setup/SetupOneHome/home',
    'https://app.hubspot.com/contacts/99999999/record/0-1/1301',
    'https://app.hubspot.com/sequences/21436587',
  ])('answers 404 for %s', (url) => {
    expect(render(url).status).toBe(404);
  });

  it('serves no other host', () => {
    expect(renderDemoPage('https://example.com/')).toBeNull();
    expect(renderDemoPage('http://app.hubspot.com/contacts/21436587/record/0-1/1301')).toBeNull();
    expect(renderDemoPage('not a url')).toBeNull();
  });
});
