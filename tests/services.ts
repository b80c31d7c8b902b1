import type { Method, RequestOf, Responses } from '../lib/messaging/protocol';
import type { Change } from '../lib/messaging/views';
import { AppError, type RecordInput, type SerializedError } from '../lib/model';
import { createBackground } from '../lib/services/handlers';
import { createRouter } from '../lib/services/router';
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
  const browser = fakeBrowserEnv();
  const browserState = browser.sites;
  const { handlers, sync } = createBackground(
    {
      db,
      now: () => new Date((t += 1000)),
      newId: () => `${o.idPrefix ?? 'id'}-${++id}`,
      emit: (c) => changes.push(c),
    },
    browser.env,
  );
  return { db, handlers, changes, name, browserState, tabMap: browser.tabMap, sync, syncState: browser.sync };
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

/** The background as a UI context sees it: messages in, replies out, through the real router. */
export function freshBackground(o: { start?: string; idPrefix?: string } = {}) {
  const bg = freshServices(o);
  const route = createRouter(bg.handlers, (sender) => ((sender as { tab?: unknown })?.tab ? 'content' : 'page'));
  const send = async <M extends Method>(type: M, payload: RequestOf<M>): Promise<Responses[M]> => {
    const reply = await route({ type, payload }, {});
    if (!reply.ok) throw AppError.from(reply.error);
    return reply.value as Responses[M];
  };
  /** Sends and expects a refusal; returns the error so tests can check its field and text. */
  const refuse = async (type: string, payload: unknown): Promise<SerializedError> => {
    const reply = await route({ type, payload }, {});
    if (reply.ok) throw new Error(`Expected ${type} to be refused, it returned ${JSON.stringify(reply.value)}`);
    return reply.error;
  };
  return { ...bg, route, send, refuse };
}
