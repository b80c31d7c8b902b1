import { textOf, type CrmAdapter } from './types';
import { GUID, isWeb, siteTenant } from './url-helpers';

/** Default ids are 17 hex characters; installs configured for UUID4 use those (DefaultRecordIdGenerator.php). */
const ESPO_ID = /^[0-9a-f]{17}$/i;

/** EspoCRM: hash route `#{Entity}/view/{id}[/{options}]` (client/src/router.js). */
export const espocrm: CrmAdapter = {
  id: 'espocrm',
  label: 'EspoCRM',
  matches: [],
  parse(url) {
    if (!isWeb(url)) return null;
    const m = /^#([A-Z][A-Za-z0-9]*)\/view\/([^/?]+)(?:\/[^/]*)?$/.exec(url.hash);
    if (!m || !(ESPO_ID.test(m[2]!) || GUID.test(m[2]!))) return null;
    return { crm: 'espocrm', tenant: siteTenant(url), entityType: m[1]!, recordId: m[2]!.toLowerCase() };
  },
  readName(doc, record) {
    // The detail header is "{Plural} › <span class="title">{name}</span>" and shows the id while the
    // name is empty (client/src/views/detail.js getHeader). The title can lag behind SPA navigation,
    // so it is not used.
    const name = textOf(doc, '.header-title .title');
    return name && name.toLowerCase() !== record.recordId ? name : null;
  },
};
