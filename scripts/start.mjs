// npm start: builds the extension and opens the demo CRMs in Chromium with it loaded.
//   npm start                                  a window; runs until you close it
//   npm start -- --headless --screenshot a.png checks the in-page UI appears, screenshots, exits
//   --no-build                                 reuse .output/chrome-mv3
// Exit codes: 0 ok, 1 cannot start, 2 the extension's UI never appeared on the record page.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { routeDemoCrms } from '../demo/routes.mjs';
import { CHROMIUM_PATH, EXTENSION_DIR, launchWithExtension } from './chromium.mjs';

const UI_HOST = 'crm-connections';
const PROFILE_DIR = new URL('../.profiles/demo/', import.meta.url).pathname;

const { values: options } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    build: { type: 'boolean', default: true },
  },
  allowNegative: true,
});

if (!options.headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display to open a browser window on (DISPLAY is not set). Either:');
  console.error('  npm start -- --headless --screenshot out.png   # check and screenshot without a window');
  console.error('  xvfb-run npm start                             # a virtual display');
  process.exit(1);
}

if (options.build) {
  const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

rmSync(PROFILE_DIR, { recursive: true, force: true });
const { context } = await launch({ userDataDir: PROFILE_DIR, headless: options.headless });
await routeDemoCrms(context);

const first = (crm) => DEMO_RECORDS.find((record) => record.crm === crm);
const dynamicsPage = context.pages()[0] ?? (await context.newPage());
await dynamicsPage.goto(first('dynamics365').url);
const salesforcePage = await context.newPage();
await salesforcePage.goto(first('salesforce').url);
await dynamicsPage.bringToFront();

const uiShown = await dynamicsPage
  .waitForSelector(UI_HOST, { state: 'attached', timeout: 10_000 })
  .then(() => true)
  .catch(() => false);
if (!uiShown)
  console.warn(`Warning: the extension's <${UI_HOST}> element did not appear on ${dynamicsPage.url()} within 10 s.`);
await dynamicsPage.waitForLoadState('networkidle');

if (options.screenshot) {
  await dynamicsPage.screenshot({ path: options.screenshot, fullPage: true });
  console.log(`Screenshot written to ${options.screenshot}`);
}
if (options.headless) {
  await context.close();
  process.exit(uiShown ? 0 : 2);
}

console.log('Demo CRMs open in Chromium with the extension loaded. Close the window to stop.');
process.on('SIGINT', () => context.close().then(() => process.exit(0)));
await new Promise((resolve) => context.on('close', resolve));

/** Chromium loads the extension from the command line; branded Chrome 137+ ignores that flag. */
async function launch({ userDataDir, headless }) {
  const name = basename(CHROMIUM_PATH).toLowerCase();
  if (!name.includes('chrome') || name.includes('chromium')) return launchWithExtension({ userDataDir, headless });
  console.warn(
    `${CHROMIUM_PATH} looks like Google Chrome, which ignores --load-extension since 137; Chromium is preferred.`,
  );
  console.warn('Loading the extension through the DevTools protocol (Extensions.loadUnpacked) instead.');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: { width: 1280, height: 720 },
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    // Extensions.loadUnpacked needs this flag and a pipe connection (Playwright's default).
    args: [
      '--enable-unsafe-extension-debugging',
      '--no-sandbox',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  const session = await context.browser().newBrowserCDPSession();
  const { id } = await session.send('Extensions.loadUnpacked', { path: EXTENSION_DIR });
  return { context, extensionId: id };
}
