import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LIMITS } from '../../lib/model/limits';
import { adapterById, detectRecord, keepsPreviousRecord, type CrmAdapter, type DetectedRecord } from '../../lib/crm';
import { watchEdits } from './edit-guard';

/** The record this page shows, with its name once the page has rendered it. */
export interface PageRecord extends DetectedRecord {
  name: string;
  url: string;
  adapter: CrmAdapter;
}

/** How often pages whose name is a form field's value are looked at (values change silently). */
const FIELD_POLL_MS = 100;
/**
 * After an in-app navigation the page may still show the previous record's name for a while
 * (sao changes the address first, then loads the record): a name equal to it is taken only
 * after this long, in case the two records share a name.
 */
const STALE_NAME_MS = 2_000;
/** For that long after a navigation, a record whose name has not shown yet is looked at every frame. */
const PENDING_POLL_MS = 16;

const identity = (r: DetectedRecord) => `${r.crm}\n${r.tenant}\n${r.entityType}\n${r.recordId}`;

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
  let adapter: CrmAdapter | null = null;
  /** The record the address names (shown or not), and the last record named on the page. */
  let addressed = '';
  let lastNamed: { id: string; name: string } | null = null;
  let stale: { name: string; until: number } | null = null;
  let navigatedAt = 0;
  let pending = 0;
  let poll = 0;
  let soonAgain = 0;

  const report = (next: PageRecord | null) => {
    const changed = next
      ? !current || identity(current) !== identity(next) || current.name !== next.name || current.url !== next.url
      : !!current;
    if (changed) onChange((current = next));
  };

  // Field values change without mutations: look on a timer while such a CRM is on screen.
  const pollWhile = (on: boolean) => {
    if (on && !poll) poll = ctx.setInterval(check, FIELD_POLL_MS);
    if (!on && poll) poll = (clearInterval(poll), 0);
  };

  function check() {
    pending = 0;
    if (keepsPreviousRecord(location.href)) return;
    const url = new URL(location.href);
    const detected = detectRecord(url);
    adapter = (detected && adapterById(detected.crm)) ?? null;
    pollWhile(!!adapter?.recordForm);
    if (!detected || !adapter) {
      addressed = '';
      return report(null);
    }
    // An address the page has not taken up yet shows nothing new: only the record already on
    // screen, when it names that again.
    const onScreen = current && identity(current) === identity(detected);
    if (adapter.showsAddress && !adapter.showsAddress(document, url) && !onScreen) {
      report(null);
      return afterCheck();
    }
    if (identity(detected) !== addressed) {
      addressed = identity(detected);
      navigatedAt = Date.now();
      edits.reset();
      const before = lastNamed && lastNamed.id !== addressed ? lastNamed.name : null;
      stale = before ? { name: before, until: Date.now() + STALE_NAME_MS } : null;
      if (stale) ctx.setTimeout(check, STALE_NAME_MS);
    }
    // A page can show anything as a title: keep what fits a record name (lib/model/limits.ts).
    let name = (adapter.readName(document, detected) ?? '').slice(0, LIMITS.recordName);
    if (stale && name && (name !== stale.name || Date.now() >= stale.until)) stale = null;
    if (stale) name = '';
    // A draft typed into the record's form is not its name until saved.
    if (edits.editing && current && identity(current) === addressed) name = current.name;
    if (name) lastNamed = { id: addressed, name };
    // The name usually follows within a few frames (sao fills the form once the record loaded),
    // and a field value or a heading swapped in place may bring no mutation to wake us.
    else if (!soonAgain && Date.now() - navigatedAt < STALE_NAME_MS)
      soonAgain = ctx.setTimeout(() => ((soonAgain = 0), check()), PENDING_POLL_MS);
    if (!name && adapter.nameProvesRecord) {
      report(null);
    } else {
      const entityType = adapter.readType?.(document, detected);
      report({ ...detected, entityType: entityType ?? detected.entityType, name, url: location.href, adapter });
    }
    afterCheck();
  }

  // DOM changes come in bursts; coalesce them into one check.
  const schedule = () => {
    if (!pending) pending = ctx.setTimeout(check, 50);
  };
  const edits = watchEdits(ctx, () => adapter, schedule);
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
