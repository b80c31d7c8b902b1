import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ConnectionsBadge } from '../../components/ConnectionsBadge';
import { createRecordModel } from '../../components/record-model';
import { ADAPTERS } from '../../lib/crm';
import { watchChanges } from '../../lib/messaging/client';
import { TEARDOWN_MESSAGE_TYPE } from '../../lib/messaging/ports';
import { watchRecord } from './record-watcher';
import css from './style.css?inline';

const UI_NAME = 'crm-connections';

export default defineContentScript({
  // Only the SaaS CRM hosts; self-hosted CRMs are enabled per site at run time.
  matches: ADAPTERS.flatMap((a) => a.matches),
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    // Enabling a site injects into its open tabs; a page that already has the UI keeps it.
    if (document.querySelector(UI_NAME)) return;
    const model = createRecordModel();
    const ui = await createShadowRootUi(ctx, {
      name: UI_NAME,
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css,
      onMount: (container) => render(<ConnectionsBadge model={model} />, container),
      onRemove: (container) => container && render(null, container),
    });
    ui.mount();
    watchChanges((change) => model.onChange(change), ctx.signal);
    watchRecord(ctx, (rec) => {
      void model.show(
        rec && {
          crm: rec.crm,
          tenant: rec.tenant,
          entityType: rec.entityType,
          recordId: rec.recordId,
          name: rec.name,
          url: rec.url,
        },
      );
    });
    // The site was switched off in the popup: leave the page as it was.
    const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
      if (sender.id !== browser.runtime.id || sender.tab) return;
      if ((message as { type?: string })?.type !== TEARDOWN_MESSAGE_TYPE) return;
      browser.runtime.onMessage.removeListener(onMessage);
      ui.remove();
      ctx.abort();
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  },
});
