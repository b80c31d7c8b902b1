import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { clipText, LIMITS } from '../../lib/model/limits';
import { adapterById, detectRecord, keepsPreviousRecord, type CrmAdapter, type DetectedRecord } from '../../lib/crm';
import { watchPageChanges } from './page-changes';
import { oneShot, repeating } from './timers';

/** The record this page shows, with its name once the page has rendered it. */
export interface PageRecord extends DetectedRecord {
  name: string;
  url: string;
  adapter: CrmAdapter;
}

/** How often pages whose name is a form field's value are looked at (values change silently). */
const FIELD_POLL_MS = 100;
/**
 * After an in-app navigation the page may still show the previous record (sao changes the
 * address first, then loads the record; a tab it leaves alone keeps showing the old one). Where
 * the CRM gives a fingerprint, a record that matches the previous one's is that one, never the
 * next; otherwise a name equal to the previous one is taken once the page has changed since,
 * and this long after, in case the two records share a name.
 */
const STALE_NAME_MS = 2_000;
/** For that long after a navigation, a record form whose name has not shown yet is looked at every frame. */
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
  /** The record the address names (shown or not), and the last record named on the page. */
  let addressed = '';
  let lastNamed: { id: string; name: string; print: string } | null = null;
  let navigatedAt = 0;
  let stale: { name: string; print: string } | null = null;
  let pageChanged = false;
  /** Records the user has typed into and not saved, with the name they had before. */
  const drafts = new Map<string, string>();

  const report = (next: PageRecord | null) => {
    const changed = next
      ? !current || identity(current) !== identity(next) || current.name !== next.name || current.url !== next.url
      : !!current;
    if (changed) onChange((current = next));
  };

  /**
   * What the address says, worked out once per address: a check runs at every burst of DOM
   * changes, and asking each of the 24 adapters again was most of its time.
   */
  let known: { href: string; url: URL; keeps: boolean; detected: DetectedRecord | null } | null = null;
  const address = () => {
    const href = location.href;
    if (known?.href !== href) {
      const url = new URL(href);
      known = { href, url, keeps: keepsPreviousRecord(href), detected: detectRecord(url) };
    }
    return known;
  };

  function check() {
    const { url, keeps, detected } = address();
    if (keeps) return;
    const changes = page.take();
    // A confirmed save ends the draft of the record that was on screen.
    if (changes.saved) drafts.delete(addressed);
    const adapter = (detected && adapterById(detected.crm)) ?? null;
    page.watchNotice(adapter?.savedNotice);
    fieldPoll.set(!!adapter?.recordForm);
    if (!detected || !adapter) {
      addressed = '';
      report(null);
      return afterCheck();
    }
    const id = identity(detected);
    // An address the page has not taken up yet shows nothing new: only the record already on
    // screen, when it names that again.
    if (adapter.showsAddress && !adapter.showsAddress(document, url) && !(current && identity(current) === id)) {
      report(null);
      return afterCheck();
    }
    if (id !== addressed) {
      addressed = id;
      navigatedAt = performance.now();
      stale = lastNamed && lastNamed.id !== id ? lastNamed : null;
      // What changed before we saw the new address belongs to the page it left.
      pageChanged = false;
    } else if (changes.any) {
      pageChanged = true;
    }
    const since = performance.now() - navigatedAt;
    // A page can show anything as a title: keep what fits a record name (lib/model/limits.ts).
    let name = clipText(adapter.readName(document, detected) ?? '', LIMITS.recordName);
    const print = adapter.readFingerprint?.(document, detected) ?? name;
    if (stale && name && print !== stale.print) stale = null;
    // Without a fingerprint, a same name is taken once the page has changed since, and a while.
    else if (stale && name && !adapter.readFingerprint && pageChanged && since >= STALE_NAME_MS) stale = null;
    if (stale) {
      name = '';
      if (pageChanged && !adapter.readFingerprint) staleExpiry.after(Math.max(0, STALE_NAME_MS - since) + 1);
    }
    // What the user types into the record's form is a draft until the page confirms a save.
    const draft = drafts.get(id);
    if (draft !== undefined) name = draft;
    if (name) lastNamed = { id, name, print };
    // Where the name is a form field's value (which changes without a mutation to wake us), it
    // usually follows within a few frames: look every frame for a while. Elsewhere the name
    // coming brings a mutation of the page.
    else if (since < STALE_NAME_MS && adapter.recordForm) soon.after(PENDING_POLL_MS);
    if (!name && adapter.nameProvesRecord) report(null);
    else {
      const entityType = adapter.readType?.(document, detected);
      report({ ...detected, entityType: entityType ?? detected.entityType, name, url: location.href, adapter });
    }
    afterCheck();
  }

  const soon = oneShot(ctx, check);
  const staleExpiry = oneShot(ctx, check);
  // DOM changes come in bursts; coalesce them into one check.
  const coalesced = oneShot(ctx, check);
  const fieldPoll = repeating(ctx, check, FIELD_POLL_MS);
  const page = watchPageChanges(() => coalesced.after(50));
  ctx.onInvalidated(() => page.disconnect());

  // Typing into the record's form (trusted input only: a page script cannot stand in for the user).
  ctx.addEventListener(
    document,
    'input',
    (e) => {
      const adapter = current?.adapter;
      const form = adapter?.recordForm?.(document);
      if (!e.isTrusted || !current || !form || !(e.target instanceof Node) || !form.contains(e.target)) return;
      const id = identity(current);
      if (!drafts.has(id)) drafts.set(id, current.name);
    },
    { capture: true },
  );
  // WXT signals URL changes from the Navigation API's `navigate` event, which fires before the
  // new URL is current: check on the next task, when location.href has it.
  const next = oneShot(ctx, check);
  ctx.addEventListener(window, 'wxt:locationchange', () => next.after(0));
  ctx.addEventListener(window, 'popstate', () => next.after(0));
  ctx.addEventListener(window, 'hashchange', () => next.after(0));
  check();
}
