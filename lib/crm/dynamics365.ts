import { textOf, type CrmAdapter } from './types';

const GUID = /^[{]?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[}]?$/i;

/**
 * Object type codes of standard entities (stable across orgs). Custom entities have codes
 * ≥ 10000 that differ per org, so they stay unresolved here and the page refines them.
 * Sources: MS CRM4 developer guide bb887791; antony-butcher.co.uk type code list.
 */
const ETC: Record<string, string> = {
  '1': 'account',
  '2': 'contact',
  '3': 'opportunity',
  '4': 'lead',
  '8': 'systemuser',
  '9': 'team',
  '112': 'incident',
  '1084': 'quote',
  '1088': 'salesorder',
  '1090': 'invoice',
  '4200': 'activitypointer',
  '4201': 'appointment',
  '4202': 'email',
  '4204': 'fax',
  '4210': 'phonecall',
  '4212': 'task',
  '4400': 'campaign',
  '1024': 'product',
  '10': 'businessunit',
  '3234': 'connection',
};

const normaliseGuid = (raw: string | null) => {
  if (!raw) return null;
  const m = GUID.exec(raw.trim());
  return m ? m[1]!.toLowerCase() : null;
};

/** Legacy forms put the id only inside `extraqs`, encoded twice. */
function idFromExtraqs(extraqs: string | null): string | null {
  if (!extraqs) return null;
  try {
    const inner = new URLSearchParams(decodeURIComponent(extraqs).replace(/^\?/, ''));
    return inner.get('id');
  } catch {
    return null;
  }
}

/** Dynamics 365 / Power Apps model-driven apps: Unified Interface, legacy and on-premises. */
export const dynamics365: CrmAdapter = {
  id: 'dynamics365',
  label: 'Dynamics 365',
  // The CRM regions (crm, crm2 … crm21) only: *.dynamics.com would include Business Central.
  matches: [
    'https://*.crm.dynamics.com/*',
    ...Array.from({ length: 20 }, (_, i) => `https://*.crm${i + 2}.dynamics.com/*`),
  ],
  parse(url, raw) {
    if (!/\/main\.aspx$/i.test(url.pathname)) return null;
    const q = url.searchParams;
    if (q.get('pagetype')?.toLowerCase() !== 'entityrecord') return null;
    const recordId = normaliseGuid(q.get('id') ?? idFromExtraqs(q.get('extraqs')));
    if (!recordId) return null;
    const etc = q.get('etc');
    const entityType = q.get('etn')?.toLowerCase() || (etc ? (ETC[etc] ?? `etc-${etc}`) : 'unknown');
    // Online the org is the host; on-premises it is the first path segment (/{Org}/main.aspx),
    // but not the app segment of /apps/{name}/main.aspx.
    const first = url.pathname.split('/').filter(Boolean)[0];
    const onPrem = !url.hostname.endsWith('.dynamics.com') && first && !/^(main\.aspx|apps)$/i.test(first);
    // On-premises server names are shown as their admins wrote them (CRMServer/Organization).
    const host = (raw && /^https?:\/\/([^/?#]+)/i.exec(raw)?.[1]) || url.host;
    const tenant = onPrem ? `${host}/${first}` : url.host;
    return { crm: 'dynamics365', tenant, entityType, recordId };
  },
  titleSelector: 'h1[data-id="header_title"]',
  readName(doc) {
    const title = textOf(doc, 'h1[data-id="header_title"]');
    // The header shows the save state after the name: "Contoso - Saved", "… - Unsaved".
    return title ? title.replace(/\s+-\s+(Saved|Unsaved|Saving…?|Read-only)$/i, '').trim() || null : null;
  },
  readType(doc, record) {
    // Only custom type codes (etc-10042) and missing types need the page's entity label.
    if (!/^(etc-|unknown$)/.test(record.entityType)) return null;
    return textOf(doc, '[data-id="entity_name_span"]');
  },
};
