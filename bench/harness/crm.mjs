// What the UI scenarios need to know about the demo CRMs and the in-page UI, from Node.

/** The shadow host of the in-page UI (entrypoints/content/mount.tsx). */
export const UI_HOST = 'crm-connections';

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
 * Waits until the UI shows record `key`, and, when `count` is given, that many active
 * connections (so its list has loaded).
 */
export async function waitForRecord(page, key, count, timeout = 15_000) {
  await page.waitForFunction(
    ([host, key, count]) => {
      const app = document.querySelector(host)?.shadowRoot?.querySelector('.app');
      if (app?.getAttribute('data-record-key') !== key) return false;
      const shown = app.getAttribute('data-active-count');
      return count === undefined ? true : shown === String(count);
    },
    [UI_HOST, key, count],
    { timeout },
  );
}
