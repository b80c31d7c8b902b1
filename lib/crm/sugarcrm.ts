import { textOf, type CrmAdapter } from './types';
import { GUID, isWeb, siteTenant } from './url-helpers';

/**
 * Modules whose `#{Module}/{uuid}` route is a CRM record. `#Reports/{uuid}` and other non-record
 * modules have the same shape, so the patterns file (§2.9, trap 12) asks for an allow-list: its
 * named modules plus Sugar's other standard record modules. Custom modules are not claimed.
 */
const MODULES = new Set([
  'Accounts',
  'Contacts',
  'Leads',
  'Opportunities',
  'Cases',
  'Prospects',
  'Quotes',
  'RevenueLineItems',
  'Bugs',
  'Calls',
  'Meetings',
  'Tasks',
  'Notes',
]);

/** SugarCRM 7+ (Sidecar): `#{Module}/{uuid}` on sugarondemand.com or an on-premises host. */
export const sugarcrm: CrmAdapter = {
  id: 'sugarcrm',
  label: 'SugarCRM',
  // On-premises Sugar is enabled per site; parse accepts any host because the allow-list makes the
  // hash shape specific enough (the fixture's on-prem case depends on it).
  matches: ['https://*.sugarondemand.com/*'],
  parse(url) {
    if (!isWeb(url)) return null;
    const m = /^#([A-Za-z]\w*)\/([^/?]+)\/?$/.exec(url.hash);
    if (!m || !MODULES.has(m[1]!) || !GUID.test(m[2]!)) return null;
    return { crm: 'sugarcrm', tenant: siteTenant(url), entityType: m[1]!, recordId: m[2]!.toLowerCase() };
  },
  readName(doc) {
    // The record header renders the `fullname` (people) or `name` field in `.headerpane h1`
    // (SugarCRM 12 clients/base/views/record/headerpane.hbs); `[data-fieldname]` skips the label.
    return textOf(
      doc,
      '.headerpane h1 .record-cell[data-type="fullname"] [data-fieldname], .headerpane h1 .record-cell[data-type="name"] [data-fieldname]',
    );
  },
};
