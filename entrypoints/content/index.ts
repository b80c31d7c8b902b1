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
    const ui = createPageUi(ctx.signal);
    ctx.onInvalidated(() => ui.remove());
    let seq = 0;

    /** Tells the background what this tab shows (it checks the record against the tab's address). */
    async function report(rec: PageRecord | null) {
      const mine = ++seq;
      ui.show(rec && { crm: rec.crm, titleSelector: rec.adapter.titleSelector });
      if (!rec) {
        key = null;
        ui.setRecord(null, null);
        await call('page.report', { record: null }).catch(() => {});
        return;
      }
      const refined = rec.entityType !== rec.adapter.parse(new URL(rec.url))?.entityType;
      try {
        const reply = await call('page.report', {
          record: { name: rec.name, ...(refined ? { entityType: rec.entityType } : {}) },
        });
        if (mine === seq) {
          key = reply?.key ?? null;
          ui.setRecord(key, reply?.active ?? null);
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
        (r) => ui.setRecord(key, r.active),
        () => {},
      );

    watchChanges((change) => {
      if (change.all) void report(current);
      else if (change.recount) void recount();
    }, ctx.signal);
    watchRecord(
      ctx,
      (rec) => void report((current = rec)),
      () => ui.place(),
    );

    // From the background: keyboard shortcuts, our frames' requests, and "this site was switched off".
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const m = message as { type?: string; name?: string; ui?: PageUi };
      if (m?.type === COMMAND_MESSAGE_TYPE) {
        if (m.name === PAGE_COMMANDS.newConnection) ui.newConnection();
        if (m.name === PAGE_COMMANDS.togglePanel) ui.togglePanel();
        if (m.name === PAGE_COMMANDS.openPanel) ui.togglePanel(true);
      } else if (m?.type === PAGE_UI_MESSAGE_TYPE && m.ui) {
        ui.fromFrame(m.ui);
      } else if (m?.type === TEARDOWN_MESSAGE_TYPE) {
        browser.runtime.onMessage.removeListener(onMessage);
        ui.remove();
        ctx.abort();
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
