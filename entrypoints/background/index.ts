import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createChangeHub } from '../../lib/services/change-hub';
import { createHandlers } from '../../lib/services/handlers';
import { createRouter } from '../../lib/services/router';
import { isTrustedSender } from '../../lib/services/sender';
import { openStore } from '../../lib/store';

/**
 * Composition root. Everything is wired synchronously so every listener is registered in the
 * worker's first turn (MV3 drops events that arrive before a listener exists); the database
 * is passed as a promise and awaited inside each call.
 */
export default defineBackground(() => {
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  const trusted = (sender: unknown) => isTrustedSender(sender as Parameters<typeof isTrustedSender>[0], self);
  const hub = createChangeHub(trusted);
  const handlers = createHandlers({
    db: openStore(),
    now: () => new Date(),
    newId: () => crypto.randomUUID(),
    emit: hub.emit,
  });
  const route = createRouter(handlers, trusted);

  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.runtime.onConnect.addListener(hub.onConnect);
});
