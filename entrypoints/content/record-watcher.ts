import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LIMITS } from '../../lib/model/limits';
import { adapterById, detectRecord, keepsPreviousRecord, type CrmAdapter, type DetectedRecord } from '../../lib/crm';

/** The record this page shows, with its name once the page has rendered it. */
export interface PageRecord extends DetectedRecord {
  name: string;
  url: string;
  adapter: CrmAdapter;
}

/**
 * Follows the page's record: detects it from the URL on load and on every in-app navigation,
 * and reads its name from the page, again whenever the page changes (late render, rename).
 * Calls `onChange` with the new record (or null off record pages) only when something changed,
 * and `afterCheck` after every look at the page (the UI keeps its place in a re-rendered page).
 */
export function watchRecord(
  ctx: ContentScriptContext,
  onChange: (record: PageRecord | null) => void,
  afterCheck: () => void = () => {},
) {
  let current: PageRecord | null = null;
  let pending = 0;

  const check = () => {
    pending = 0;
    if (keepsPreviousRecord(location.href)) return;
    const detected = detectRecord(location.href);
    const adapter = detected && adapterById(detected.crm);
    if (!detected || !adapter) {
      if (current) onChange((current = null));
      return;
    }
    // A page can show anything as a title: keep what fits a record name (DESIGN.md §3 limits).
    let name = (adapter.readName(document, detected) ?? '').slice(0, LIMITS.recordName);
    // Right after an in-app navigation the heading may still show the previous record.
    if (current && current.recordId !== detected.recordId && name === current.name) name = '';
    const entityType = adapter.readType?.(document, detected);
    const next: PageRecord = {
      ...detected,
      entityType: entityType ?? detected.entityType,
      name,
      url: location.href,
      adapter,
    };
    if (!current || current.recordId !== next.recordId || current.name !== next.name || current.url !== next.url) {
      onChange((current = next));
    }
    afterCheck();
  };

  // DOM changes come in bursts; coalesce them into one check.
  const schedule = () => {
    if (!pending) pending = ctx.setTimeout(check, 50);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  ctx.onInvalidated(() => observer.disconnect());
  // WXT signals URL changes from the Navigation API's `navigate` event, which fires before the
  // new URL is current: check on the next task, when location.href has it.
  const soon = () => ctx.setTimeout(check, 0);
  ctx.addEventListener(window, 'wxt:locationchange', soon);
  ctx.addEventListener(window, 'popstate', soon);
  ctx.addEventListener(window, 'hashchange', soon);
  check();
}
