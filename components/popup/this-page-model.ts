import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { detectRecord, adapterById } from '../../lib/crm';
import { call } from '../../lib/messaging/client';
import { COMMAND_MESSAGE_TYPE, PAGE_COMMANDS } from '../../lib/messaging/ports';
import type { Responses } from '../../lib/messaging/protocol';
import { recordKey } from '../../lib/model/record-ref';

type SiteStatus = Responses['sites.status'];

/** What the popup knows about the tab it was opened over. */
export interface PageInfo {
  tabId: number | null;
  url: string | null;
  site: SiteStatus;
  record: { crm: string; label: string; entityType: string; key: string; name: string; active: number } | null;
}

/** State and actions of the popup's "This page" view. */
export function createThisPageModel() {
  const info = signal<PageInfo | null>(null);
  const message = signal<string | null>(null);
  const busy = signal(false);

  const load = async () => {
    // activeTab lets the popup read the URL of the tab it was opened over.
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const url = tab?.url ?? null;
    const site = url ? await call('sites.status', { url }) : null;
    const found = url ? detectRecord(url) : null;
    let record: PageInfo['record'] = null;
    if (found) {
      const key = recordKey(found);
      const [seen, list] = await Promise.all([
        call('records.get', { key }),
        call('connections.listForRecord', { key, status: 'active' }),
      ]);
      const label = adapterById(found.crm)?.label ?? found.crm;
      record = {
        crm: found.crm,
        label,
        entityType: seen?.entityType ?? found.entityType,
        key,
        name: seen?.name ?? '',
        active: list.length,
      };
    }
    info.value = { tabId: tab?.id ?? null, url, site, record };
  };

  return {
    info,
    message,
    busy,
    load: () => load().catch((e: Error) => (message.value = e.message)),
    /** Opens the Connections panel in the page (the popup closes itself then). */
    async openPanel() {
      const tabId = info.value?.tabId;
      if (tabId === null || tabId === undefined) return;
      try {
        await browser.tabs.sendMessage(tabId, { type: COMMAND_MESSAGE_TYPE, name: PAGE_COMMANDS.openPanel });
        window.close();
      } catch {
        message.value = 'The page is not ready yet: reload it, then try again.';
      }
    },
    /** Must run inside the click handler: the browser only asks the user during a user gesture. */
    enable() {
      const site = info.value?.site;
      if (!site) return;
      busy.value = true;
      message.value = null;
      browser.permissions
        .request({ origins: [site.pattern] })
        .then(async (granted) => {
          if (!granted) {
            message.value = `Access to ${site.origin} was not granted, so the extension stays off there. Click "Enable on this site" again and choose Allow.`;
            return;
          }
          await call('sites.enable', { origin: site.origin });
          message.value = `Enabled on ${site.origin}.`;
          await load();
        })
        .catch((e: Error) => (message.value = e.message))
        .finally(() => (busy.value = false));
    },
    disable() {
      const site = info.value?.site;
      if (!site) return;
      busy.value = true;
      call('sites.disable', { origin: site.origin })
        .then(async () => {
          message.value = `Disabled on ${site.origin}.`;
          await load();
        })
        .catch((e: Error) => (message.value = e.message))
        .finally(() => (busy.value = false));
    },
  };
}

export type ThisPageModel = ReturnType<typeof createThisPageModel>;
