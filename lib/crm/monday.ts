import { titleOf } from './page-text';
import { textOf, type CrmAdapter } from './types';
import { INT_ID, subdomainOf } from './url-helpers';

/** "Board - Item" titles (range-labs/range-sync filter/monday.js trims the first part). */
const titleParts = (doc: Document) => {
  const title = titleOf(doc);
  const cut = title.indexOf(' - ');
  return cut > 0 ? { board: title.slice(0, cut).trim(), item: title.slice(cut + 3).trim() } : null;
};

/**
 * monday sales CRM: `{account}.monday.com/boards/{board}/pulses/{item}[/posts/{update}]`. Items of
 * every board look alike, so the type is `item` until the page names the board (Contacts, Deals…).
 */
export const monday: CrmAdapter = {
  id: 'monday',
  label: 'monday sales CRM',
  matches: ['https://*.monday.com/*'],
  parse(url) {
    const tenant = subdomainOf(url.hostname, 'monday.com');
    // A trailing /posts/{id} is an update on the item: the record is still the pulse.
    const m = /^\/boards\/(\d+)\/pulses\/([^/]+)(?:\/posts\/\d+)?\/?$/.exec(url.pathname);
    if (!tenant || !m || !INT_ID.test(m[2]!)) return null;
    return { crm: 'monday', tenant, entityType: 'item', recordId: m[2]! };
  },
  // Item side panel and board header per DevartSoftware/tmetric-plugins integrations/monday.ts.
  readName: (doc) => textOf(doc, '.slide-panel-content .title-wrapper') ?? (titleParts(doc)?.item || null),
  readType: (doc) => textOf(doc, '.board-header-main .board-name') ?? (titleParts(doc)?.board || null),
};
