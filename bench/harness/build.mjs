// Builds what the bench runs: the bench page (Vite) and the real extension (WXT), background
// only for the round trip or complete for the UI scenarios. Each goes to its own folder under
// .output/, so a bench never overwrites the build e2e or a developer use in .output/chrome-mv3.
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildExtensionTo } from '../../scripts/build.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const PAGE_DIR = `${root}.output/bench-page`;
/** Folder of the page's scripts; distinct from anything WXT emits, so it can be copied in. */
const ASSETS = 'bench-assets';

/** Bundles bench/page (our real lib/ code + pouchdb-browser) into .output/bench-page. */
export async function buildPage() {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: `${root}bench/page`,
    base: './',
    logLevel: 'warn',
    // pouchdb-browser imports Node's `events`, which is not installed: use a small stand-in.
    resolve: { alias: { events: `${root}bench/page/events-shim.js` } },
    build: {
      outDir: PAGE_DIR,
      emptyOutDir: true,
      assetsDir: ASSETS,
      minify: false,
      target: 'esnext',
      // No inline polyfill script: extension pages forbid inline scripts (MV3 CSP).
      modulePreload: { polyfill: false },
    },
  });
  return PAGE_DIR;
}

/** One build per kind and bench run: both UI scenarios share the full build. */
const built = new Map();

/**
 * Builds the extension with WXT's JS API, then adds the bench page to the build as `bench.html`:
 * an extension page with no UI of its own, so nothing else talks to the worker while we time it.
 * Background only by default (the round trip needs nothing else, and a UI entrypoint that is
 * mid-edit cannot break that bench) into .output/bench-extension/; `full` builds every
 * entrypoint (content script, popup) into .output/bench-extension-full/ for the UI scenarios.
 */
export function buildExtension({ full = false, grantHosts = [] } = {}) {
  const key = `${full}|${grantHosts.join(',')}`;
  if (!built.has(key)) built.set(key, buildOnce(full, grantHosts));
  return built.get(key);
}

/**
 * `grantHosts`: origins granted at install (see wxt.config.ts), for scenarios whose headless
 * browser must reach the local sync server without the permission prompt; its own folder.
 */
async function buildOnce(full, grantHosts) {
  const outDir = `.output/bench-extension${full ? '-full' : ''}${grantHosts.length ? '-granted' : ''}`;
  const dir = await buildExtensionTo(outDir, { grantHosts, ...(full ? {} : { filterEntrypoints: ['background'] }) });
  await cp(`${PAGE_DIR}/${ASSETS}`, `${dir}/${ASSETS}`, { recursive: true });
  await cp(`${PAGE_DIR}/index.html`, `${dir}/bench.html`);
  return dir;
}
