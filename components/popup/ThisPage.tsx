import { useEffect, useMemo } from 'preact/hooks';
import { recordTypeLabel } from '../../lib/crm/type-labels';
import { SyncLine } from './SyncLine';
import { createThisPageModel } from './this-page-model';

const type = (r: { crm: string; entityType: string }) => recordTypeLabel(r.crm, r.entityType);

/** The popup's "This page": the record on the current tab, and switching the site on or off. */
export function ThisPage() {
  const model = useMemo(createThisPageModel, []);
  useEffect(() => void model.load(), [model]);
  const info = model.info.value;

  return (
    <section aria-labelledby="this-page-title" class="this-page">
      <h1 id="this-page-title">This page</h1>
      {!info && <p>Loading…</p>}
      {info && !info.site && <p>Open a CRM record page to see its connections here.</p>}
      {info?.record && (info.site?.builtIn || info.site?.enabled) && (
        <p data-testid="this-record">
          <strong>{info.record.name || `${type(info.record)} ${info.record.key.split(':').pop()}`}</strong>
          <br />
          {info.record.label} · {type(info.record)} · {info.record.active} active connection
          {info.record.active === 1 ? '' : 's'}
        </p>
      )}
      {info?.record && (info.site?.builtIn || info.site?.enabled) && (
        <button type="button" class="primary" autoFocus={info.site?.builtIn} onClick={() => void model.openPanel()}>
          Open Connections
        </button>
      )}
      {info?.site && !info.record && (info.site.builtIn || info.site.enabled) && <p>This page is not a CRM record.</p>}
      {info?.site && !info.site.builtIn && !info.site.enabled && (
        <>
          <p>
            The extension is off on {info.site.origin}. Enable it here if this is your CRM (a self-hosted one, say).
          </p>
          <button type="button" autoFocus disabled={model.busy.value} onClick={() => model.enable()}>
            Enable on this site
          </button>
        </>
      )}
      {info?.site?.enabled && (
        <button type="button" autoFocus disabled={model.busy.value} onClick={() => model.disable()}>
          Disable on this site
        </button>
      )}
      {model.message.value && (
        <p role="status" class="message">
          {model.message.value}
        </p>
      )}
      <SyncLine />
    </section>
  );
}
