// Demo records for the CRMs the demo serves (npm start, e2e, bench). Every record carries
// the RecordRef fields the extension's adapters should produce for its page, plus a few display
// fields. Names include accents, an ampersand and one hostile name so tests can prove that names
// are rendered as text everywhere.

const DYNAMICS_ORIGIN = 'https://contoso.crm.dynamics.com';
const SALESFORCE_ORIGIN = 'https://contoso.lightning.force.com';
const HUBSPOT_ORIGIN = 'https://app.hubspot.com';
const PIPEDRIVE_ORIGIN = 'https://contoso.pipedrive.com';
const ZOHO_ORIGIN = 'https://crm.zoho.com';
const ODOO_ORIGIN = 'https://contoso.odoo.com';

/** The model-driven app (Sales Hub) every Dynamics URL opens in. */
export const DYNAMICS_APP_ID = '67a5e2cc-d4b0-4643-965c-6ed5412591eb';
/** The HubSpot portal (hub id) of every HubSpot record. */
export const HUBSPOT_PORTAL_ID = '21436587';
/** HubSpot object type ids of the three standard objects used here. */
export const HUBSPOT_OBJECT_TYPE_IDS = { contact: '0-1', company: '0-2', deal: '0-3' };

/** The Zoho CRM organisation (`/crm/org{id}/…`) of every Zoho record. */
export const ZOHO_ORG_ID = '785412369';
/**
 * Zoho URL tabs by API module: the Deals module is still `Potentials` in URLs
 * (docs/crm-url-patterns.md §2.5), and records carry the API name.
 */
export const ZOHO_TABS = { Contacts: 'Contacts', Accounts: 'Accounts', Deals: 'Potentials' };
/** The numeric custom view (`/tab/{Tab}/custom-view/{id}/list`) each Zoho list page opens. */
export const ZOHO_LIST_VIEW_IDS = {
  Contacts: '5725767000000028801',
  Accounts: '5725767000000028803',
  Deals: '5725767000000028805',
};
/** Odoo 17.2+ action paths (`/odoo/{path}/{id}`) of the models used here (docs/crm-url-patterns.md §2.12). */
export const ODOO_ACTION_PATHS = { 'res.partner': 'contacts', 'crm.lead': 'crm' };

const CASE_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character case-safe form of a 15-character Salesforce id: for each 5-character chunk,
 * bit i is set when character i is an upper-case letter, and the 5-bit number picks a suffix
 * character from A-Z0-5 (see docs/crm-url-patterns.md §2.2).
 */
export function salesforceCaseSafeId(id15) {
  if (!/^[a-zA-Z0-9]{15}$/.test(id15)) throw new Error(`Not a 15-character Salesforce id: ${id15}`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15[chunk * 5 + i])) bits |= 1 << i;
    suffix += CASE_SAFE_ALPHABET[bits];
  }
  return id15 + suffix;
}

const dynamics = (entityType, recordId, name, fields) => ({
  crm: 'dynamics365',
  tenant: 'contoso.crm.dynamics.com',
  entityType,
  recordId,
  name,
  url: `${DYNAMICS_ORIGIN}/main.aspx?appid=${DYNAMICS_APP_ID}&pagetype=entityrecord&etn=${entityType}&id=${recordId}`,
  fields,
});

const salesforce = (entityType, id15, name, fields) => {
  const recordId = salesforceCaseSafeId(id15);
  const url = `${SALESFORCE_ORIGIN}/lightning/r/${entityType}/${recordId}/view`;
  return { crm: 'salesforce', tenant: 'contoso', entityType, recordId, name, url, fields };
};

const hubspot = (entityType, recordId, name, fields) => ({
  crm: 'hubspot',
  tenant: HUBSPOT_PORTAL_ID,
  entityType,
  recordId,
  name,
  url: `${HUBSPOT_ORIGIN}/contacts/${HUBSPOT_PORTAL_ID}/record/${HUBSPOT_OBJECT_TYPE_IDS[entityType]}/${recordId}`,
  fields,
});

