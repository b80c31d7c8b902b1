import { mainHeading } from './page-text';
import { textOf, type CrmAdapter } from './types';
import { GUID, INT_ID, subdomainOf } from './url-helpers';

// Not a company domain: a public parser skips these, and app.pipedrive.com only redirects to the
// company domain, where the record is detected with its tenant (docs/crm-url-patterns.md §2.4, trap 14).
const NOT_COMPANIES = new Set(['api', 'oauth', 'www', 'developers', 'app']);

/** Pipedrive: `{company}.pipedrive.com/(person|organization|deal)/{n}` and `/leads/inbox/{uuid}`. */
export const pipedrive: CrmAdapter = {
  id: 'pipedrive',
  label: 'Pipedrive',
  matches: ['https://*.pipedrive.com/*'],
  parse(url) {
    const tenant = subdomainOf(url.hostname, 'pipedrive.com');
    if (!tenant || NOT_COMPANIES.has(tenant)) return null;
    const numeric = /^\/(person|organization|deal)\/([^/]+)\/?$/.exec(url.pathname);
    if (numeric && INT_ID.test(numeric[2]!)) {
      return { crm: 'pipedrive', tenant, entityType: numeric[1]!, recordId: numeric[2]! };
    }
    // Leads are UUIDs whose case varies between links; the normalised id is lower-case.
    const lead = /^\/leads\/inbox\/([^/]+)\/?$/.exec(url.pathname);
    if (lead && GUID.test(lead[1]!)) {
      return { crm: 'pipedrive', tenant, entityType: 'lead', recordId: lead[1]!.toLowerCase() };
    }
    return null;
  },
  readName(doc, record) {
    // Deal title per DevartSoftware/tmetric-plugins integrations/pipedrive.ts; for the other
    // types the patterns file only suggests "the page h1" (a guess).
    const deal = record.entityType === 'deal' ? textOf(doc, '.dealDetails .descriptionHead .title') : null;
    return deal ?? mainHeading(doc);
  },
};
