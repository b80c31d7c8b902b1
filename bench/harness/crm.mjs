// What the UI scenarios need to know about the demo CRMs and the in-page UI, from Node.
import { inPageNodes } from '../../scripts/in-page.mjs';

export { clickOurs, OURS, panelOpen, waitForFrame } from '../../scripts/in-page.mjs';

// Same rule as recordKey() in lib/model/record-ref.ts, which a plain .mjs runner cannot import.
// A drift shows up at once: the page never shows the expected key and the wait times out.
const TENANT_WIDE_IDS = new Set(['dynamics365', 'salesforce']);
const enc = encodeURIComponent;

/** Canonical key of a record: `crm:tenant:type:id`, the type as `*` where ids are tenant-wide. */
export function recordKey(r) {
  const crm = r.crm.trim().toLowerCase();
  const tenant = r.tenant.trim().toLowerCase();
  const type = TENANT_WIDE_IDS.has(crm) ? '*' : enc(r.entityType.trim().toLowerCase());
  return `${enc(crm)}:${enc(tenant)}:${type}:${enc(r.recordId.trim())}`;
}

/** A demo record as the protocol takes it (RecordInputSchema: no display fields). */
export const asInput = ({ crm, tenant, entityType, recordId, name, url }) => ({
  crm,
  tenant,
  entityType,
  recordId,
  name,
  url,
});

/**
 * Waits until the in-page UI shows record `key` (read from inside its closed shadow root through
 * the DevTools protocol, scripts/in-page.mjs) and, when `count` is given, that many active
 * connections on its Connect (so the count has arrived).
 */
export async function waitForRecord(page, key, count, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const wrap = (await inPageNodes(page).catch(() => [])).find((n) => n.attrs.class?.split(' ').includes('connect'));
    const shown = wrap?.attrs['data-record-key'] === key;
    if (shown && (count === undefined || wrap.attrs['data-active-count'] === String(count))) return;
    if (Date.now() > end) throw new Error(`The UI did not show ${key}${count === undefined ? '' : ` with ${count}`}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
