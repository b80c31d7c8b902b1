import { render } from 'preact';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ConnectionsBadge } from '../../components/ConnectionsBadge';
import { createRecordModel } from '../../components/record-model';
import { watchChanges } from '../../lib/messaging/client';
import { ADAPTERS } from '../../lib/crm';
import { watchRecord } from './record-watcher';
import css from './style.css?inline';

export default defineContentScript({
  // Only the SaaS CRM hosts; self-hosted CRMs are enabled per site at run time.
  matches: ADAPTERS.flatMap((a) => a.matches),
  runAt: 'document_idle',
  cssInjectionMode: 'manual',
  async main(ctx) {
    const model = createRecordModel();
    const ui = await createShadowRootUi(ctx, {
      name: 'crm-connections',
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
  },
});
