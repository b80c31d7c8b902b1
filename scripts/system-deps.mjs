// The Debian packages the tests and the demo run on, installed when missing, as
// `playwright install-deps` does: with apt-get when running as root, otherwise one line saying
// the exact command to run. `node scripts/system-deps.mjs test|start|tryton|bench` from npm scripts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TRYTON_MODULES = '/usr/lib/python3/dist-packages/trytond/modules';

/** Each package with the file that shows it is installed (CHROMIUM_PATH and FIREFOX_PATH replace the browsers). */
const PACKAGES = {
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  'firefox-esr': process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
  xvfb: '/usr/bin/Xvfb',
  xdotool: '/usr/bin/xdotool',
  'tryton-server': '/usr/bin/trytond',
  'tryton-sao': '/usr/share/tryton-sao/www/index.html',
  'tryton-modules-party': `${TRYTON_MODULES}/party/__init__.py`,
  'tryton-modules-party-relationship': `${TRYTON_MODULES}/party_relationship/__init__.py`,
  'tryton-modules-company': `${TRYTON_MODULES}/company/__init__.py`,
  'tryton-modules-sale-opportunity': `${TRYTON_MODULES}/sale_opportunity/__init__.py`,
};

const TRYTON = Object.keys(PACKAGES).filter((p) => p.startsWith('tryton-'));

/** What each command needs: the tests drive both browsers (some in a window on Xvfb) and a real Tryton. */
export const NEEDS = {
  test: Object.keys(PACKAGES),
  start: ['chromium'],
  tryton: ['chromium', ...TRYTON],
  bench: ['chromium', ...TRYTON],
};

/** The packages of `names` that are not installed. */
export const missingPackages = (names) => names.filter((name) => !existsSync(PACKAGES[name]));

/** The one command that installs `names`. */
export const installCommand = (names) => `apt-get install -y --no-install-recommends ${names.join(' ')}`;

/**
 * Makes sure the packages of `names` are installed: returns at once when they are, installs them
 * when this process may (root with apt-get), and otherwise returns the line to tell the user.
 */
export function ensurePackages(names) {
  for (const [name, variable] of [
    ['chromium', 'CHROMIUM_PATH'],
    ['firefox-esr', 'FIREFOX_PATH'],
  ]) {
    if (names.includes(name) && process.env[variable] && !existsSync(process.env[variable]))
      return { ok: false, message: `${variable}=${process.env[variable]} does not exist` };
  }
  const missing = missingPackages(names);
  if (!missing.length) return { ok: true };
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!root || !apt) {
    return { ok: false, message: `Missing system packages: run as root: apt-get update && ${installCommand(missing)}` };
  }
  console.log(`Installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // A fresh machine has no package lists yet; an update costs a few seconds otherwise.
  const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  const install =
    update.status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  const still = missingPackages(names);
  if (install && install.status === 0 && !still.length) return { ok: true };
  return { ok: false, message: `Could not install system packages: ${installCommand(still.length ? still : missing)}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const need = NEEDS[process.argv[2] ?? 'test'];
  if (!need) {
    console.error(`Usage: node scripts/system-deps.mjs ${Object.keys(NEEDS).join('|')}`);
    process.exit(2);
  }
  const result = ensurePackages(need);
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
