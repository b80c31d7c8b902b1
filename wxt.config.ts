import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep the lint zones (content script vs background) checkable.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, manifestVersion }) => {
    // Any site may be switched on from the popup, one origin at a time, at the user's request:
    // nothing beyond the SaaS CRM hosts of the content script is granted at install.
    const anySite = ['http://*/*', 'https://*/*'];
    // Bench builds only (bench/harness/build.mjs): the local sync server is granted at install,
    // because headless Chromium cannot show the permission prompt. Release builds never set it.
    const benchHosts = process.env.CONNECTIONS_BENCH_HOSTS?.split(',').filter(Boolean) ?? [];
    return {
      name: 'Connections for any CRM',
      description: 'Connect any CRM record to any other, with roles on both sides, across CRMs.',
      permissions: ['storage', 'scripting', 'activeTab', 'alarms'],
      ...(manifestVersion === 3 ? { optional_host_permissions: anySite } : { optional_permissions: anySite }),
      ...(benchHosts.length ? { host_permissions: benchHosts } : {}),
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
