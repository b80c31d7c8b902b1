// Builds what the bench runs: the bench page (Vite) and, for the round-trip measurement, the
// real extension (WXT). Both go to their own folders under .output/ so a bench never
// overwrites the build the e2e tests or a developer are using in .output/chrome-mv3.
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const PAGE_DIR = `${root}.output/bench-page`;
export const EXTENSION_DIR = `${root}.output/bench-extension/chrome-mv3`;
/** Folder of the page's scripts; distinct from anything WXT emits, so it can be copied in. */
const ASSETS = 'bench-assets';
const run = promisify(execFile);

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

/**
 * Builds the extension (background only: the round trip needs nothing else, and a UI entrypoint
 * that is mid-edit cannot break the bench), then adds the bench page to the build as
 * `bench.html`: an extension page with no UI of its own, so nothing else talks to the worker
 * while we time it. WXT runs in a child process: its spinner writes to stdout unconditionally,
 * and our stdout is the report.
 */
export async function buildExtension() {
  const options = { root, outDir: '.output/bench-extension', filterEntrypoints: ['background'] };
  const script = `import { build } from 'wxt'; await build(${JSON.stringify(options)});`;
  try {
    await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root, maxBuffer: 1 << 24 });
  } catch (e) {
    throw new Error(`wxt build failed:\n${e.stdout}${e.stderr}`);
  }
  await cp(`${PAGE_DIR}/${ASSETS}`, `${EXTENSION_DIR}/${ASSETS}`, { recursive: true });
  await cp(`${PAGE_DIR}/index.html`, `${EXTENSION_DIR}/bench.html`);
  return EXTENSION_DIR;
}
