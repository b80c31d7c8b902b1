import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createChangeHub } from '../../lib/services/change-hub';
import { createHandlers } from '../../lib/services/handlers';
import { createRouter } from '../../lib/services/router';
import { senderKind } from '../../lib/services/sender';
import { siteService } from '../../lib/services/sites';
import { COMMAND_MESSAGE_TYPE } from '../../lib/messaging/ports';
import { siteOf } from '../../lib/model/sites';
import { openStore } from '../../lib/store';
import { browserEnv } from './browser-env';

/**
 * Composition root. Everything is wired synchronously so every listener is registered in the
 * worker's first turn (MV3 drops events that arrive before a listener exists); the database
 * is passed as a promise and awaited inside each call.
 */
export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const kindOf = (sender: unknown) => senderKind(sender as Parameters<typeof senderKind>[0], self);
  const hub = createChangeHub((sender) => kindOf(sender) !== null);
  const ctx = { db: openStore(), now: () => new Date(), newId: () => crypto.randomUUID(), emit: hub.emit };
  const env = browserEnv();
  const route = createRouter(createHandlers(ctx, env), kindOf);
  const sites = siteService(ctx, env.sites);

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.runtime.onConnect.addListener(hub.onConnect);
  browser.tabs.onRemoved.addListener((tabId) => void env.tabs.set(tabId, null));
  browser.commands.onCommand.addListener((name, tab) => void forwardCommand(name, tab?.id));
  // Access granted (from the popup, which may close while the browser asks): finish enabling.
  browser.permissions.onAdded.addListener(({ origins = [] }) => {
    for (const pattern of origins) {
      const site = siteOf(pattern);
      if (site) void sites.enable({ origin: site.origin }).catch((e) => console.error('Could not enable', pattern, e));
    }
  });
  // A site's access withdrawn in the browser's own settings: drop its registration too.
  browser.permissions.onRemoved.addListener(() => void sites.reconcile());
  // Every start of the worker: registrations may have been lost (Firefox keeps none across restarts).
  void sites.reconcile().catch((e) => console.error('Could not restore per-site content scripts', e));
});

/** Keyboard shortcuts act on the page: hand them to the content script of the active tab. */
async function forwardCommand(name: string, tabId?: number) {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  // No content script on this tab (not a CRM page): nothing to do.
  await browser.tabs.sendMessage(id, { type: COMMAND_MESSAGE_TYPE, name }).catch(() => {});
}
