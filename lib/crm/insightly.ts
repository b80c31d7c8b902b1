import { mainHeading } from './page-text';
import type { CrmAdapter, DetectedRecord } from './types';
import { INT_ID } from './url-helpers';

/**
 * URL type words → Insightly's object names. Capitalisation and number vary in real links
 * (`details/project/`, `details/Leads/`; docs/crm-url-patterns.md §2.18).
 */
const TYPES: Record<string, string> = {
  contact: 'Contact',
  contacts: 'Contact',
  organisation: 'Organisation',
  organisations: 'Organisation',
  organization: 'Organisation',
  organizations: 'Organisation',
  lead: 'Lead',
  leads: 'Lead',
  opportunity: 'Opportunity',
  opportunities: 'Opportunity',
  project: 'Project',
  projects: 'Project',
};

function details(url: URL, path: string): DetectedRecord | null {
  const m = /^\/details\/([A-Za-z]+)\/([^/]+)\/?$/.exec(path);
  const entityType = m && TYPES[m[1]!.toLowerCase()];
  if (!entityType || !INT_ID.test(m[2]!)) return null;
  // `na1` is a region, not a tenant: the host is all the URL tells.
  return { crm: 'insightly', tenant: url.host, entityType, recordId: m[2]! };
}

/** Insightly: `crm.{region}.insightly.com/details/{Type}/{id}`, or a list with `?blade=/details/{Type}/{id}`. */
export const insightly: CrmAdapter = {
  id: 'insightly',
  label: 'Insightly',
  matches: ['https://*.insightly.com/*'],
  parse(url) {
    if (!/^crm\.(?:[a-z0-9-]+\.)?insightly\.com$/.test(url.hostname)) return null;
    // The blade is the record drawn over a list (RingCentral's contactPageUrl uses this form).
    if (/^\/list\/[A-Za-z]+\/?$/.test(url.pathname)) return details(url, url.searchParams.get('blade') ?? '');
    return details(url, url.pathname);
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.18): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
