import * as v from 'valibot';
import { requests, type Method, type Reply } from '../messaging/protocol';
import { AppError, type SerializedError } from '../model';
import type { Handlers } from './handlers';
import type { SenderKind } from './sender';

/**
 * Where a request came from, as far as handlers need it: its tab (a content script's, or an
 * extension page opened in a tab) and which kind of context sent it.
 */
export interface RequestSource {
  tabId?: number;
  kind?: SenderKind;
}

const sourceOf = (sender: unknown, kind: SenderKind): RequestSource => {
  const tab = (sender as { tab?: { id?: unknown } } | undefined)?.tab;
  return typeof tab?.id === 'number' ? { tabId: tab.id, kind } : { kind };
};

/**
 * What a content script may ask: it runs inside CRM pages, so it gets the record-level work
 * only. Administration (roles, backups, deleting everything, sites) stays with the popup and
 * the options page.
 */
const CONTENT_SCRIPT_METHODS: ReadonlySet<Method> = new Set<Method>([
  'connections.create',
  'connections.update',
  'connections.setStatus',
  'connections.delete',
  'connections.restore',
  'connections.get',
  'connections.listForRecord',
  'roles.list',
  'records.seen',
  'records.search',
  'records.get',
  'records.open',
  'records.left',
  'settings.get',
  'settings.setIdentity',
  'commands.list',
  'sync.status',
]);

const isMethod = (type: unknown): type is Method =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(requests, type);

/** Turns the first schema issue into an error that names the field by its path. */
function schemaError(issues: readonly [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): AppError {
  const first = issues[0];
  const path = v.getDotPath(first) ?? '';
  return new AppError('invalid', first.message, path || undefined);
}

/** Anything thrown, as an error a person can read. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof AppError) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `The extension hit an internal error: ${message}` };
}

/**
 * The background's message entry: checks the sender, the envelope and the payload, then calls
 * the handler. Always resolves with a Reply; errors travel back as data, not exceptions.
 */
export function createRouter(handlers: Handlers, kindOf: (sender: unknown) => SenderKind | null) {
  return async (message: unknown, sender: unknown): Promise<Reply> => {
    try {
      const kind = kindOf(sender);
      if (!kind) throw new AppError('forbidden', 'Message refused: it did not come from this extension.');
      if (typeof message !== 'object' || message === null || !('type' in message)) {
        throw new AppError('invalid', 'Malformed message: expected an object { type, payload }.', 'type');
      }
      const { type, payload } = message as { type: unknown; payload?: unknown };
      if (typeof type !== 'string') throw new AppError('invalid', 'Message type must be text.', 'type');
      if (!isMethod(type)) throw new AppError('invalid', `Unknown message type '${type.slice(0, 60)}'.`, 'type');
      if (kind === 'content' && !CONTENT_SCRIPT_METHODS.has(type)) {
        throw new AppError('forbidden', `'${type}' is only available in the extension's own pages.`, 'type');
      }
      const parsed = v.safeParse(requests[type], payload ?? {});
      if (!parsed.success) throw schemaError(parsed.issues);
      const handler = handlers[type] as (input: unknown, from: RequestSource) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.output, sourceOf(sender, kind)) };
    } catch (e) {
      if (!(e instanceof AppError)) console.error('Background request failed', e);
      return { ok: false, error: serializeError(e) };
    }
  };
}