const pipedrive = (entityType, recordId, name, fields) => ({
  crm: 'pipedrive',
  tenant: 'contoso',
  entityType,
  recordId,
  name,
  url: `${PIPEDRIVE_ORIGIN}/${entityType}/${recordId}`,
  fields,
});

const zoho = (entityType, recordId, name, fields) => ({
  crm: 'zoho',
  // Tenant = data centre host + org segment (docs/crm-url-patterns.md §2.5).
  tenant: `crm.zoho.com/org${ZOHO_ORG_ID}`,
  entityType,
  recordId,
  name,
  url: `${ZOHO_ORIGIN}/crm/org${ZOHO_ORG_ID}/tab/${ZOHO_TABS[entityType]}/${recordId}`,
  fields,
});

/** `legacy` gives the Odoo ≤17 `/web#id=…&model=…` URL instead of the 17.2+ `/odoo/{action}/{id}` one. */
const odoo = (entityType, recordId, name, fields, { legacy = false } = {}) => ({
  crm: 'odoo',
  tenant: 'contoso.odoo.com',
  entityType,
  recordId,
  name,
  url: legacy
    ? `${ODOO_ORIGIN}/web#id=${recordId}&model=${entityType}&view_type=form`
    : `${ODOO_ORIGIN}/odoo/${ODOO_ACTION_PATHS[entityType]}/${recordId}`,
  fields,
});

/**
 * Every demo record. Records of one type share their field labels, which become the columns of
 * that type's list page. The first record of each CRM is the one `npm start` opens.
 */
