import { browser } from 'wxt/browser';
import { AppError } from '../model/errors';
import { CHANGE_FEED_PORT } from './ports';
import type { Envelope, Method, Reply, RequestOf, Responses } from './protocol';
import type { Change } from './views';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Chrome answers this while the service worker is (re)starting; a short retry rides over it.
const isTransient = (e: unknown) =>
  e instanceof Error &&
  /Receiving end does not exist|message port closed|Could not establish connection/i.test(e.message);

let frameToken: string | undefined;

/**
 * In an extension frame inside a CRM page: the token its content script made for it, sent with
 * every request so the background knows the frame is the one it made for that tab.
 */
export function useFrameToken(token: string) {
  frameToken = token;
}

/**
 * Sends one protocol request to the background and resolves with its value, or rejects with
 * an {@link AppError} carrying the background's readable message and the field at fault.
 */
export async function call<M extends Method>(type: M, payload: RequestOf<M>): Promise<Responses[M]> {
  const envelope: Envelope<M> = frameToken ? { type, payload, token: frameToken } : { type, payload };
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = (await browser.runtime.sendMessage(envelope)) as Reply<Responses[M]> | undefined;
      if (!reply) throw new AppError('internal', 'The extension did not answer; reload the page and try again.');
      if (!reply.ok) throw AppError.from(reply.error);
      return reply.value;
    } catch (e) {
      if (attempt < 4 && isTransient(e)) {
        await sleep(100 * 2 ** attempt);
        continue;
      }
      throw e;
    }
  }
}

/**
 * Keeps a change-feed port open until `signal` aborts. When the port drops (the service worker
 * stopped, the extension updated), it reconnects and reports `{ all: true }` so the caller
 * re-queries everything instead of showing stale data.
 */
export function watchChanges(onChange: (change: Change) => void, signal: AbortSignal): void {
  let delay = 100;
  const open = (reconnecting: boolean) => {
    if (signal.aborted) return;
    let port: ReturnType<typeof browser.runtime.connect>;
    try {
      port = browser.runtime.connect({ name: CHANGE_FEED_PORT });
    } catch {
      return; // The extension was unloaded under this page: nothing left to talk to.
    }
    const close = () => port.disconnect();
    signal.addEventListener('abort', close, { once: true });
    port.onMessage.addListener((msg: unknown) => {
      delay = 100;
      onChange(msg as Change);
    });
    port.onDisconnect.addListener(() => {
      signal.removeEventListener('abort', close);
      if (signal.aborted) return;
      setTimeout(() => open(true), delay);
      delay = Math.min(delay * 2, 5_000);
    });
    if (reconnecting) onChange({ all: true });
  };
  open(false);
}
