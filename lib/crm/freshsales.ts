import { titleOf } from './page-text';
import type { CrmAdapter } from './types';
import { INT_ID, subdomainOf } from './url-helpers';

/** Freshsales (Freshworks CRM): `{domain}.myfreshworks.com/crm/sales/(contacts|accounts|deals)/{id}`. */
export const freshsales: CrmAdapter = {
  id: 'freshsales',
  label: 'Freshsales',
  // Classic {domain}.freshsales.io has no sourced record route (only list routes), so it is not claimed.
  matches: ['https://*.myfreshworks.com/*'],
  parse(url) {
    const tenant = subdomainOf(url.hostname, 'myfreshworks.com');
    if (!tenant) return null;
    // `/view/{n}` (a list view) and `recycle_bin` have the same depth: only a numeric last segment is a record.
    const m = /^\/crm\/sales\/(contact|account|deal)s\/([^/]+)\/?$/.exec(url.pathname);
    if (!m || !INT_ID.test(m[2]!)) return null;
    return { crm: 'freshsales', tenant, entityType: m[1]!, recordId: m[2]! };
  },
  readName(doc) {
    // Record titles read "Deal : {name} : Freshsales"; lists "Deals : Freshsales" (docs/crm-url-patterns.md §2.6).
    const parts = titleOf(doc).split(' : ');
    return parts.length >= 3 ? parts.slice(1, -1).join(' : ').trim() || null : null;
  },
};
