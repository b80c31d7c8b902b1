import { mainHeading } from './page-text';
import type { CrmAdapter } from './types';
import { GUID } from './url-helpers';

/** Attio: `app.attio.com/{workspace}/{object singular}/{uuid}` (the API's web_url); tenant = workspace slug. */
export const attio: CrmAdapter = {
  id: 'attio',
  label: 'Attio',
  matches: ['https://app.attio.com/*'],
  parse(url) {
    if (url.hostname !== 'app.attio.com') return null;
    // The URL's object slug is singular (`person`) while API slugs are plural (`people`); we keep the URL's.
    const m = /^\/([a-z0-9][a-z0-9_-]*)\/([a-z][a-z0-9_]*)\/([^/]+)\/?$/.exec(url.pathname);
    if (!m || !GUID.test(m[3]!)) return null;
    return { crm: 'attio', tenant: m[1]!, entityType: m[2]!, recordId: m[3]!.toLowerCase() };
  },
  // No sourced landmark (docs/crm-url-patterns.md §2.16): the page heading, a guess.
  readName: (doc) => mainHeading(doc),
};
