// npm start: builds the extension and opens a CRM in Chromium with it loaded.
//   npm start                                  the demo CRMs (Dynamics 365, Salesforce… look-alikes)
//   npm start -- --crm tryton                  a real Tryton (trytond + sao) with a few records
//   npm start -- --headless --screenshot a.png checks the in-page UI appears, screenshots, exits
//   --no-build                                 reuse the last build
// Exit codes: 0 ok, 1 cannot start, 2 the extension's UI never appeared on the record page.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { routeDemoCrms } from '../demo/routes.mjs';
import { seedTryton } from '../demo/tryton/seed.mjs';
import { openSignedIn } from '../demo/tryton/sao.mjs';
import { startTryton } from '../demo/tryton/server.mjs';
import { buildExtensionTo } from './build.mjs';
import { CHROMIUM_PATH, EXTENSION_DIR, launchWithExtension, switchSiteOn } from './chromium.mjs';
import { waitForShown } from './in-page.mjs';
import { ensurePackages, NEEDS } from './system-deps.mjs';

const CRMS = ['demo', 'tryton'];

const { values: options } = parseArgs({
  options: {
    crm: { type: 'string', default: 'demo' },
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    build: { type: 'boolean', default: true },
  },
  allowNegative: true,
});

if (!CRMS.includes(options.crm)) {
  console.error(`Unknown --crm ${options.crm}: one of ${CRMS.join(', ')}.`);
  process.exit(1);
}
const packages = ensurePackages(options.crm === 'tryton' ? NEEDS.tryton : NEEDS.start);
if (!packages.ok) {
  console.error(packages.message);
  process.exit(1);
}
if (!options.headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display to open a browser window on (DISPLAY is not set). Either:');
  console.error('  npm start -- --headless --screenshot out.png   # check and screenshot without a window');
  console.error('  xvfb-run npm start                             # a virtual display');
  process.exit(1);
}

const demo = options.crm === 'tryton' ? await trytonDemo() : await embeddedDemo();
// Whatever happens next, the browser closes and a started Tryton stops with it.
const stop = (code) => demo.close().finally(() => process.exit(code));
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
let uiShown = false;
try {
  const page = demo.page;
  uiShown = await waitForShown(page);
  if (!uiShown) console.warn(`Warning: the extension's UI did not show a record on ${page.url()} within 15 s.`);
  await page.waitForLoadState('networkidle');
  if (options.screenshot) {
    // sao's own layout is wider than the window (its off-canvas menu): the window is what shows.
    await page.screenshot({ path: options.screenshot, fullPage: options.crm !== 'tryton' });
    console.log(`Screenshot written to ${options.screenshot}`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stop(1);
}
if (options.headless) await stop(uiShown ? 0 : 2);

console.log(demo.message);
await new Promise((resolve) => demo.context.on('close', resolve));
await stop(0);

/** The demo CRMs at their real addresses (request interception), a Dynamics and a Salesforce tab. */
async function embeddedDemo() {
  if (options.build) {
    const build = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(1);
  }
  const { context } = await launch(new URL('../.profiles/demo/', import.meta.url).pathname, EXTENSION_DIR);
  await routeDemoCrms(context);
  const first = (crm) => DEMO_RECORDS.find((record) => record.crm === crm);
  const dynamics = context.pages()[0] ?? (await context.newPage());
  await dynamics.goto(first('dynamics365').url);
  const salesforce = await context.newPage();
  await salesforce.goto(first('salesforce').url);
  await dynamics.bringToFront();
  return {
    context,
    page: dynamics,
    message: 'Demo CRMs open in Chromium with the extension loaded. Close the window to stop.',
    close: () => context.close(),
  };
}

/**
 * A real Tryton on 127.0.0.1 with a few parties, a relation and an opportunity, signed in. The
 * demo build is granted the local address at install and switches the site on, as a user's
 * "Enable on this site" → Allow would; "Disable on this site" in the popup works as usual.
 */
async function trytonDemo() {
  const outDir = '.output/demo-tryton';
  const extensionDir =
    options.build || !existsSync(`${outDir}/chrome-mv3/manifest.json`)
      ? await buildExtensionTo(outDir, { grantHosts: ['http://127.0.0.1/*'] })
      : new URL(`../${outDir}/chrome-mv3`, import.meta.url).pathname;
  console.log('Starting Tryton (the first start builds its database, about half a minute)…');
  const tryton = await startTryton();
  try {
    const seed = await seedTryton(tryton);
    const { context, extensionUrl } = await launch(
      new URL('../.profiles/demo-tryton/', import.meta.url).pathname,
      extensionDir,
    );
    await switchSiteOn(context, extensionUrl, 'http://127.0.0.1');
    const page = context.pages()[0] ?? (await context.newPage());
    await openSignedIn(page, tryton, tryton.url('party.party', seed.parties.contoso.id));
    return {
      context,
      page,
      message: [
        `Tryton at ${tryton.origin}/ (database ${tryton.database}, user admin, password admin), open in Chromium`,
        'with the extension loaded. Close the window to stop.',
      ].join('\n'),
      close: async () => {
        await context.close().catch(() => {});
        await tryton.close();
      },
    };
  } catch (e) {
    await tryton.close();
    throw e;
  }
}

/** Chromium loads the extension from the command line; branded Chrome 137+ ignores that flag. */
async function launch(userDataDir, extensionDir) {
  rmSync(userDataDir, { recursive: true, force: true });
  const headless = options.headless;
  const name = basename(CHROMIUM_PATH).toLowerCase();
  if (!name.includes('chrome') || name.includes('chromium'))
    return launchWithExtension({ userDataDir, headless, extensionDir });
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
  const { id } = await session.send('Extensions.loadUnpacked', { path: extensionDir });
  return { context, extensionId: id, extensionUrl: (path) => `chrome-extension://${id}/${path}` };
}
