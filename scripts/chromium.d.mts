import type { BrowserContext, Worker } from 'playwright-core';

export const CHROMIUM_PATH: string;
export const EXTENSION_DIR: string;
export function launchWithExtension(options: {
  userDataDir: string;
  headless?: boolean;
  extensionDir?: string;
  args?: string[];
  env?: Record<string, string | undefined>;
}): Promise<{ context: BrowserContext; worker: Worker; extensionId: string; extensionUrl(path: string): string }>;
export function switchSiteOn(
  context: BrowserContext,
  extensionUrl: (path: string) => string,
  origin: string,
): Promise<void>;
