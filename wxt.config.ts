import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep the lint zones (content script vs background) checkable.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Connections for any CRM',
    description: 'Connect any CRM record to any other, with roles on both sides, across CRMs.',
    permissions: ['storage'],
  },
});
