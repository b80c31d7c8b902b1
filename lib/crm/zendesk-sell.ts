import { titleOf } from './page-text';
import { textOf, type CrmAdapter } from './types';
import { INT_ID } from './url-helpers';

/** The three record routes, exactly as AnyFetch/anyfetch-chrome's base-crm-*.js configs match them. */
const ROUTES: [RegExp, string][] = [
  [/^\/crm\/contacts\/([^/]+)\/?$/, 'contact'],
  [/^\/leads\/([^/]+)\/?$/, 'lead'],
  [/^\/sales\/deals\/([^/]+)\/?$/, 'deal'],
];

/** Zendesk Sell (ex Base CRM) on app.futuresimple.com; the URL carries no tenant. */
export const zendeskSell: CrmAdapter = {
  id: 'zendesk-sell',
  label: 'Zendesk Sell',
  matches: ['https://app.futuresimple.com/*'],
  parse(url) {
    if (url.hostname !== 'app.futuresimple.com') return null;
    for (const [route, entityType] of ROUTES) {
      const id = route.exec(url.pathname)?.[1];
      // `/leads/new` has the record shape: only numeric ids are records.
      if (id) return INT_ID.test(id) ? { crm: 'zendesk-sell', tenant: url.host, entityType, recordId: id } : null;
    }
    return null;
  },
  readName(doc) {
    // `.detail-title` on lead and deal pages; contact titles read "Base CRM: {name}" (AnyFetch, 2015).
    return textOf(doc, '.detail-title') ?? /^Base\s?CRM:\s(.+)$/i.exec(titleOf(doc))?.[1]?.trim() ?? null;
  },
};
