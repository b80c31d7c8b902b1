import { isSalesforceId, KEY_PREFIXES, toCaseSafeId } from './salesforce-id';
import type { CrmAdapter, DetectedRecord } from './types';

// Commercial, government (.mil) and China (.sfcrmapps.cn) clouds, also behind the Defender for
// Cloud Apps proxy suffix .mcas.ms (Salesforce Inspector Reloaded addon/manifest.json).
const HOSTS = /\.(force\.com|salesforce\.com|force\.mil|sfcrmapps\.cn)(\.mcas\.ms)?$/i;

/**
 * The My Domain label that scopes ids: `acme` of acme.lightning.force.com and of
 * acme--c.vf.force.com (Visualforce hosts add `--c` or `--{namespace}` after the domain).
 */
const tenantOf = (host: string) => {
  const label = host.toLowerCase().split('.')[0]!;
  return /\.vf\.force\.com/i.test(host) ? label.replace(/--[a-z0-9_]+$/, '') : label;
};

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
  // My Domain hosts only: *.salesforce.com would also inject into www and help pages. Old
  // instance hosts (na15.salesforce.com) redirect to My Domain since it became mandatory.
  matches: [
    'https://*.lightning.force.com/*',
    'https://*.my.salesforce.com/*',
    'https://*.vf.force.com/*',
    'https://*.lightning.force.mil/*',
    'https://*.sfcrmapps.cn/*',
  ],
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
    // Visualforce pages name the record in ?id= (Inspector reads it the same way).
    if (/\.vf\.force\.com/i.test(url.hostname) && path.startsWith('/apex/')) {
      const id = url.searchParams.get('id');
      return id ? record(url, id) : null;
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
