// Types for records.mjs (the demo modules are plain ESM so `node` runs them without a build).
export interface DemoRecord {
  crm: 'dynamics365' | 'salesforce' | 'hubspot';
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
export function salesforceCaseSafeId(id15: string): string;
/** Non-empty: the first record of each CRM is the one npm start opens. */
export const DEMO_RECORDS: readonly [DemoRecord, ...DemoRecord[]];
export const DEMO_LIST_URLS: readonly DemoListUrl[];