export const DEMO_RECORDS = [
  dynamics('account', '1ba37bd8-a272-4958-b9b6-aa499b6a5153', 'Fabrikam, Inc.', {
    'Main Phone': '+1 425 555 0100',
    Industry: 'Manufacturing',
    City: 'Redmond',
    Website: 'www.fabrikam.example',
  }),
  dynamics('contact', '7f424792-d85c-4fb0-a770-f5ffda721096', 'Zoë Ångström', {
    Email: 'zoe.angstrom@fabrikam.example',
    'Business Phone': '+46 40 555 0120',
    'Job Title': 'Head of Procurement',
    City: 'Malmö',
  }),
  dynamics('opportunity', '2bc28187-230a-432f-9328-912bb8d41966', 'Fabrikam – 500 Surface Hubs', {
    'Est. Revenue': '$1,250,000.00',
    'Est. Close Date': '3/31/2026',
    Probability: '60',
    Rating: 'Warm',
  }),
  dynamics('account', '74af17c0-f7a2-40c4-ad69-ca936a697bef', 'Café Müller & Söhne GmbH', {
    'Main Phone': '+49 30 5550 1234',
    Industry: 'Food & Beverage',
    City: 'Berlin',
    Website: 'www.cafe-mueller.example',
  }),
  salesforce('Account', '001Dn00000Nq7Qx', 'Acme Corporation', {
    Phone: '(415) 555-0134',
    Industry: 'Electronics',
    Type: 'Customer - Direct',
    Website: 'www.acme.example',
  }),
  salesforce('Contact', '003Dn00000Gh4TB', 'José Núñez', {
    Email: 'jose.nunez@acme.example',
    Phone: '(415) 555-0178',
    Title: 'VP, Operations',
    'Account Name': 'Acme Corporation',
  }),
  salesforce('Opportunity', '006Hs00000Jk8WC', 'Acme — Renewal FY26', {
    Amount: '$480,000.00',
    'Close Date': '6/30/2026',
    Stage: 'Negotiation/Review',
    Probability: '80%',
  }),
  // Hostile on purpose: e2e and unit tests check it only ever shows up as text.
  salesforce('Account', '001Dn00001pM2lk', '<img src=x onerror=alert(1)>', {
    Phone: '(212) 555-0199',
    Industry: 'Media',
    Type: 'Prospect',
    Website: 'www.example.com/"quoted"',
  }),
  hubspot('contact', '1301', 'Amélie Dubois', {
    Email: 'amelie.dubois@northwind.example',
    'Phone number': '+33 1 55 55 01 23',
    'Lifecycle stage': 'Customer',
    'Contact owner': 'Sam Rivera',
  }),
  hubspot('company', '9876543210', 'Northwind Traders', {
    'Company domain name': 'northwind.example',
    Industry: 'Retail',
    City: 'Lyon',
    'Phone number': '+33 4 55 55 02 00',
  }),
  hubspot('deal', '24681357911', 'Northwind – Annual Plan', {
    Amount: '€96,000',
    'Close date': '09/30/2026',
    'Deal stage': 'Contract sent',
    Pipeline: 'Sales Pipeline',
  }),
  hubspot('contact', '1351', 'Łukasz Wróbel', {
    Email: 'lukasz.wrobel@northwind.example',
    'Phone number': '+48 22 555 01 45',
    'Lifecycle stage': 'Lead',
    'Contact owner': 'Sam Rivera',
  }),
  pipedrive('person', '1042', 'Inês Carvalho', {
    Email: 'ines.carvalho@lisbonlogistics.example',
    Phone: '+351 21 555 0142',
    Organization: 'Lisbon Logistics, Lda.',
    Owner: 'Sam Rivera',
  }),
  pipedrive('organization', '318', 'Lisbon Logistics, Lda.', {
    Address: 'Av. da Liberdade 110, Lisboa',
    People: '2',
    'Open deals': '1',
    Owner: 'Sam Rivera',
  }),
  pipedrive('deal', '2207', 'Lisbon Logistics – Fleet tracking', {
    Value: '€42,000',
    Stage: 'Proposal made',
    'Expected close date': 'June 30, 2026',
    Owner: 'Sam Rivera',
  }),
  pipedrive('person', '1057', 'Björn Ólafsson', {
    Email: 'bjorn@nordic-freight.example',
    Phone: '+354 555 0157',
    Organization: 'Nordic Freight ehf.',
    Owner: 'Sam Rivera',
  }),
  zoho('Contacts', '5725767000000412001', 'François Lemaître', {
    Email: 'francois.lemaitre@obrien-daughters.example',
    Phone: '+33 1 55 55 04 12',
    'Account Name': "O'Brien & Daughters Ltd",
    'Contact Owner': 'Sam Rivera',
  }),
  zoho('Accounts', '5725767000000398007', "O'Brien & Daughters Ltd", {
    Phone: '+353 1 555 0398',
    Website: 'www.obrien-daughters.example',
    Industry: 'Wholesale',
    'Account Owner': 'Sam Rivera',
  }),
  zoho('Deals', '5725767000000455013', "O'Brien & Daughters – CRM rollout", {
    Amount: '$64,500.00',
    Stage: 'Needs Analysis',
    'Closing Date': 'Jul 15, 2026',
    'Deal Owner': 'Sam Rivera',
  }),
  odoo('res.partner', '14', 'Deco Addict', {
    Email: 'info@decoaddict.example',
    Phone: '+32 2 555 01 14',
    City: 'Brussels',
    Salesperson: 'Sam Rivera',
  }),
  odoo('res.partner', '27', 'Émilie Lefèvre', {
    Email: 'emilie.lefevre@decoaddict.example',
    Phone: '+32 2 555 01 27',
    City: 'Liège',
    Salesperson: 'Sam Rivera',
  }),
  odoo('crm.lead', '9', 'Deco Addict: Office Design Project', {
    'Expected Revenue': '€24,000.00',
    Stage: 'Proposition',
    Probability: '65.00 %',
    Salesperson: 'Sam Rivera',
  }),
  // An Odoo ≤17 link (/web#id=…), which Odoo 17.2+ still opens.
  odoo(
    'res.partner',
    '33',
    'Gemini Furniture',
    { Email: 'contact@gemini-furniture.example', Phone: '+1 555 0133', City: 'Fairfield', Salesperson: 'Sam Rivera' },
    { legacy: true },
  ),
];

