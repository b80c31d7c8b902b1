import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createPageModel } from '../../components/page/page-model';
import { ADAPTERS } from '../../lib/crm';
import { watchChanges } from '../../lib/messaging/client';
import { COMMAND_MESSAGE_TYPE, PAGE_COMMANDS, TEARDOWN_MESSAGE_TYPE } from '../../lib/messaging/ports';
import { mountPageUi, UI_NAME } from './mount';
import { watchRecord } from './record-watcher';

export default defineContentScript({
  // Only the SaaS CRM hosts; self-hosted CRMs are enabled per site at run time.
  matches: ADAPTERS.flatMap((a) => a.matches),
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    // A newer copy of this script (the extension updated, a site enabled again) takes over:
    // WXT invalidates the older one, which removes its UI; leftovers of a crashed one go too.
    for (const stale of document.querySelectorAll(`${UI_NAME}, ${UI_NAME}-connect`)) stale.remove();
    const model = createPageModel();
    let ui: ReturnType<typeof mountPageUi> | null = null;
    ctx.onInvalidated(() => ui?.remove());

    watchChanges((change) => model.onChange(change), ctx.signal);
    watchRecord(
      ctx,
      (rec) => {
        if (rec && !ui) ui = mountPageUi(model, rec.adapter.titleSelector);
        void model.show(
          rec && {
            crm: rec.crm,
            crmLabel: rec.adapter.label,
            tenant: rec.tenant,
            entityType: rec.entityType,
            recordId: rec.recordId,
            name: rec.name,
            url: rec.url,
          },
        );
      },
      () => ui?.place(),
    );

    // From the background: keyboard shortcuts, and "this site was switched off".
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      const m = message as { type?: string; name?: string };
      if (m?.type === COMMAND_MESSAGE_TYPE && model.record.value) {
        if (m.name === PAGE_COMMANDS.newConnection) void model.dialog.openNew();
        if (m.name === PAGE_COMMANDS.togglePanel) model.togglePanel();
        if (m.name === PAGE_COMMANDS.openPanel) model.togglePanel(true);
      } else if (m?.type === TEARDOWN_MESSAGE_TYPE) {
        browser.runtime.onMessage.removeListener(onMessage);
        ui?.remove();
        ui = null;
        ctx.abort();
      }
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
