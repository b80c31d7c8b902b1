import { textOf, type CrmAdapter } from './types';
import { INT_ID, isWeb, siteTenant } from './url-helpers';

/** vtiger 7/8 `index.php?module={M}&view=Detail&record={crmid}`, and vtiger 5 `action=DetailView&record={crmid}`. */
export const vtiger: CrmAdapter = {
  id: 'vtiger',
  label: 'vtiger CRM',
  matches: [],
  parse(url) {
    if (!isWeb(url) || !/\/(index\.php)?$/i.test(url.pathname)) return null;
    const q = url.searchParams;
    const module = q.get('module') ?? '';
    const record = q.get('record') ?? '';
    // vtiger 5 shares SuiteCRM 7's shape; its integer crmid tells them apart (docs/crm-url-patterns.md §2.10, §2.14).
    const detail = q.get('view') === 'Detail' || q.get('action') === 'DetailView';
    if (!detail || !/^[A-Za-z]\w*$/.test(module) || !INT_ID.test(record)) return null;
    return { crm: 'vtiger', tenant: siteTenant(url), entityType: module, recordId: record };
  },
  // `<span class="recordLabel" title="{name}">` in layouts/v7/modules/Vtiger/DetailViewHeaderTitle.tpl.
  readName: (doc) => textOf(doc, '.recordBasicInfo .recordLabel'),
};