/** The list page of every demo record type, e.g. Dynamics `pagetype=entitylist&etn=account`. */
export const DEMO_LIST_URLS = [
  ...['account', 'contact', 'opportunity'].map((etn) => ({
    crm: 'dynamics365',
    entityType: etn,
    url: `${DYNAMICS_ORIGIN}/main.aspx?appid=${DYNAMICS_APP_ID}&pagetype=entitylist&etn=${etn}`,
  })),
  ...['Account', 'Contact', 'Opportunity'].map((type) => ({
    crm: 'salesforce',
    entityType: type,
    url: `${SALESFORCE_ORIGIN}/lightning/o/${type}/list?filterName=Recent`,
  })),
  ...Object.entries(HUBSPOT_OBJECT_TYPE_IDS).map(([type, objectTypeId]) => ({
    crm: 'hubspot',
    entityType: type,
    url: `${HUBSPOT_ORIGIN}/contacts/${HUBSPOT_PORTAL_ID}/objects/${objectTypeId}/views/all/list`,
  })),
  // Pipedrive shows deals on the pipeline board; /persons and /organizations are lists.
  ...[
    ['person', '/persons/list'],
    ['organization', '/organizations/list'],
    ['deal', '/pipeline'],
  ].map(([type, path]) => ({ crm: 'pipedrive', entityType: type, url: `${PIPEDRIVE_ORIGIN}${path}` })),
  ...Object.entries(ZOHO_TABS).map(([module, tab]) => ({
    crm: 'zoho',
    entityType: module,
    url: `${ZOHO_ORIGIN}/crm/org${ZOHO_ORG_ID}/tab/${tab}/custom-view/${ZOHO_LIST_VIEW_IDS[module]}/list`,
  })),
  ...Object.entries(ODOO_ACTION_PATHS).map(([model, path]) => ({
    crm: 'odoo',
    entityType: model,
    url: `${ODOO_ORIGIN}/odoo/${path}`,
  })),
];

/**
 * The EspoCRM records of the self-hosted demo (demo/self-hosted.mjs) at `origin`, e.g.
 * http://127.0.0.1:38517: hash routes `#{Entity}/view/{id}` with 17-character hex ids, and the
 * site (host and port, no folder) as tenant (docs/crm-url-patterns.md §2.13). Their URLs depend on the port, so
 * they are not in DEMO_RECORDS. Fresh objects on every call.
 */
export function selfHostedRecords(origin) {
  const tenant = new URL(origin).host;
  const espocrm = (entityType, recordId, name, fields) => ({
    crm: 'espocrm',
    tenant,
    entityType,
    recordId,
    name,
    url: `${new URL(origin).origin}/#${entityType}/view/${recordId}`,
    fields,
  });
  return [
    espocrm('Contact', '6650f1c2a9b3e7d51', 'Jörg Schäfer', {
      Email: 'joerg.schaefer@nordlicht-solar.example',
      Phone: '+49 761 555 0151',
      Account: 'Nordlicht Solar AG',
      'Assigned User': 'Sam Rivera',
    }),
    espocrm('Account', '6650f1c2a9b3e7d52', 'Nordlicht Solar AG', {
      Website: 'nordlicht-solar.example',
      Phone: '+49 761 555 0100',
      Industry: 'Energy',
      'Assigned User': 'Sam Rivera',
    }),
    espocrm('Contact', '6650f1c2a9b3e7d53', 'Ana Ruiz-Ortega', {
      Email: 'ana.ruiz@brightwater.example',
      Phone: '+34 91 555 0153',
      Account: 'Brightwater & Co.',
      'Assigned User': 'Sam Rivera',
    }),
    espocrm('Account', '6650f1c2a9b3e7d54', 'Brightwater & Co.', {
      Website: 'brightwater.example',
      Phone: '+34 91 555 0100',
      Industry: 'Hospitality',
      'Assigned User': 'Sam Rivera',
    }),
  ];
}

/** The EspoCRM list pages (`#Contact`, `#Account`) of the self-hosted demo at `origin`. */
export function selfHostedListUrls(origin) {
  return ['Contact', 'Account'].map((type) => ({
    crm: 'espocrm',
    entityType: type,
    url: `${new URL(origin).origin}/#${type}`,
  }));
}
