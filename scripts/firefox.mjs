// Launches Debian's Firefox ESR headless with the built extension, driven by puppeteer-core over
// WebDriver BiDi (the Firefox browser tests; see e2e/firefox/).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = new URL('../.output/firefox-mv2/', import.meta.url).pathname;
const OUTPUT_DIR = new URL('../.output/', import.meta.url).pathname;
/** The extension's UUID in every test profile: the same across restarts, so its data stays its own. */
export const EXTENSION_UUID = '6f1c2a9e-3b5d-4e7f-8a0b-1c2d3e4f5a6b';

/** The store package `wxt zip -b firefox` writes, as a user gets it from addons.mozilla.org. */
export function firefoxPackage() {
  const zip = readdirSync(OUTPUT_DIR).find((f) => f.endsWith('-firefox.zip'));
  if (!zip) throw new Error('No Firefox package in .output: run npx wxt zip -b firefox');
  return `${OUTPUT_DIR}${zip}`;
}

/**
 * Starts Firefox with the extension installed and resolves once it is. By default the unpacked
 * build is installed as a temporary add-on (as about:debugging does), which Firefox drops at
 * exit; `permanent` installs the store package instead, so it survives a restart on `profile`
 * (unsigned, which Firefox ESR allows with xpinstall.signatures.required off).
 *
 * The extension's UUID is fixed through `extensions.webextensions.uuids`, so its pages are at a
 * known moz-extension:// address. `--remote-allow-system-access` lets tests open those pages and
 * reach the browser's own UI (the permission prompt) through BiDi's chrome scope. `prefs` adds
 * Firefox preferences (a download folder, say). Headless, or in a window on X `display` (for
 * real key presses: the toolbar popup's shortcut).
 */
export async function launchFirefoxWithExtension({
  profile,
  permanent = false,
  extensionDir = FIREFOX_EXTENSION_DIR,
  prefs = {},
  display,
} = {}) {
  if (!existsSync(FIREFOX_PATH))
    throw new Error(`Firefox not found at ${FIREFOX_PATH}: apt-get install -y firefox-esr`);
  const manifestPath = `${extensionDir}/manifest.json`;
  if (!existsSync(manifestPath)) throw new Error(`No built extension in ${extensionDir}: run npm run build:firefox`);
  const geckoId = JSON.parse(readFileSync(manifestPath, 'utf8')).browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: !display,
    ...(display ? { env: { ...process.env, DISPLAY: display } } : {}),
    ...(profile ? { userDataDir: profile } : {}),
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      'xpinstall.signatures.required': false,
      ...prefs,
    },
  });
  if (permanent) {
    // Already there when restarting on a profile it was installed into.
    const installed = await chromeEval(browser, `!!WebExtensionPolicy.getByID(${JSON.stringify(geckoId)})`);
    if (!installed)
      await browser.connection.send('webExtension.install', {
        extensionData: { type: 'archivePath', path: firefoxPackage() },
        'moz:permanent': true,
      });
  } else {
    await browser.installExtension(extensionDir);
  }
  return { browser, geckoId, extensionUrl: (path) => `moz-extension://${EXTENSION_UUID}/${path}` };
}

/**
 * Evaluates `expression` in the browser window's own (chrome) document, awaiting a promise, and
 * returns its value; for what a user does in the browser's UI rather than in a page.
 */
export async function chromeEval(browser, expression) {
  const tree = await browser.connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = tree.result.contexts[0].context;
  const { result } = await browser.connection.send('script.evaluate', {
    expression,
    target: { context },
    awaitPromise: true,
  });
  if (result.type === 'exception') throw new Error(`In the browser window: ${result.exceptionDetails.text}`);
  return result.result.value;
}
