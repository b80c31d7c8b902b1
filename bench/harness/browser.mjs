// One fresh Chromium profile per measurement, on disk like a real one, so no engine starts
// with the other's data or caches. Flags keep Chromium from calling out on an offline machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { routeDemoCrms } from '../../demo/routes.mjs';
import { CHROMIUM_PATH, launchWithExtension } from '../../scripts/chromium.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
];

/** Runs `fn(page, context)` in a new headless profile at `url`, then deletes the profile. */
export async function withPage(url, fn) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page, url);
    return await fn(page, context);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Same, with the built extension loaded and `page` on one of its pages. */
export async function withExtensionPage(extensionDir, path, fn) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const ext = await launchWithExtension({ userDataDir: dir, extensionDir });
  try {
    const page = await ext.context.newPage();
    await open(page, ext.extensionUrl(path));
    return await fn(page, ext);
  } finally {
    await ext.context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The built extension in a fresh profile with the demo CRMs served at their real URLs (so the
 * manifest's own match patterns inject the content script): `fn(ext)` gets launchWithExtension's
 * `{ context, extensionId, extensionUrl }`.
 */
export async function withCrmBrowser(extensionDir, fn) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-profile-'));
  const ext = await launchWithExtension({ userDataDir: dir, extensionDir });
  try {
    await routeDemoCrms(ext.context);
    return await fn(ext);
  } finally {
    await ext.context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Navigates (or reloads) and waits for the bench bundle to expose `window.bench`. */
export async function open(page, url) {
  if (url) await page.goto(url);
  else await page.reload();
  await page.waitForFunction(() => 'bench' in window, null, { timeout: 30_000 });
}

/** The browser's own version string, e.g. "HeadlessChrome/156.0.8078.108". */
export async function browserVersion(url) {
  return withPage(url, async (page, context) => {
    const cdp = await context.newCDPSession(page);
    const { product } = await cdp.send('Browser.getVersion');
    return product;
  });
}
