// Demo records for the three CRMs the demo serves (npm start, e2e, bench). Every record carries
// the RecordRef fields the extension's adapters should produce for its page, plus a few display
// fields. Names include accents, an ampersand and one hostile name so tests can prove that names
// are rendered as text everywhere.

const DYNAMICS_ORIGIN = 'https://contoso.crm.dynamics.com';
const SALESFORCE_ORIGIN = 'https://contoso.lightning.force.com';
const HUBSPOT_ORIGIN = 'https://app.hubspot.com';

/** The model-driven app (Sales Hub) every Dynamics URL opens in. */
export const DYNAMICS_APP_ID = '67a5e2cc-d4b0-4643-965c-6ed5412591eb';
/** The HubSpot portal (hub id) of every HubSpot record. */
export const HUBSPOT_PORTAL_ID = '21436587';
/** HubSpot object type ids of the three standard objects used here. */
export const HUBSPOT_OBJECT_TYPE_IDS = { contact: '0-1', company: '0-2', deal: '0-3' };

const CASE_SAFE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character case-safe form of a 15-character Salesforce id: for each 5-character chunk,
 * bit i is set when character i is an upper-case letter, and the 5-bit number picks a suffix
 * character from A-Z0-5 (see ../shared/crm-url-patterns.md §2.2).
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
];
