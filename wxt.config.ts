import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { ADAPTERS } from './lib/crm';

/** The add-on's id on addons.mozilla.org: its updates and its data in Firefox hang on it. */
const GECKO_ID = 'connections@connections-for-any-crm.example';

/**
 * Preact's only markup sink is `dangerouslySetInnerHTML`, which our code never uses (ESLint forbids
 * it). Replacing that assignment with a throw leaves no innerHTML sink in the bundle, which is
 * what addons.mozilla.org's linter (UNSAFE_VAR_ASSIGNMENT) asks for. Fails the build if Preact's
 * code changed shape, rather than letting the sink back in unnoticed.
 */
const preactWithoutInnerHtml = () => ({
  name: 'preact-without-inner-html',
  transform(code: string, id: string) {
    if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
    const sink = /\b(\w+)\.innerHTML=(\w+)\.__html\b/g;
    if ((code.match(sink) ?? []).length !== 1) throw new Error('Preact changed: update preactWithoutInnerHtml');
    return code.replace(sink, '(()=>{throw new Error("dangerouslySetInnerHTML is not supported")})()');
  },
});

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep the lint zones (content script vs background) checkable.
  imports: false,
  vite: () => ({ plugins: [preact(), preactWithoutInnerHtml()] }),
  hooks: {
    // The content script ships into every CRM page, so it stays small: what it calls (runtime
    // messaging, storage.local, getURL) the browser's own API already answers with promises
    // (chrome.* in Chrome MV3, browser.* in Firefox), so it takes `wxt/browser` as WXT makes it
    // instead of the polyfill the extension's own pages use.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      const polyfill = (a: { find: unknown }) => a.find === 'wxt/browser';
      if (Array.isArray(alias)) config.resolve!.alias = alias.filter((a) => !polyfill(a));
      else if (alias && typeof alias === 'object') delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  // The sources zip (Firefox) is what addons.mozilla.org rebuilds from: the extension's code and
  // build files only. Dot-folders (.output, .wxt, .profiles, .sync-data) are left out by default.
  zip: {
    excludeSources: [
      'bench/**',
      'e2e/**',
      'tests/**',
      'demo/**',
      'server/**',
      'scripts/**',
      'docs/*.png',
      'stats.html',
      '**/*.log',
      'vitest.*.ts',
    ],
  },
  manifest: ({ browser, manifestVersion }) => {
    // Any site may be switched on from the popup, one origin at a time, at the user's request:
    // nothing beyond the SaaS CRM hosts of the content script is granted at install.
    const anySite = ['http://*/*', 'https://*/*'];
    // Bench and demo builds only (bench/harness/build.mjs, scripts/start.mjs): local servers (the
    // sync server, the demo Tryton) granted at install, because headless Chromium cannot show the
    // permission prompt. Release builds never set it.
    const grantedHosts = process.env.CONNECTIONS_GRANT_HOSTS?.split(',').filter(Boolean) ?? [];
    return {
      name: 'Connections for any CRM',
      description: 'Connect any CRM record to any other, with roles on both sides, across CRMs.',
      // In Firefox (MV2) the CRM hosts the content script runs on are host permissions too (the same
      // sites the install prompt names): without them the background is not told a tab's current
      // address (tab.url), and a content script's own sender.url stays the address it loaded at,
      // however the CRM's single-page app has moved on since.
      permissions: [
        'storage',
        'scripting',
        'activeTab',
        'alarms',
        ...(manifestVersion === 2 ? ADAPTERS.flatMap((a) => a.matches) : []),
      ],
      ...(manifestVersion === 3 ? { optional_host_permissions: anySite } : { optional_permissions: anySite }),
      ...(grantedHosts.length ? { host_permissions: grantedHosts } : {}),
      // data_collection_permissions needs Firefox 140 (an ESR, kept so ESR users can install) and
      // Firefox for Android 142; the newest API we use, AbortSignal.any, came in 124,
      // storage.session in 115, scripting in MV2 in 102.
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
      // The two pages the content script frames into CRM pages, and nothing else of ours. Any
      // page may be a CRM (sites are switched on at run time); Chrome gives them an address that
      // changes every session (use_dynamic_url), so a page cannot frame them on its own, and
      // the background answers only frames whose token their content script gave it.
      web_accessible_resources:
        manifestVersion === 3
          ? [{ resources: ['panel.html', 'dialog.html'], matches: ['<all_urls>'], use_dynamic_url: true }]
          : ['panel.html', 'dialog.html'],
      // Names match PAGE_COMMANDS in lib/messaging/ports.ts; users can change the keys in the
      // browser's shortcut settings. Chromium refuses Alt+Shift+C (also N, R, B) as a suggested
      // key (it stays unassigned), so Chromium gets Alt+Shift+J for "new connection".
      commands: {
        'new-connection': {
          suggested_key: { default: browser === 'firefox' ? 'Alt+Shift+C' : 'Alt+Shift+J' },
          description: 'New connection for this record',
        },
        'toggle-panel': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: 'Show or hide the Connections panel',
        },
        [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
          suggested_key: { default: 'Alt+Shift+O' },
          description: 'Open the Connections popup',
        },
      },
    };
  },
});
