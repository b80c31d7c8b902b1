import { isSalesforceId, KEY_PREFIXES, toCaseSafeId } from './salesforce-id';
import type { CrmAdapter, DetectedRecord } from './types';

const HOSTS = /(^|\.)(lightning\.force\.com|my\.salesforce\.com|salesforce\.com|force\.com)$/i;

/** The My Domain label (or instance) that scopes ids: `acme` of acme.lightning.force.com. */
const tenantOf = (host: string) => host.toLowerCase().split('.')[0]!;

function record(url: URL, rawId: string, objectName?: string): DetectedRecord | null {
  if (!isSalesforceId(rawId)) return null;
  const recordId = toCaseSafeId(rawId);
  // The URL's object segment is the API name; otherwise the key prefix names standard objects
  // and custom objects keep their prefix until the page tells more.
  const prefix = recordId.slice(0, 3);
  const entityType = objectName ?? KEY_PREFIXES[prefix] ?? prefix;
  return { crm: 'salesforce', tenant: tenantOf(url.hostname), entityType, recordId };
}

/** Salesforce Lightning (also app-scoped and the legacy one.app hash route) and Classic. */
export const salesforce: CrmAdapter = {
  id: 'salesforce',
  label: 'Salesforce',
  matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*', 'https://*.salesforce.com/*'],
  parse(url) {
    if (!HOSTS.test(url.hostname)) return null;
    const path = url.pathname;
    // /lightning/r/{Object}/{id}/view, /lightning/r/{id}/view, /lightning/app/{App}/r/…/view
    const lightning = /^\/lightning(?:\/app\/[\w]+)?\/r\/(?:([A-Za-z]\w*)\/)?([a-zA-Z0-9]{15,18})\/view\/?$/.exec(path);
    if (lightning) return record(url, lightning[2]!, lightning[1]);
    if (path.startsWith('/one/one.app')) {
      const m = /^#\/sObject\/([a-zA-Z0-9]{15,18})\/view(?:[/?]|$)/.exec(url.hash);
      return m ? record(url, m[1]!) : null;
    }
    // Classic: the id is the whole path (/003i000000im5km); /001/o lists and /{id}/e edits are not records.
    const classic = /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})\/?$/.exec(path);
    if (classic && !/lightning\./i.test(url.hostname)) return record(url, classic[1]!);
    return null;
  },
  readType(doc, record) {
    // A custom object's id prefix is org-specific: the Lightning title names its label.
    if (!/^[a-zA-Z0-9]{3}$/.test(record.entityType)) return null;
    return /^.+? \| ([^|]+) \| Salesforce$/.exec(doc.title.trim())?.[1]?.trim() ?? null;
  },
  readName(doc) {
    // Lightning: "{Name} | {Object label} | Salesforce"; Classic: "{Label}: {Name} ~ salesforce.com - …".
    const lightning = /^(.+?) \| [^|]+ \| Salesforce$/.exec(doc.title.trim());
    if (lightning) return lightning[1]!.trim();
    const classic = /^[^:]+:\s(.+?)\s~\s/.exec(doc.title.trim());
    return classic ? classic[1]!.trim() : null;
  },
};
