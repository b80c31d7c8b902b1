// Types for records.mjs (the demo modules are plain ESM so `node` runs them without a build).
export interface DemoRecord {
  crm: 'dynamics365' | 'salesforce' | 'hubspot' | 'pipedrive' | 'zoho' | 'odoo' | 'espocrm';
  tenant: string;
  entityType: string;
  recordId: string;
  name: string;
  url: string;
  fields: Record<string, string>;
}
export interface DemoListUrl {
  crm: DemoRecord['crm'];
  entityType: string;
  url: string;
}
export const DYNAMICS_APP_ID: string;
export const HUBSPOT_PORTAL_ID: string;
export const HUBSPOT_OBJECT_TYPE_IDS: { contact: '0-1'; company: '0-2'; deal: '0-3' };
export const ZOHO_ORG_ID: string;
export const ZOHO_TABS: { Contacts: 'Contacts'; Accounts: 'Accounts'; Deals: 'Potentials' };
export const ZOHO_LIST_VIEW_IDS: { Contacts: string; Accounts: string; Deals: string };
export const ODOO_ACTION_PATHS: { 'res.partner': 'contacts'; 'crm.lead': 'crm' };
export function salesforceCaseSafeId(id15: string): string;
/** Non-empty: the first record of each CRM is the one npm start opens. The self-hosted EspoCRM is not here. */
export const DEMO_RECORDS: readonly [DemoRecord, ...DemoRecord[]];
export const DEMO_LIST_URLS: readonly DemoListUrl[];
/** The EspoCRM records of the self-hosted demo at `origin` (e.g. http://127.0.0.1:38517). */
export function selfHostedRecords(origin: string): DemoRecord[];
/** The EspoCRM list pages of the self-hosted demo at `origin`. */
export function selfHostedListUrls(origin: string): DemoListUrl[];
