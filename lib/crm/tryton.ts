import type { CrmAdapter, DetectedRecord } from './types';
import { isWeb, siteTenant } from './url-helpers';

/** Dotted lower-case model names (`party.party`, `sale.opportunity`, `party.relation.all`). */
const MODEL = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/;
/** Record ids are positive integers; sao's new, unsaved records have negative ones. */
const RES_ID = /^[1-9]\d{0,18}$/;
/** What a database name may not hold once decoded: separators of the route, and control characters. */
const BAD_DATABASE = /[/#;?\\\p{Cc}]/u;

/**
 * The form fields that name a record, best first: the first one with a value is its name. Party
 * names are optional in Tryton, its code is not; an opportunity's description is optional, its
 * number is not. Other models try the usual names.
 */
const NAME_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'party.party': ['name', 'code'],
  'sale.opportunity': ['description', 'number'],
  'company.company': ['party'],
  'company.employee': ['party'],
  'sale.sale': ['number', 'reference', 'description'],
};
const DEFAULT_NAME_FIELDS = ['name', 'rec_name', 'number', 'code'];

/** `;name=…&views=…` after a route: sao's own parameters, each URI-encoded JSON (Sao.open_url). */
function routeParams(rest: string): Map<string, string> | null {
  const params = new Map<string, string>();
  for (const part of rest.split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    try {
      params.set(
        decodeURIComponent(at < 0 ? part : part.slice(0, at)),
        at < 0 ? '' : decodeURIComponent(part.slice(at + 1)),
      );
    } catch {
      return null;
    }
  }
  return params;
}

/** The parts of a sao route `#{database}/model/{model}/{id}[;params]`, or null. */
function route(url: URL) {
  const m = /^#([^/]+)\/model\/([^/;]+)\/(\d+)(?:;(.*))?$/.exec(url.hash);
  if (!m || !MODEL.test(m[2]!) || !RES_ID.test(m[3]!)) return null;
  let database: string;
  try {
    // sao sends the segment as written to /{database}/, where the server decodes it.
    database = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  if (!database.trim() || database.length > 64 || BAD_DATABASE.test(database)) return null;
  const params = m[4] === undefined ? new Map<string, string>() : routeParams(m[4]);
  return params && { database, model: m[2]!, id: m[3]!, params };
}

/**
 * True once sao has taken up the address: when it shows a tab it writes the tab's name into the
 * address as `;name=` (Sao.set_url). An address without it, or naming another tab than the
 * active one, was typed or followed and sao has not shown it (yet): a tab still loading, or a
 * model it does not know.
 */
function showsAddress(doc: Document, url: URL) {
  const tabName = route(url)?.params.get('name');
  if (tabName === undefined) return false;
  try {
    return doc.querySelector('#tablist > li.active span[title]')?.getAttribute('title') === JSON.parse(tabName);
  } catch {
    return false;
  }
}

/** The active app tab's own form: sao keeps several tabs in `#tabcontent > .tab-pane`, one active. */
function activeForm(doc: Document) {
  // The screen's own container is the first outside the attachment preview (which holds one of
  // its own when shown); one2many fields nest further containers inside it.
  const screen = [
    ...(doc.querySelector('#tabcontent > .tab-pane.active')?.querySelectorAll('.screen-container') ?? []),
  ].find((el) => !el.closest('.attachment-preview'));
  const form = screen?.querySelector(':scope > .content-box > .form');
  return screen && form ? { screen, form } : null;
}

/** The record's name fields on the active form, best first (the screen's own, not nested ones). */
function nameFields(doc: Document, record: DetectedRecord) {
  const form = activeForm(doc);
  if (!form) return [];
  return (NAME_FIELDS[record.entityType] ?? DEFAULT_NAME_FIELDS).flatMap((name) =>
    [
      ...form.form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        `input[name="${name}"], textarea[name="${name}"]`,
      ),
    ].filter((el) => el.closest('.screen-container') === form.screen),
  );
}

/** The values of the record's name fields as the form shows them. */
const fieldValues = (doc: Document, record: DetectedRecord) =>
  nameFields(doc, record).map((el) => el.value.replace(/\s+/g, ' ').trim());

/**
 * Tryton's web client, sao (self-hosted; trytond serves it): hash routes
 * `#{database}/model/{model}/{id}` that sao rewrites to `…/{id};name=…&views=…` (Sao.open_url,
 * Sao.set_url); `#{database}/model/{model}` is a list. The name is a form field's value.
 */
export const tryton: CrmAdapter = {
  id: 'tryton',
  label: 'Tryton',
  matches: [],
  parse(url) {
    if (!isWeb(url)) return null;
    const r = route(url);
    if (!r) return null;
    // The database scopes ids, as the org does elsewhere: one server can hold several.
    return { crm: 'tryton', tenant: `${siteTenant(url)}/${r.database}`, entityType: r.model, recordId: r.id };
  },
  // sao keeps the address of a record it could not load (and shows a warning over an empty form).
  nameProvesRecord: true,
  showsAddress,
  readName: (doc, record) => fieldValues(doc, record).find(Boolean) ?? null,
  recordForm: (doc) => activeForm(doc)?.form ?? null,
  // Codes and numbers are unique where names need not be.
  readFingerprint: (doc, record) => fieldValues(doc, record).join('\n') || null,
  // The tab's info bar says "Record saved." (alert-info) after a save; a reload empties it, keeping
  // its class; a failed save turns it alert-danger (Sao.Tab.Form.save, Sao.Window.InfoBar).
  savedNotice: '#tabcontent > .tab-pane.active > .tab-form > .infobar.alert-info',
  // In the form's toolbar, in the room between the tab's title and sao's floated buttons (after
  // them in the markup): it never covers them, and wraps below them when there is no room.
  titleSelector: '#tabcontent > .tab-pane.active > .tab-form > nav.toolbar > .container-fluid > .btn-toolbar',
};
