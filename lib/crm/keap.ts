import { mainHeading } from './page-text';
import type { CrmAdapter, DetectedRecord } from './types';
import { INT_ID, subdomainOf } from './url-helpers';

/** Legacy Infusionsoft record pages (`/Job/…` is an order); docs/crm-url-patterns.md §2.19. */
const LEGACY: Record<string, string> = {
  '/Contact/manageContact.jsp': 'Contact',
  '/Job/manageJob.jsp': 'Job',
};

function legacy(url: URL, tenant: string): DetectedRecord | null {
  const entityType = LEGACY[url.pathname];
  const q = url.searchParams;
  const id = q.get('ID') ?? q.get('id') ?? '';
  const view = q.get('view');
  // view=edit is how the record is shown; any other view (add) is not the record.
  if (!entityType || !INT_ID.test(id) || (view !== null && view !== 'edit')) return null;
  return { crm: 'keap', tenant, entityType, recordId: id };
}

/** Keap: legacy `{app}.infusionsoft.com/Contact/manageContact.jsp?view=edit&ID={id}` and `keap.app/contacts/list/contact/{id}/details`. */
export const keap: CrmAdapter = {
  id: 'keap',
  label: 'Keap',
  matches: ['https://*.infusionsoft.com/*', 'https://keap.app/*'],
  parse(url) {
    const app = subdomainOf(url.hostname, 'infusionsoft.com');
    if (app) return legacy(url, app);
    if (url.hostname !== 'keap.app') return null;
    // The new app has no tenant in the URL (patterns trap 14); its contact is the same Contact record.
    const m = /^\/contacts\/list\/contact\/([^/]+)(?:\/details)?\/?$/.exec(url.pathname);
    return m && INT_ID.test(m[1]!) ? { crm: 'keap', tenant: url.host, entityType: 'Contact', recordId: m[1]! } : null;
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.19): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
