import { textOf, type CrmAdapter } from './types';

/** objectTypeId → the type name HubSpot's API uses; custom objects (2-…) stay raw. */
const OBJECT_TYPES: Record<string, string> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
  '0-7': 'product',
  '0-8': 'line_item',
  '0-14': 'quote',
  '0-48': 'call',
  '0-136': 'lead',
  '0-162': 'service',
  '0-410': 'course',
  '0-420': 'listing',
  '0-421': 'appointment',
};

const LEGACY = new Set(['contact', 'company', 'deal', 'ticket']);

/** HubSpot, every data centre (app, app-eu1, app-na2…); tenant = portal (hub) id. */
export const hubspot: CrmAdapter = {
  id: 'hubspot',
  label: 'HubSpot',
  // The app hosts of each data centre, not www/knowledge/developers.hubspot.com.
  matches: ['app', 'app-eu1', 'app-na2', 'app-na3', 'app-ap1'].map((h) => `https://${h}.hubspot.com/*`),
  parse(url) {
    if (!/^app(-\w+)?\.hubspot\.com$/i.test(url.hostname)) return null;
    const current = /^\/contacts\/(\d+)\/record\/(\d+-\d+)\/(\d+)\/?$/.exec(url.pathname);
    if (current) {
      const [, tenant, typeId, recordId] = current;
      return { crm: 'hubspot', tenant: tenant!, entityType: OBJECT_TYPES[typeId!] ?? typeId!, recordId: recordId! };
    }
    const legacy = /^\/(?:contacts|sales)\/(\d+)\/([a-z]+)\/(\d+)\/?$/.exec(url.pathname);
    if (legacy && LEGACY.has(legacy[2]!)) {
      return { crm: 'hubspot', tenant: legacy[1]!, entityType: legacy[2]!, recordId: legacy[3]! };
    }
    return null;
  },
  keepsPrevious(url) {
    // Calling windows and embeds keep the record context (presence.test.js, docs/crm-url-patterns.md §2.3).
    return (
      /^app(-\w+)?\.hubspot\.com$/i.test(url.hostname) &&
      /^\/calling(-integration-popup-ui|-cross-tab-embed)?\//.test(url.pathname)
    );
  },
  readName(doc) {
    // Class names are generated; the test ids of the record sidebar are stable.
    return (
      textOf(doc, '[data-test-id="left-sidebar"] [data-selenium-test="highlightedPropertySidebar"] h1') ??
      textOf(doc, '[data-test-id="left-sidebar"] h1') ??
      textOf(doc, '[data-selenium-test="highlightedPropertySidebar"] h1')
    );
  },
};
