// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectRecord } from './index';
import { recordTypeLabel } from './type-labels';
import { fixturePage, HOSTILE_TEXT, itReadsNames } from './test-page';
import { tryton } from './tryton';

/** A party's address as sao writes it once the tab shows (Sao.set_url). */
const PARTY_URL = 'http://erp.example.com:8000/#crm/model/party.party/7;name=%22Party%22&views=%5Bnull%5D';
const url = new URL(PARTY_URL);
const record = tryton.parse(url)!;

/** The fixture with the party's name field holding `value` as sao sets it: the property, not the attribute. */
function page(value: string) {
  const doc = fixturePage('tryton.html', 'attribute, not the value');
  doc.querySelector<HTMLInputElement>('#tab-2 input[name="name"]')!.value = value;
  return doc;
}

/** Makes tab `n` (1: the opportunity, 2: the party) the active one, as Bootstrap's tab('show') does. */
function activate(doc: Document, n: 1 | 2) {
  for (const el of doc.querySelectorAll('#tablist > li, #tabcontent > .tab-pane')) el.classList.remove('active');
  doc.querySelector(`#nav-tab-${n}`)!.classList.add('active');
  doc.querySelector(`#tab-${n}`)!.classList.add('active');
}

describe('tryton.parse', () => {
  it('reads database, model and id; the tenant is the site and the database', () => {
    expect(record).toEqual({
      crm: 'tryton',
      tenant: 'erp.example.com:8000/crm',
      entityType: 'party.party',
      recordId: '7',
    });
  });
  it('takes the deep link before sao rewrites it, and the same record after', () => {
    expect(detectRecord('http://erp.example.com:8000/#crm/model/party.party/7')).toEqual(record);
  });
  it('decodes the database as the server does', () => {
    expect(tryton.parse(new URL('http://erp.example.com/#my%20db/model/party.party/7'))?.tenant).toBe(
      'erp.example.com/my db',
    );
  });
  it('keeps the folder sao is served from in the tenant', () => {
    expect(tryton.parse(new URL('https://example.com/tryton/#crm/model/sale.opportunity/3'))?.tenant).toBe(
      'example.com/tryton/crm',
    );
  });
  it.each([
    ['a list', '#crm/model/party.party'],
    ['a list with sao’s parameters', '#crm/model/party.party;name=%22Parties%22'],
    ['the home page', '#crm'],
    ['a wizard', '#crm/wizard/party.check_vies'],
    ['a report', '#crm/report/party.label'],
    ['garbage after the id', '#crm/model/party.party/7/garbage'],
    ['garbage glued to the id', '#crm/model/party.party/7garbage'],
    ['a query after the id', '#crm/model/party.party/7?x=1'],
    ['a non-numeric id', '#crm/model/party.party/abc'],
    ['an exponent sao’s Number() would take', '#crm/model/party.party/1e3'],
    ['a zero id', '#crm/model/party.party/0'],
    ['a new record’s negative id', '#crm/model/party.party/-1'],
    ['a leading zero', '#crm/model/party.party/07'],
    ['a 20-digit id', '#crm/model/party.party/12345678901234567890'],
    ['a model without a dot', '#crm/model/party/7'],
    ['an upper-case model', '#crm/model/Party.Party/7'],
    ['markup as a model', '#crm/model/%3Cimg%3E.x/7'],
    ['no database', '#/model/party.party/7'],
    ['a database that does not decode', '#cr%E0%A4%A/model/party.party/7'],
    ['a slash encoded into the database', '#a%2Fb/model/party.party/7'],
    ['a control character in the database', '#a%00b/model/party.party/7'],
    ['a blank database', '#%20/model/party.party/7'],
    ['parameters that do not decode', '#crm/model/party.party/7;name=%E0%A4%A'],
  ])('refuses %s', (_what, hash) => {
    expect(tryton.parse(new URL(`http://erp.example.com:8000/${hash}`))).toBeNull();
  });
  it('refuses other schemes', () => {
    expect(tryton.parse(new URL('file:///#crm/model/party.party/7'))).toBeNull();
  });

  it('gives back any valid database, model and id, with or without sao’s parameters', () => {
    const database = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_. -]{0,20}$/).filter((d) => d.trim() === d);
    const model = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}(\.[a-z0-9_]{1,10}){1,3}$/);
    const id = fc.bigInt({ min: 1n, max: 10n ** 18n }).map(String);
    const params = fc.constantFrom('', ';name=%22Party%22&views=%5Bnull%5D', ';views=%5B1%2C2%5D', ';');
    fc.assert(
      fc.property(database, model, id, params, (d, m, i, p) => {
        const got = tryton.parse(new URL(`http://127.0.0.1:8000/#${encodeURIComponent(d)}/model/${m}/${i}${p}`));
        expect(got).toEqual({ crm: 'tryton', tenant: `127.0.0.1:8000/${d}`, entityType: m, recordId: i });
      }),
    );
  });

  it('never throws, and claims only well-formed routes, whatever the hash', () => {
    const pieces = fc.constantFrom(
      'crm',
      'model',
      'party.party',
      '7',
      '/',
      ';',
      '%',
      '%2F',
      '#',
      '?',
      '=',
      '&',
      ' ',
      '-',
    );
    const hash = fc.oneof(
      fc.string(),
      fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(hash, (h) => {
        let u: URL;
        try {
          u = new URL(`http://127.0.0.1:8000/#${h}`);
        } catch {
          return;
        }
        const got = tryton.parse(u);
        if (got) {
          expect(got.recordId).toMatch(/^[1-9]\d*$/);
          expect(got.entityType).toMatch(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
          expect(u.hash).toMatch(
            new RegExp(`^#[^/]+/model/${got.entityType.replaceAll('.', '\\.')}/${got.recordId}(;|$)`),
          );
        }
      }),
    );
  });
});

