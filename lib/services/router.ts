import * as v from 'valibot';
import { requests, type FrameKind, type Method, type Reply } from '../messaging/protocol';
import { AppError, type SerializedError } from '../model';
import { isQuotaError } from '../store/quota';
import type { Handlers } from './handlers';
import { framePage, type SelfInfo, type SenderInfo, type SenderKind } from './sender';

/**
 * Where a request came from, as far as handlers need it: its tab (a content script's or a
 * frame's, or an extension page opened in a tab), which kind of context sent it, the address the
 * tab shows (content scripts: the page's, as the browser reports it) and, for a tab of a private
 * window, that window.
 */
export interface RequestSource {
  tabId?: number;
  kind?: SenderKind;
  url?: string;
  privateWindow?: number;
}

interface TabInfo {
  id?: unknown;
  url?: unknown;
  incognito?: unknown;
  windowId?: unknown;
}

function sourceOf(sender: SenderInfo, kind: SenderKind): RequestSource {
  const tab = sender.tab as TabInfo | undefined;
  const source: RequestSource = { kind };
  if (typeof tab?.id === 'number') source.tabId = tab.id;
  if (tab?.incognito === true && typeof tab.windowId === 'number') source.privateWindow = tab.windowId;
  // The tab's address when the browser gives it, else the content script's own frame's (Firefox
  // gives tab.url only with the tabs permission); never anything the page says.
  if (kind === 'content') {
    const url = typeof tab?.url === 'string' && tab.url ? tab.url : sender.url;
    if (url) source.url = url;
  }
  return source;
}

/**
 * What a content script may ask: it runs inside CRM pages, so it speaks for its own tab's
 * record and reads its count, nothing else; the frames it makes do the rest.
 */
export const CONTENT_SCRIPT_METHODS: ReadonlySet<Method> = new Set<Method>(['page.report', 'page.count', 'page.frame']);

/** What our frames inside CRM pages may ask: the record-level work, and their page's record. */
export const FRAME_METHODS: ReadonlySet<Method> = new Set<Method>([
  'connections.create',
  'connections.update',
  'connections.setStatus',
  'connections.delete',
  'connections.restore',
  'connections.get',
  'connections.listForRecord',
  'roles.list',
  'records.search',
  'records.get',
  'records.open',
  'settings.get',
  'settings.setIdentity',
  'commands.list',
  'sync.status',
  'page.record',
  'page.ui',
]);

/** Methods that need a CRM tab behind them: never asked by the extension's own pages. */
export const TAB_ONLY: ReadonlySet<Method> = new Set<Method>([...CONTENT_SCRIPT_METHODS, 'page.record', 'page.ui']);

const allowed = (kind: SenderKind, type: Method) =>
  kind === 'content'
    ? CONTENT_SCRIPT_METHODS.has(type)
    : kind === 'frame'
      ? FRAME_METHODS.has(type)
      : !TAB_ONLY.has(type);

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
  // A full disk is no bug: say what to do (the transaction was aborted, so nothing was written).
  if (isQuotaError(e)) {
    return {
      code: 'storage',
      message:
        'This browser has no room left for the extension’s data: free some disk space and try again. Nothing was changed.',
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `The extension hit an internal error: ${message}` };
}

/** How the router tells our frames from copies a page made: the token the content script gave. */
export type FrameCheck = (tabId: number, kind: FrameKind, token: unknown) => Promise<boolean>;

/**
 * The background's message entry: checks the sender (and a frame's token), the envelope and the
 * payload, then calls the handler. Always resolves with a Reply; errors travel back as data.
 */
export function createRouter(
  handlers: Handlers,
  kindOf: (sender: unknown) => SenderKind | null,
  self: SelfInfo,
  isFrame: FrameCheck,
) {
  return async (message: unknown, sender: unknown): Promise<Reply> => {
    try {
      const kind = kindOf(sender);
      if (!kind) throw new AppError('forbidden', 'Message refused: it did not come from this extension.');
      if (typeof message !== 'object' || message === null || !('type' in message)) {
        throw new AppError('invalid', 'Malformed message: expected an object { type, payload }.', 'type');
      }
      const { type, payload, token } = message as { type: unknown; payload?: unknown; token?: unknown };
      if (typeof type !== 'string') throw new AppError('invalid', 'Message type must be text.', 'type');
      if (!isMethod(type)) throw new AppError('invalid', `Unknown message type '${type.slice(0, 60)}'.`, 'type');
      if (!allowed(kind, type)) {
        const who = kind === 'content' ? 'a CRM page' : kind === 'frame' ? 'the in-page panel' : 'this page';
        throw new AppError('forbidden', `'${type}' cannot be asked from ${who}.`, 'type');
      }
      const from = sourceOf(sender as SenderInfo, kind);
      if (kind === 'frame') {
        const page = framePage((sender as SenderInfo).url, self);
        if (from.tabId === undefined || !page || !(await isFrame(from.tabId, page, token))) {
          throw new AppError('forbidden', 'Message refused: this frame was not made by the extension for this tab.');
        }
      }
      const parsed = v.safeParse(requests[type], payload ?? {});
      if (!parsed.success) throw schemaError(parsed.issues);
      const handler = handlers[type] as (input: unknown, from: RequestSource) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.output, from) };
    } catch (e) {
      if (!(e instanceof AppError)) console.error('Background request failed', e);
      return { ok: false, error: serializeError(e) };
    }
  };
}
