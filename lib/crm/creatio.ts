import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';
import { GUID, isWeb, siteTenant } from './url-helpers';

/** Freedom UI page names whose entity is not the name minus `_FormPage` (plural pages; docs/crm-url-patterns.md §2.21). */
const FORM_PAGES: Record<string, string> = {
  Contacts_FormPage: 'Contact',
  Accounts_FormPage: 'Account',
  Opportunity_FormPage: 'Opportunity',
};

/**
 * The entity a card's page schema edits: mapped Freedom UI pages, else the schema minus its
 * `_FormPage` / `Page[V2]` suffix (ContactPageV2 → Contact, CasePage → Case).
 */
const entityOf = (schema: string) =>
  FORM_PAGES[schema] ?? schema.replace(/_FormPage$/, '').replace(/Page(?:V\d+)?$/, '');

/** Creatio (ex bpm'online): classic `#CardModuleV2/{Schema}/edit/{guid}` and Freedom UI `#Card/{Page}/edit/{guid}`. */
export const creatio: CrmAdapter = {
  id: 'creatio',
  label: 'Creatio',
  // On-premises Creatio is enabled per site; the /0/ app paths plus card hashes are its own shape.
  matches: ['https://*.creatio.com/*'],
  parse(url) {
    if (!isWeb(url)) return null;
    // Hosts are seen with a doubled slash before /0/ (fixture); the tenant is the folder above /0/.
    const path = url.pathname.replace(/\/{2,}/g, '/');
    const app = /^(.*)\/0\/(?:Nui\/ViewModule\.aspx|Shell\/?)$/i.exec(path);
    const card = /^#(?:CardModuleV2|Card)\/([A-Za-z]\w*)\/edit\/([^/?]+)\/?$/.exec(url.hash);
    if (!app || !card || !GUID.test(card[2]!)) return null;
    // System pages share the card shape (SysSettingPage, patterns trap 12): Sys* schemas are configuration.
    if (/^Sys[A-Z]/.test(card[1]!)) return null;
    const entityType = entityOf(card[1]!);
    if (!entityType) return null;
    return { crm: 'creatio', tenant: siteTenant(url, app[1]!), entityType, recordId: card[2]!.toLowerCase() };
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.21): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
