import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createChangeHub } from '../../lib/services/change-hub';
import { createBackground } from '../../lib/services/handlers';
import { createRouter } from '../../lib/services/router';
import { senderKind } from '../../lib/services/sender';
import { COMMAND_MESSAGE_TYPE } from '../../lib/messaging/ports';
import { serverPermissionPattern } from '../../lib/model/sync-settings';
import { openStore, ReopeningStore } from '../../lib/store';
import { browserEnv } from './browser-env';
import { SYNC_ALARM } from './sync-env';

/**
 * Composition root. Everything is wired synchronously so every listener is registered in the
 * worker's first turn (MV3 drops events that arrive before a listener exists); the database
 * is passed as a promise and awaited inside each call.
 */
export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const kindOf = (sender: unknown) => senderKind(sender as Parameters<typeof senderKind>[0], self);
  // A UI opening (a CRM tab, the popup) makes sync wait live for the server's changes.
  const hub = createChangeHub(kindOf, () => void sync.wake('live'));
  const ctx = {
    db: new ReopeningStore((gone) => openStore(undefined, undefined, gone)),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    emit: hub.emit,
  };
  const env = browserEnv(ctx.db, hub.watched, hub.toFrames);
  const { handlers, sync, page, sites } = createBackground(ctx, env);
  const route = createRouter(handlers, kindOf, self, page.isFrame);

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.runtime.onConnect.addListener(hub.onConnect);
  browser.tabs.onRemoved.addListener((tabId) => void page.tabClosed(tabId));
  // What a private window saw goes with it (in Chrome's "spanning" mode its tabs talk to us).
  browser.windows.onRemoved.addListener((windowId) => void page.windowClosed(windowId));
  browser.commands.onCommand.addListener((name, tab) => void forwardCommand(name, tab?.id));
  // Access granted (from the popup, which may close while the browser asks, or in the browser's
  // own settings): its site is switched on, unless it is the sync server's (saved, or asked for
  // by the options page's Test or Save), which wakes sync instead.
  browser.permissions.onAdded.addListener(async ({ origins = [] }) => {
    const settings = await env.sync.load();
    const servers = await sites
      .granted(origins, settings ? serverPermissionPattern(settings.url) : null)
      .catch((e: unknown): string[] => {
        console.error('Could not enable', origins, e);
        return [];
      });
    if (servers.length) void sync.wake('permission');
  });
  // A site's access withdrawn in the browser's own settings: drop its registration too.
  browser.permissions.onRemoved.addListener(() => void sites.reconcile());
  // Every start of the worker: registrations may be missing (a browser that did not keep them) or
  // stale (access withdrawn while it was closed). Firefox 153 keeps them for installed add-ons.
  void sites.reconcile().catch((e) => console.error('Could not restore per-site content scripts', e));
  // Sync resumes at every start of the worker, on its backstop alarm, and when the network returns.
  browser.alarms.onAlarm.addListener((alarm) => void (alarm.name === SYNC_ALARM && sync.wake('alarm')));
  globalThis.addEventListener('online', () => void sync.wake('online'));
  void sync.wake('start');
});

/** Keyboard shortcuts act on the page: hand them to the content script of the active tab. */
async function forwardCommand(name: string, tabId?: number) {
  const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id === undefined) return;
  // No content script on this tab (not a CRM page): nothing to do.
  await browser.tabs.sendMessage(id, { type: COMMAND_MESSAGE_TYPE, name }).catch(() => {});
}
