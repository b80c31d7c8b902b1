import { textOf, type CrmAdapter } from './types';
import { GUID, isWeb, siteTenant } from './url-helpers';

/**
 * SuiteCRM 8: Angular hash routes `#/{module}/record/{id}` and `#/{module}/detail/{id}`
 * (SuiteCRM-Core app-initializer.ts); edit, duplicate and convert routes are forms, not the record.
 */
export const suitecrm8: CrmAdapter = {
  id: 'suitecrm8',
  label: 'SuiteCRM 8',
  matches: [],
  parse(url) {
    if (!isWeb(url)) return null;
    // Module names are the lower-case front-end names of module_name_map.php (`accounts`, `quotes`).
    const m = /^#\/([a-z][a-z0-9_-]*)\/(?:record|detail)\/([^/?]+)\/?(?:\?.*)?$/.exec(url.hash);
    if (!m || !GUID.test(m[2]!)) return null;
    return { crm: 'suitecrm8', tenant: siteTenant(url), entityType: m[1]!, recordId: m[2]!.toLowerCase() };
  },
  // record-header.component.html (docs/crm-url-patterns.md §2.11).
  readName: (doc) => textOf(doc, 'scrm-record-header .record-view-name scrm-dynamic-label.record-view-name-label'),
};
