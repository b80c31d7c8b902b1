import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { DemoRecord } from '../demo/records.mjs';
import { routeDemoCrms } from '../demo/routes.mjs';
import type { Method, Reply, RequestOf, Responses } from '../lib/messaging/protocol';
import { launchWithExtension } from '../scripts/chromium.mjs';

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  extensionUrl(path: string): string;
  /** An extension page (the popup) to send protocol messages from, as the UI does. */
  extensionPage(): Promise<Page>;
  profile: string;
  /** Closes the browser; the profile is deleted unless kept for a restart. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Chromium with the built extension and the demo CRMs at their real URLs: a fresh profile, or
 * `profile` to restart on one; headless, or in a window on `display` (see xvfb.ts).
 */
export async function startSession(options: { profile?: string; display?: string } = {}): Promise<Session> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'connections-e2e-'));
  const launched = await launchWithExtension({
    userDataDir: profile,
    headless: !options.display,
    env: options.display ? { ...process.env, DISPLAY: options.display } : undefined,
  });
  await routeDemoCrms(launched.context);
  let page: Page | null = null;
  return {
    ...launched,
    async extensionPage() {
      if (page && !page.isClosed()) return page;
      page = await launched.context.newPage();
      await page.goto(launched.extensionUrl('popup.html'));
      return page;
    },
    profile,
    async close({ keepProfile = false } = {}) {
      await launched.context.close();
      if (!keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Sends one protocol message from an extension page and returns the raw reply. */
export function sendRaw(page: Page, type: string, payload: unknown): Promise<Reply> {
  return page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
}

/** Sends one protocol message and returns its value, failing the test on an error reply. */
export async function send<M extends Method>(page: Page, type: M, payload: RequestOf<M>): Promise<Responses[M]> {
  const reply = await sendRaw(page, type, payload);
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.message}`);
  return reply.value as Responses[M];
}

/** Stops the extension's service worker through the DevTools protocol, as Chrome does when idle. */
export async function stopServiceWorker(session: Session) {
  const page = await session.extensionPage();
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

declare global {
  // The extension page's own runtime API, used inside page.evaluate.
  const chrome: {
    runtime: { sendMessage(message: unknown): Promise<Reply> };
    permissions: { getAll(): Promise<{ origins?: string[] }> };
    scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
    commands: { getAll(): Promise<{ name: string; shortcut: string }[]> };
    windows: {
      create(data: { incognito?: boolean; url?: string }): Promise<{ id?: number }>;
      remove(id: number): Promise<void>;
    };
    tabs: {
      create(data: { windowId?: number; url?: string }): Promise<{ id?: number }>;
      query(info: { windowId?: number }): Promise<{ id?: number; incognito: boolean }[]>;
    };
    storage: { session: { get(keys: null): Promise<Record<string, unknown>> } };
    /** On chrome://extensions only: what its toggles call. */
    developerPrivate: {
      updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
      updateExtensionConfiguration(update: { extensionId: string; incognitoAccess: boolean }): Promise<void>;
    };
  };
}

/** Polls `read` until it returns `expected` (for hooks, where expect.poll is not allowed). */
export async function until<T>(read: () => Promise<T>, expected: T, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (last === expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${String(expected)}; last saw ${String(last)}`);
}

/** A demo record as the protocol takes it (the demo's display fields left out). */
export const recordInput = ({ fields: _fields, ...record }: DemoRecord) => record;
