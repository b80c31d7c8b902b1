import type { Method, RequestOf, Responses } from '../lib/messaging/protocol';
import type { Change } from '../lib/messaging/views';
import { AppError, type RecordInput, type SerializedError } from '../lib/model';
import { createBackground } from '../lib/services/handlers';
import { createRouter } from '../lib/services/router';
import { senderKind } from '../lib/services/sender';
import { openStore } from '../lib/store';
import { fakeBrowserEnv } from './fake-browser-env';

let n = 0;

/** Background services over a brand-new database, with a controllable clock and recorded changes. */
export function freshServices(o: { start?: string; idPrefix?: string } = {}) {
  const name = `test-${Date.now()}-${++n}`;
  const db = openStore(name);
  const changes: Change[] = [];
  let t = Date.parse(o.start ?? '2026-01-01T00:00:00Z');
  let id = 0;
  const browser = fakeBrowserEnv(db);
  const browserState = browser.sites;
  const { handlers, sync, page, sites } = createBackground(
    {
      db,
      now: () => new Date((t += 1000)),
      newId: () => `${o.idPrefix ?? 'id'}-${++id}`,
      emit: (c) => changes.push(c),
    },
    browser.env,
  );
  return {
    db,
    handlers,
    changes,
    name,
    browserState,
    tabMap: browser.tabMap,
    privateMap: browser.privateMap,
    page,
    sites,
    relayed: browser.relayed,
    sync,
    syncState: browser.sync,
  };
}

/** A CRM record for tests: Dynamics-shaped unless told otherwise. */
export function rec(name: string, over: Partial<RecordInput> = {}): Required<RecordInput> {
  const recordId = over.recordId ?? `${name.toLowerCase().replace(/\W+/g, '-')}-0000-0000-0000-000000000000`;
  return {
    crm: 'dynamics365',
    tenant: 'contoso.crm.dynamics.com',
    entityType: 'account',
    recordId,
    name,
    url: `https://contoso.crm.dynamics.com/main.aspx?etn=account&id=${recordId}&pagetype=entityrecord`,
    ...over,
  } as Required<RecordInput>;
}

/** This extension as the tests' router knows it. */
export const SELF = { id: 'our-id', origin: 'chrome-extension://our-id/' };
/** The sender an extension page (the popup) has. */
export const EXTENSION_PAGE = { id: SELF.id, url: `${SELF.origin}popup.html` };

/** The sender of a content script in tab `tabId` showing `url` (in private window `privateWindow`). */
export const contentScript = (tabId: number, url: string, privateWindow?: number) => ({
  id: SELF.id,
  url,
  frameId: 0,
  tab: { id: tabId, url, windowId: privateWindow ?? 1, incognito: privateWindow !== undefined },
});

/** The sender of our `page` frame (`panel.html`, `dialog.html`) inside tab `tabId`. */
export const frame = (tabId: number, page = 'panel.html', privateWindow?: number) => ({
  id: SELF.id,
  url: `${SELF.origin}${page}`,
  frameId: 7,
  tab: { id: tabId, windowId: privateWindow ?? 1, incognito: privateWindow !== undefined },
});

/** The background as a UI context sees it: messages in, replies out, through the real router. */
export function freshBackground(o: { start?: string; idPrefix?: string } = {}) {
  const bg = freshServices(o);
  const route = createRouter(bg.handlers, (sender) => senderKind(sender as never, SELF), SELF, bg.page.isFrame);
  /** Sends as `sender` (an extension page unless told) and resolves with the value, or throws. */
  const sendAs = async <M extends Method>(
    sender: unknown,
    type: M,
    payload: RequestOf<M>,
    token?: string,
  ): Promise<Responses[M]> => {
    const reply = await route({ type, payload, token }, sender);
    if (!reply.ok) throw AppError.from(reply.error);
    return reply.value as Responses[M];
  };
  const send = <M extends Method>(type: M, payload: RequestOf<M>) => sendAs(EXTENSION_PAGE, type, payload);
  /** Sends and expects a refusal; returns the error so tests can check its field and text. */
  const refuseAs = async (
    sender: unknown,
    type: string,
    payload: unknown,
    token?: string,
  ): Promise<SerializedError> => {
    const reply = await route({ type, payload, token }, sender);
    if (reply.ok) throw new Error(`Expected ${type} to be refused, it returned ${JSON.stringify(reply.value)}`);
    return reply.error;
  };
  const refuse = (type: string, payload: unknown) => refuseAs(EXTENSION_PAGE, type, payload);
  return { ...bg, route, send, sendAs, refuse, refuseAs };
}