describe('tryton.readName', () => {
  itReadsNames(tryton, 'tryton.html', record);

  it('reads the field’s value, not its attribute', () => {
    expect(tryton.readName(page('Contoso Ltd'), record)).toBe('Contoso Ltd');
  });
  it('returns hostile text and a 1,000-character name as they are, as text', () => {
    expect(tryton.readName(page(HOSTILE_TEXT), record)).toBe(HOSTILE_TEXT);
    const long = 'Ä'.repeat(1_000);
    expect(tryton.readName(page(long), record)).toBe(long);
  });
  it('reads the screen’s own field, not the one of an address in the party’s form', () => {
    const doc = page('');
    doc.querySelector<HTMLInputElement>('#tab-2 input[name="code"]')!.value = '';
    expect(tryton.readName(doc, record)).toBeNull();
  });
  it('falls back to the party’s code when it has no name', () => {
    expect(tryton.readName(page(''), record)).toBe('7');
  });
  it('reads only the active tab', () => {
    const doc = page('Contoso Ltd');
    activate(doc, 1);
    const opportunity = new URL('http://erp.example.com:8000/#crm/model/sale.opportunity/4;name=%22Opportunity%22');
    expect(tryton.readName(doc, tryton.parse(opportunity)!)).toBe('Renewal 2027');
  });
  it('shows no record on a list: the screen holds a tree view, not a form', () => {
    const doc = page('Contoso Ltd');
    const box = doc.querySelector('#tab-2 .screen-container > .content-box')!;
    box.replaceChildren(Object.assign(doc.createElement('div'), { className: 'treeview' }));
    expect(tryton.readName(doc, record)).toBeNull();
    expect(tryton.recordForm!(doc)).toBeNull();
  });
  it('shows no record once sao has closed its tabs (logged out)', () => {
    const doc = page('Contoso Ltd');
    doc.querySelector('#tabcontent')!.replaceChildren();
    doc.querySelector('#tablist')!.replaceChildren();
    expect(tryton.readName(doc, record)).toBeNull();
  });
  it('names the form the user edits the record in, the record apart from others, and the save notice', () => {
    const doc = page('Contoso Ltd');
    expect(tryton.recordForm!(doc)?.contains(doc.querySelector('#tab-2 input[name="name"]'))).toBe(true);
    // Two parties of one name still differ by code: the previous one is never taken for the next.
    expect(tryton.readFingerprint!(doc, record)).toBe('Contoso Ltd\n7');
    const bar = doc.querySelector('#tab-2 .infobar')!;
    expect(bar.matches(tryton.savedNotice!)).toBe(false);
    bar.classList.add('alert-info'); // "Record saved."
    expect(bar.matches(tryton.savedNotice!)).toBe(true);
    bar.classList.replace('alert-info', 'alert-danger'); // a save that failed
    expect(bar.matches(tryton.savedNotice!)).toBe(false);
    // Connect goes into the active form's toolbar, after sao's own buttons.
    expect(doc.querySelector(tryton.titleSelector!)?.closest('.tab-pane')?.id).toBe('tab-2');
  });
  it('reads the record’s own form, not the attachment preview’s', () => {
    const doc = page('Contoso Ltd');
    // Attachment → Preview puts a screen of its own before the record's.
    const mk = (tag: string, className: string, children: Element[]) => {
      const e = doc.createElement(tag);
      e.className = className;
      e.append(...children);
      return e;
    };
    const input = Object.assign(doc.createElement('input'), { name: 'name', value: 'scan.pdf' });
    const preview = mk('div', 'screen-container', [mk('div', 'content-box', [mk('div', 'form', [input])])]);
    doc.querySelector('#tab-2 .attachment-preview')!.append(preview);
    expect(tryton.readName(doc, record)).toBe('Contoso Ltd');
    expect(tryton.recordForm!(doc)?.contains(preview)).toBe(false);
  });
});

describe('tryton.showsAddress', () => {
  it('is true once sao has written the active tab’s name into the address', () => {
    expect(tryton.showsAddress!(page('Contoso Ltd'), url)).toBe(true);
  });
  it('is false for an address sao has not taken up: typed, another tab’s, an unknown model', () => {
    const doc = page('Contoso Ltd');
    for (const typed of [
      '#crm/model/party.party/7',
      '#crm/model/party.party/7;views=%5Bnull%5D',
      '#crm/model/no.such/7;name=%22No%22',
      '#crm/model/sale.opportunity/4;name=%22Opportunity%22',
      '#crm/model/party.party/7;name=%7Bbroken',
    ]) {
      expect(tryton.showsAddress!(doc, new URL(`http://erp.example.com:8000/${typed}`)), typed).toBe(false);
    }
  });
  it('is false once sao has closed its tabs (logged out)', () => {
    const doc = page('Contoso Ltd');
    doc.querySelector('#tablist')!.replaceChildren();
    expect(tryton.showsAddress!(doc, url)).toBe(false);
  });
});

describe('Tryton record types', () => {
  it('show as Tryton labels them; unknown models as they are', () => {
    expect(recordTypeLabel('tryton', 'party.party')).toBe('Party');
    expect(recordTypeLabel('tryton', 'sale.opportunity')).toBe('Opportunity');
    expect(recordTypeLabel('tryton', 'stock.move')).toBe('stock.move');
    expect(recordTypeLabel('hubspot', 'contact')).toBe('contact');
  });
});
