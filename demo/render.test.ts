import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { ADAPTERS, adapterById, detectRecord } from '../lib/crm/index';
import { DEMO_LIST_URLS, DEMO_RECORDS, salesforceCaseSafeId, type DemoRecord } from './records.mjs';
import { DEMO_CRMS, escapeHtml, renderDemoPage } from './render.mjs';
import { renderSelfHostedPage, selfHostedListUrls, selfHostedRecords, startSelfHostedDemo } from './self-hosted.mjs';
import { viewSource } from './spa.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>';
/** A fixed origin for the self-hosted pages rendered without a server. */
const SELF_HOSTED = 'http://127.0.0.1:38517';
const allUrls = [...DEMO_RECORDS.map((r) => r.url), ...DEMO_LIST_URLS.map((l) => l.url)];
const allRecords: DemoRecord[] = [...DEMO_RECORDS, ...selfHostedRecords(SELF_HOSTED)];
const allListUrls = [...DEMO_LIST_URLS, ...selfHostedListUrls(SELF_HOSTED)];
/** Records and lists of CRMs the extension has an adapter for (others are added as they land). */
const withAdapter = <T extends { crm: string }>(items: readonly T[]) =>
  items.filter((item) => ADAPTERS.some((adapter) => adapter.id === item.crm));

/** The server-rendered markup, without the inline scripts (which hold the views' source). */
const markup = (body: string) => body.slice(0, body.indexOf('<script'));

function render(url: string) {
  const page = url.startsWith(SELF_HOSTED) ? renderSelfHostedPage(url) : renderDemoPage(url);
  if (!page) throw new Error(`not served: ${url}`);
  return page;
}

