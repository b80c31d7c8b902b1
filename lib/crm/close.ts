import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';

/** Close: `app.close.com/lead/lead_{43 chars}/`. The URL carries no tenant (docs/crm-url-patterns.md §2.7, trap 14). */
export const close: CrmAdapter = {
  id: 'close',
  label: 'Close',
  matches: ['https://app.close.com/*'],
  parse(url) {
    if (url.hostname !== 'app.close.com') return null;
    // The id keeps its `lead_` prefix, as in the API's html_url.
    const m = /^\/lead\/(lead_[A-Za-z0-9]{43})\/?$/.exec(url.pathname);
    return m ? { crm: 'close', tenant: url.host, entityType: 'lead', recordId: m[1]! } : null;
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.7): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
