import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ADAPTERS } from '../../lib/crm';
import { call, watchChanges } from '../../lib/messaging/client';
import {
  COMMAND_MESSAGE_TYPE,
  PAGE_COMMANDS,
  PAGE_UI_MESSAGE_TYPE,
  TEARDOWN_MESSAGE_TYPE,
} from '../../lib/messaging/ports';
import type { PageUi } from '../../lib/messaging/protocol';
import { watchRecord, type PageRecord } from './record-watcher';
import { createPageUi } from './ui/page-ui';

export default defineContentScript({
  // Only the SaaS CRM hosts; self-hosted CRMs are enabled per site at run time.
  matches: ADAPTERS.flatMap((a) => a.matches),
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  main(ctx) {
    // Made when the first record shows: on a page that is not a record, detection is all we do.
    let made: ReturnType<typeof createPageUi> | null = null;
    let watching = false;
    const ui = () => {
      if (made) return made;
      made = createPageUi(ctx.signal);
      // From then on, the change feed says when the count may have changed (another tab, sync).
      if (!watching) {
        watching = true;
        watchChanges((change) => {
          if (change.all) void report(current);
          else if (change.recount) void recount();
        }, ctx.signal);
      }
      return made;
    };
    // Back from the back/forward cache: meanwhile the background has served the page that came
    // after (its record, its frames' tokens), so this page gets new frames and reports again.
    window.addEventListener(
      'pageshow',
      (e) => {
        if (!e.isTrusted || !e.persisted || !made) return;
        made.remove();
        made = null;
        void report(current);
      },
      { signal: ctx.signal },
    );
    ctx.onInvalidated(() => made?.remove());
    let seq = 0;

    /** Tells the background what this tab shows (it checks the record against the tab's address). */
    async function report(rec: PageRecord | null) {
      const mine = ++seq;
      if (!rec) {
        key = null;
        made?.show(null);
        made?.setRecord(null, null);
        // Also on a page that never showed one: the tab may have come from a record page.
        await call('page.report', { record: null }).catch(() => {});
        return;
      }
      const id = `${rec.crm}\n${rec.tenant}\n${rec.recordId}`;
      ui().show({ id, crm: rec.crm, titleSelector: rec.adapter.titleSelector });
      const refined = rec.entityType !== rec.adapter.parse(new URL(rec.url))?.entityType;
      try {
        const reply = await call('page.report', {
          record: { url: rec.url, name: rec.name, ...(refined ? { entityType: rec.entityType } : {}) },
        });
        if (mine === seq) {
          key = reply?.key ?? null;
          ui().setRecord(key, reply?.active ?? null);
        }
      } catch {
        // The address moved on while we asked: the next look at the page reports again.
      }
    }
    let current: PageRecord | null = null;
    let key: string | null = null;
    const recount = () =>
      key &&
      call('page.count', {}).then(
        (r) => made?.setRecord(key, r.active),
        () => {},
      );

    watchRecord(
      ctx,
      (rec) => void report((current = rec)),
      () => made?.place(),
    );

    // From the background: keyboard shortcuts, our frames' requests, and "this site was switched off".
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const m = message as { type?: string; name?: string; ui?: PageUi };
      if (m?.type === COMMAND_MESSAGE_TYPE) {
        if (m.name === PAGE_COMMANDS.newConnection) made?.newConnection();
        if (m.name === PAGE_COMMANDS.togglePanel) made?.togglePanel();
        if (m.name === PAGE_COMMANDS.openPanel) made?.togglePanel(true);
      } else if (m?.type === PAGE_UI_MESSAGE_TYPE && m.ui) {
        made?.fromFrame(m.ui);
      } else if (m?.type === TEARDOWN_MESSAGE_TYPE) {
        browser.runtime.onMessage.removeListener(onMessage);
        made?.remove();
        ctx.abort();
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
