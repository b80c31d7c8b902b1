// Builds the Chrome extension with WXT's JS API into `outDir` (relative to the project), for the
// bench and the demo: optionally with local servers granted at install (CONNECTIONS_GRANT_HOSTS,
// see wxt.config.ts) and only some entrypoints. WXT runs in a child process: its spinner writes to
// stdout unconditionally, and the bench's stdout is its report. Resolves to the built folder.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const run = promisify(execFile);

export async function buildExtensionTo(outDir, { grantHosts = [], filterEntrypoints } = {}) {
  const options = { root, outDir, ...(filterEntrypoints ? { filterEntrypoints } : {}) };
  const script = `import { build } from 'wxt'; await build(${JSON.stringify(options)});`;
  const env = { ...process.env, CONNECTIONS_GRANT_HOSTS: grantHosts.join(',') };
  try {
    await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root, maxBuffer: 1 << 24, env });
  } catch (e) {
    throw new Error(`wxt build failed:\n${e.stdout}${e.stderr}`);
  }
  return `${root}${outDir}/chrome-mv3`;
}
