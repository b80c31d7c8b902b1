import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';
import { INT_ID } from './url-helpers';

// Data centres per Zoho's multi-DC docs (docs/crm-url-patterns.md §2.5): com, eu, in, com.au, jp, com.cn, sa, uk, ca.
const HOST = /^crm\.(?:zoho\.(?:com|eu|in|com\.au|jp|com\.cn|sa|uk)|zohocloud\.ca)$/;

/** URL tab names that differ from the API module name (docs/crm-url-patterns.md §2.5: `Potentials` = `Deals`). */
const API_MODULES: Record<string, string> = { Potentials: 'Deals' };

/** Zoho CRM: `/crm/org{orgId}/tab/{Module}/{id}[/canvas/{canvasId}]`; the org segment may be empty or absent. */
export const zoho: CrmAdapter = {
  id: 'zoho',
  label: 'Zoho CRM',
  matches: [
    'https://crm.zoho.com/*',
    'https://crm.zoho.eu/*',
    'https://crm.zoho.in/*',
    'https://crm.zoho.com.au/*',
    'https://crm.zoho.jp/*',
    'https://crm.zoho.com.cn/*',
    'https://crm.zoho.sa/*',
    'https://crm.zoho.uk/*',
    'https://crm.zohocloud.ca/*',
  ],
  parse(url) {
    if (!HOST.test(url.hostname)) return null;
    const m = /^\/crm\/(?:org(\d*)\/)?tab\/([A-Za-z]\w*)\/([^/]+)(?:\/canvas\/\d+)?\/?$/.exec(url.pathname);
    if (!m || !INT_ID.test(m[3]!)) return null;
    const [, org, tab, recordId] = m;
    // Tenant = data centre + org; without an org id the data centre is all the URL tells.
    const tenant = org ? `${url.host}/org${org}` : url.host;
    return { crm: 'zoho', tenant, entityType: API_MODULES[tab!] ?? tab!, recordId: recordId! };
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.5 "Guess: record header"): the page heading.
  readName: (doc) => mainHeading(doc),
};