/** The server-rendered page as a Document, scripts not run (what a reader sees before any SPA work). */
function parsePage(body: string) {
  const window = new Window();
  return new window.DOMParser().parseFromString(body, 'text/html') as unknown as Document;
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
  const CRMS = ['dynamics365', 'salesforce', 'hubspot', 'pipedrive', 'zoho', 'odoo', 'espocrm'];

  it('has at least three records per CRM, one with a non-ASCII name, with unique URLs', () => {
    for (const crm of CRMS) {
      const records = allRecords.filter((r) => r.crm === crm);
      expect(records.length, crm).toBeGreaterThanOrEqual(3);
      expect(
        records.some((r) => /\P{ASCII}/u.test(r.name)),
        crm,
      ).toBe(true);
    }
    expect(new Set(allRecords.map((r) => r.url)).size).toBe(allRecords.length);
  });

  it.each(withAdapter(allRecords).map((r) => [r.crm, r.url, r] as const))(
    'is detected by the %s adapter at %s',
    (_, url, record) => {
      const { crm, tenant, entityType, recordId } = record;
      expect(detectRecord(url)).toEqual({ crm, tenant, entityType, recordId });
    },
  );

  it.each(withAdapter(allListUrls).map((l) => [l.crm, l.url] as const))('is no record page: %s %s', (_, url) => {
    expect(detectRecord(url)).toBeNull();
  });

  it('keeps Zoho deals under the Potentials tab, and one Odoo record at the ≤17 /web# form', () => {
    for (const r of DEMO_RECORDS.filter((r) => r.crm === 'zoho')) {
      expect(r.recordId).toMatch(/^\d{19}$/);
      if (r.entityType === 'Deals') expect(r.url).toContain('/tab/Potentials/');
    }
    expect(
      DEMO_RECORDS.filter((r) => r.crm === 'odoo' && /\/web#id=\d+&model=res\.partner&view_type=form$/.test(r.url)),
    ).toHaveLength(1);
  });

  it('puts the self-hosted records on the origin they are given', () => {
    const records = selfHostedRecords('http://127.0.0.1:4242');
    for (const r of records) {
      expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1:4242\/#(Contact|Account)\/view\/[0-9a-f]{17}$/);
      expect(r.tenant).toBe('127.0.0.1:4242');
    }
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
  it.each(allRecords.map((r) => [r.name, r] as const))('renders the record page of %s', (_, record) => {
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
    for (const url of [...allUrls, ...allRecords.map((r) => r.url), ...allListUrls.map((l) => l.url)]) {
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

  // Where the name is, per docs/crm-url-patterns.md: §2.4 Pipedrive and §2.5 Zoho name no landmark
  // but "the page h1" / "record header" and the title; §2.12 Odoo the form view's last
  // breadcrumb and "Odoo - {name}"; §2.13 EspoCRM `.header-title .title` and the title.
  it.each([
    ['pipedrive', 'main h1', 'Inês Carvalho - Pipedrive'],
    ['zoho', 'main h1', 'François Lemaître - Zoho CRM'],
    ['odoo', '.o_form_view .o_breadcrumb .o_last_breadcrumb_item', 'Odoo - Deco Addict'],
    ['espocrm', 'h3.header-title .title', 'Jörg Schäfer'],
  ])('puts the %s name in %s and the title', (crm, selector, title) => {
    const record = allRecords.find((r) => r.crm === crm)!;
    const doc = parsePage(render(record.url).body);
    expect(doc.querySelectorAll(selector)).toHaveLength(1);
    expect(doc.querySelector(selector)!.textContent!.trim()).toBe(record.name);
    expect(doc.title).toBe(title);
    expect(doc.querySelector('[data-demo-rename]')).not.toBeNull();
  });

  it('gives Pipedrive deals the .dealDetails .descriptionHead .title header', () => {
    const deal = DEMO_RECORDS.find((r) => r.crm === 'pipedrive' && r.entityType === 'deal')!;
    const doc = parsePage(render(deal.url).body);
    expect(doc.querySelector('main h1')!.matches('.dealDetails .descriptionHead .title')).toBe(true);
  });

  it.each(withAdapter(allRecords).map((r) => [r.crm, r.name, r] as const))(
    'lets the %s adapter read %s from the page',
    (crm, name, record) => {
      const doc = parsePage(render(record.url).body);
      const detected = detectRecord(record.url)!;
      // Dynamics paints its title late (LATE_RENDER_MS), so its first markup has no name yet.
      expect(adapterById(crm)!.readName(doc, detected)).toBe(crm === 'dynamics365' ? null : name);
    },
  );

  it('links every record page to the other records of its CRM, in-app', () => {
    for (const record of allRecords) {
      const doc = parsePage(render(record.url).body);
      const hrefs = [...doc.querySelectorAll('[data-demo-main] a[href]')].map((a) => a.getAttribute('href')!);
      const others = allRecords.filter((r) => r.crm === record.crm && r !== record);
      // EspoCRM links are hash routes; the others are relative to <base>, as pushState targets.
      const expected = others.map((r) =>
        record.crm === 'espocrm' ? r.url.slice(r.url.indexOf('#')) : r.url.slice(r.url.indexOf('/', 8) + 1),
      );
      for (const href of expected) expect(hrefs, `${record.url} → ${href}`).toContain(href);
    }
  });

  it.each(allListUrls.map((l) => [l.crm, l.entityType, l] as const))('renders the %s %s list', (_, __, list) => {
    const page = render(list.url);
    expect(page.status).toBe(200);
    const members = allRecords.filter((r) => r.crm === list.crm && r.entityType === list.entityType);
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
    'https://contoso.pipedrive.com/person/999999',
    'https://contoso.pipedrive.com/settings/personal',
    'https://crm.zoho.com/crm/org785412369/tab/Contacts/5725767000000000000',
    'https://crm.zoho.com/crm/org111111111/tab/Contacts/5725767000000412001',
    'https://crm.zoho.com/crm/org785412369/tab/Leads/5725767000000412001',
    'https://contoso.odoo.com/odoo/contacts/999',
    'https://contoso.odoo.com/odoo/crm/14',
    'https://contoso.odoo.com/odoo/sales',
    'https://contoso.odoo.com/web#id=999&model=res.partner&view_type=form',
    `${SELF_HOSTED}/#Contact/view/00000000000000000`,
    `${SELF_HOSTED}/#Lead`,
    `${SELF_HOSTED}/index.php`,
  ])('answers 404 for %s', (url) => {
    expect(render(url).status).toBe(404);
  });

  it.each([
    ['Odoo ≤17 /web without a hash', 'https://contoso.odoo.com/web'],
    ['the Odoo home menu', 'https://contoso.odoo.com/odoo'],
    ['the EspoCRM app before its hash route', `${SELF_HOSTED}/`],
  ])('serves %s, which the page then routes by its hash', (_, url) => {
    expect(render(url).status).toBe(200);
  });

  it('serves no other host', () => {
    expect(renderDemoPage('https://example.com/')).toBeNull();
    expect(renderDemoPage('http://app.hubspot.com/contacts/21436587/record/0-1/1301')).toBeNull();
    expect(renderDemoPage('not a url')).toBeNull();
  });
});

describe('the in-page views', () => {
  // The page re-renders from the views' serialised source, which sees only `esc` and `this`: a
  // method using anything else from its module works on the server and throws in the page.
  it.each(Object.entries(DEMO_CRMS))('renders every %s page like the server', (crm, { view }) => {
    const inPage = new Function('esc', `return ${viewSource(view)};`)(escapeHtml);
    const records = allRecords.filter((r) => r.crm === crm);
    const urls = [...records.map((r) => r.url), ...allListUrls.filter((l) => l.crm === crm).map((l) => l.url)];
    for (const url of urls) {
      const page = inPage.parse(url, records);
      expect(page, url).not.toBeNull();
      expect(inPage.title(page)).toBe(view.title(view.parse(url, records)!));
      expect(inPage.main(page)).toBe(view.main(view.parse(url, records)!));
    }
  });
});

describe('startSelfHostedDemo', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('serves the EspoCRM app at / on a real 127.0.0.1 port, 404 elsewhere, until closed', async () => {
    const demo = await startSelfHostedDemo();
    close = demo.close;
    expect(demo.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.records.map((r) => r.url)).toEqual(selfHostedRecords(demo.origin).map((r) => r.url));
    for (const r of demo.records) expect(r.url.startsWith(`${demo.origin}/#`)).toBe(true);

    const app = await fetch(`${demo.origin}/`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await app.text();
    // The server never sees the hash: it sends the app, whose script renders the route.
    for (const r of demo.records) expect(body).toContain(escapeHtml(r.name));
    expect(body).toContain(`<base href="${demo.origin}/">`);

    expect((await fetch(`${demo.origin}/favicon.ico`)).status).toBe(404);
    expect((await fetch(`${demo.origin}/`, { method: 'POST' })).status).toBe(405);

    await demo.close();
    close = undefined;
    await expect(fetch(`${demo.origin}/`)).rejects.toThrow();
  });

  it('listens on the port it is given', async () => {
    const first = await startSelfHostedDemo();
    const port = Number(new URL(first.origin).port);
    await first.close();
    const demo = await startSelfHostedDemo({ port });
    close = demo.close;
    expect(demo.origin).toBe(`http://127.0.0.1:${port}`);
    expect(demo.records[0]!.tenant).toBe(`127.0.0.1:${port}`);
  });
});
