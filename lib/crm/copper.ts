import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';
import { hashQuery, INT_ID } from './url-helpers';

/** Web words → API object names: "In web URLs though, the legacy term 'contact' is used" (Coda pack). */
const API_NAMES: Record<string, string> = {
  contact: 'person',
  organization: 'company',
  deal: 'opportunity',
  people: 'person',
  companies: 'company',
};

/** Copper: `app.copper.com/companies/{account}/app#/…`; `companies/{n}` is the Copper account, not a CRM company. */
export const copper: CrmAdapter = {
  id: 'copper',
  label: 'Copper',
  matches: ['https://app.copper.com/*'],
  parse(url) {
    if (url.hostname !== 'app.copper.com') return null;
    const account = /^\/companies\/(\d+)\/app\/?$/.exec(url.pathname)?.[1];
    if (!account) return null;
    const record = (entityType: string, recordId: string) => ({
      crm: 'copper',
      tenant: account,
      entityType: API_NAMES[entityType]!,
      recordId,
    });
    // Legacy routes, ids of 5+ digits as in the Coda pack's regex.
    const legacy = /^#\/(contact|organization|deal)\/(\d{5,})\/?(?:\?.*)?$/.exec(url.hash);
    if (legacy && INT_ID.test(legacy[2]!)) return record(legacy[1]!, legacy[2]!);
    // Current UI: the open record is `fullProfile={people|companies}-{id}` in the hash query
    // (DeskproApps/copper getExternalLinks.ts). A side `preview=` over a list is not the record page:
    // docs/crm-url-patterns.md §2.8 leaves that a policy choice, and we keep the list's context.
    const full = /^(people|companies)-(\d+)$/.exec(hashQuery(url.hash).get('fullProfile') ?? '');
    return full && INT_ID.test(full[2]!) ? record(full[1]!, full[2]!) : null;
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.8): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
