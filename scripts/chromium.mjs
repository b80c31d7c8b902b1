// Launches Debian's Chromium with the built extension loaded (shared by npm start, e2e and bench).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const EXTENSION_DIR = new URL('../.output/chrome-mv3/', import.meta.url).pathname;

/**
 * Opens a persistent Chromium profile with the extension loaded and waits for its service
 * worker. Flags: the background-networking ones keep Chromium from calling out on a machine
 * without a network; --no-sandbox because CI runs as root.
 */
export async function launchWithExtension({
  userDataDir,
  headless = true,
  extensionDir = EXTENSION_DIR,
  args = [],
  env,
}) {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  if (!existsSync(`${extensionDir}/manifest.json`))
    throw new Error(`No built extension in ${extensionDir}: run npm run build`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    ...(env ? { env } : {}),
    viewport: { width: 1280, height: 720 },
    // Playwright disables extensions by default; the two flags below bring ours back.
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--disable-gpu',
      ...args,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, extensionUrl: (path) => `chrome-extension://${extensionId}/${path}` };
}

/**
 * Switches the extension on for `origin` as "Enable on this site" does once the browser has
 * granted it: for demo and bench builds, which are granted their local hosts at install.
 */
export async function switchSiteOn(context, extensionUrl, origin) {
  const page = await context.newPage();
  await page.goto(extensionUrl('popup.html'));
  const reply = await page.evaluate(
    (o) => chrome.runtime.sendMessage({ type: 'sites.enable', payload: { origin: o } }),
    origin,
  );
  await page.close();
  if (!reply.ok) throw new Error(`Could not switch the extension on for ${origin}: ${reply.error.message}`);
}
