import { titleOf } from './page-text';
import type { CrmAdapter } from './types';
import { GUID, isWeb } from './url-helpers';

/** Twenty: `/object/{objectNameSingular}/{uuid}` (twenty-shared AppPath.ts); `/objects/…` is an index. */
export const twenty: CrmAdapter = {
  id: 'twenty',
  label: 'Twenty',
  // Self-hosted Twenty is enabled per site; the record path is specific enough to accept any host.
  matches: ['https://*.twenty.com/*'],
  parse(url) {
    if (!isWeb(url)) return null;
    const m = /^\/object\/([a-z][A-Za-z0-9]*)\/([^/]+)\/?$/.exec(url.pathname);
    if (!m || !GUID.test(m[2]!)) return null;
    return { crm: 'twenty', tenant: url.host, entityType: m[1]!, recordId: m[2]!.toLowerCase() };
  },
  readName(doc) {
    // RecordShowPageTitle: "{label identifier} - {object labelSingular}".
    const title = titleOf(doc);
    const cut = title.lastIndexOf(' - ');
    return cut > 0 ? title.slice(0, cut).trim() || null : null;
  },
};
