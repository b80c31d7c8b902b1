import { textOf, type CrmAdapter } from './types';
import { GUID, isWeb, siteTenant } from './url-helpers';

/** SuiteCRM 7 (and SugarCRM CE 6-style): `index.php?module={Module}&action=DetailView&record={uuid}`. */
export const suitecrm7: CrmAdapter = {
  id: 'suitecrm7',
  label: 'SuiteCRM 7',
  matches: [],
  parse(url) {
    if (!isWeb(url) || !/\/(index\.php)?$/i.test(url.pathname)) return null;
    const q = url.searchParams;
    const module = q.get('module') ?? '';
    const record = q.get('record') ?? '';
    // vtiger 5 has the same query shape with integer ids; only a GUID is SuiteCRM (docs/crm-url-patterns.md §2.10).
    if (q.get('action')?.toLowerCase() !== 'detailview' || !/^[A-Za-z]\w*$/.test(module) || !GUID.test(record)) {
      return null;
    }
    // SuiteCRM 8 serves this UI under /legacy/ (docs/crm-url-patterns.md §2.10): the instance is the folder above it.
    const folder = url.pathname.replace(/\/(index\.php)?$/i, '').replace(/\/legacy$/i, '');
    return { crm: 'suitecrm7', tenant: siteTenant(url, folder), entityType: module, recordId: record.toLowerCase() };
  },
  // SuiteP theme detail title (docs/crm-url-patterns.md §2.10, SinergiaCRM fork template).
  readName: (doc) => textOf(doc, 'div.moduleTitle h2.module-title-text'),
};
