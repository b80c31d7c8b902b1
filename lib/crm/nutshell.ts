import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';
import { INT_ID } from './url-helpers';

/** Nutshell: `app.nutshell.com/(person|company)/{id}-{slug}`; the record id is the part before the first `-`. */
export const nutshell: CrmAdapter = {
  id: 'nutshell',
  label: 'Nutshell',
  // Lead pages are unsourced (docs/crm-url-patterns.md §2.23 only guesses /lead/{id}), so they are not claimed.
  matches: ['https://app.nutshell.com/*'],
  parse(url) {
    if (url.hostname !== 'app.nutshell.com') return null;
    const m = /^\/(person|company)\/(\d+)(?:-[^/]*)?\/?$/.exec(url.pathname);
    if (!m || !INT_ID.test(m[2]!)) return null;
    return { crm: 'nutshell', tenant: url.host, entityType: m[1]!, recordId: m[2]! };
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.23): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
