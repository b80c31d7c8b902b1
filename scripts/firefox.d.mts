import type { Browser } from 'puppeteer-core';

export const FIREFOX_PATH: string;
export const FIREFOX_EXTENSION_DIR: string;
export const EXTENSION_UUID: string;
export function firefoxPackage(): string;
export function launchFirefoxWithExtension(options?: {
  profile?: string;
  permanent?: boolean;
  extensionDir?: string;
  prefs?: Record<string, string | number | boolean>;
  display?: string;
}): Promise<{ browser: Browser; geckoId: string; extensionUrl(path: string): string }>;
export function chromeEval<T = unknown>(browser: Browser, expression: string): Promise<T>;
