import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';
import { INT_ID, subdomainOf } from './url-helpers';

/**
 * Capsule CRM: `{site}.capsulecrm.com/(party|opportunity|kase)/{id}`. A party is a person or an
 * organisation; `kase` (cases/projects) was seen once (docs/crm-url-patterns.md §2.22) and is the API's own word.
 */
export const capsule: CrmAdapter = {
  id: 'capsule',
  label: 'Capsule CRM',
  matches: ['https://*.capsulecrm.com/*'],
  parse(url) {
    const tenant = subdomainOf(url.hostname, 'capsulecrm.com');
    const m = /^\/(party|opportunity|kase)\/([^/]+)\/?$/.exec(url.pathname);
    if (!tenant || !m || !INT_ID.test(m[2]!)) return null;
    return { crm: 'capsule', tenant, entityType: m[1]!, recordId: m[2]! };
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.22): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
