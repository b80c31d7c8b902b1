// A real Tryton for the tests, the bench and `npm start -- --crm tryton`: Debian's trytond serving
// its web client sao on 127.0.0.1, over a SQLite database of its own. The database with the
// modules activated takes about half a minute to build, so it is built once (per trytond
// version and module list) into .cache/tryton/ and copied for every server started.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trytonClient } from './rpc.mjs';

export const SAO_ROOT = '/usr/share/tryton-sao/www';
/** Parties, companies, opportunities and relations between parties. */
export const MODULES = ['party', 'party_relationship', 'company', 'sale_opportunity'];
export const ADMIN_PASSWORD = 'admin';
const CACHE = new URL('../../.cache/tryton/', import.meta.url).pathname;

function trytondVersion() {
  const run = spawnSync('trytond', ['--version'], { encoding: 'utf8' });
  if (run.status !== 0 || !run.stdout) {
    throw new Error('trytond is not installed: node scripts/system-deps.mjs tryton (as root) installs it');
  }
  return run.stdout.trim();
}

function writeConfig(dir, port) {
  const conf = join(dir, 'trytond.conf');
  writeFileSync(
    conf,
    [
      '[database]',
      'uri = sqlite://',
      `path = ${dir}`,
      '[web]',
      `listen = 127.0.0.1:${port}`,
      `root = ${SAO_ROOT}`,
      '',
    ].join('\n'),
  );
  return conf;
}

/** A loopback port nothing listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Runs trytond on `dir` until it answers; rejects with its log when it exits first. */
async function serve(dir, database) {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const conf = writeConfig(dir, port);
    const child = spawn('trytond', ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (chunk) => void (log = (log + chunk).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // 'error' (trytond missing) comes instead of 'exit'.
    const exited = new Promise((resolve) => {
      child.once('exit', resolve);
      child.once('error', (e) => ((log += `\n${e.message}`), resolve()));
    });
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid) child.kill('SIGTERM');
      await exited;
    };
    const origin = `http://127.0.0.1:${port}`;
    if (await waitUntilUp(origin, exited)) return { origin, port, stop, log: () => log };
    await stop();
    // Another process may have taken the port between the probe and trytond's bind.
    if (attempt < 2 && /Address already in use/.test(log)) continue;
    throw new Error(`trytond did not start for ${database}:\n${log}`);
  }
}

async function waitUntilUp(origin, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 30_000;
  while (!gone && Date.now() < deadline) {
    try {
      const r = await fetch(`${origin}/`, { signal: AbortSignal.timeout(1_000) });
      if (r.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * The activated database, built once: modules installed, the admin's password set, the setup
 * wizard marked done (otherwise sao's first login opens it and drops the deep link), and a
 * company with a currency and an employee for the admin (an opportunity needs all three).
 */
async function template() {
  const key = createHash('sha256')
    .update(`${trytondVersion()}\n${MODULES.join(',')}\n2`)
    .digest('hex')
    .slice(0, 12);
  const file = join(CACHE, `${key}.sqlite`);
  if (existsSync(file)) return file;
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'tryton-build-'));
  try {
    const database = 'template';
    writeFileSync(join(dir, `${database}.sqlite`), '');
    const pass = join(dir, 'pass');
    writeFileSync(pass, ADMIN_PASSWORD);
    const conf = writeConfig(dir, 0);
    const admin = spawnSync(
      'trytond-admin',
      ['-c', conf, '-d', database, '-u', ...MODULES, '--activate-dependencies', '--email', 'admin@example.com'],
      { encoding: 'utf8', env: { ...process.env, TRYTONPASSFILE: pass } },
    );
    if (admin.status !== 0) throw new Error(`trytond-admin failed:\n${admin.stdout}\n${admin.stderr}`);
    const server = await serve(dir, database);
    try {
      const rpc = trytonClient(server.origin, database);
      await rpc.login('admin', ADMIN_PASSWORD);
      const items = await rpc.model('ir.module.config_wizard.item', 'search', [], 0, null, null);
      await rpc.model('ir.module.config_wizard.item', 'write', items, { state: 'done' });
      const [currency] = await rpc.model('currency.currency', 'create', [
        { name: 'Euro', code: 'EUR', symbol: '€', digits: 2, rounding: { __class__: 'Decimal', decimal: '0.01' } },
      ]);
      const [owner] = await rpc.model('party.party', 'create', [{ name: 'Northwind Traders' }]);
      const [company] = await rpc.model('company.company', 'create', [{ party: owner, currency }]);
      const [person] = await rpc.model('party.party', 'create', [{ name: 'Dana Seller' }]);
      const [employee] = await rpc.model('company.employee', 'create', [{ party: person, company }]);
      await rpc.model('res.user', 'write', [1], {
        companies: [['add', [company]]],
        company,
        employees: [['add', [employee]]],
        employee,
      });
    } finally {
      await server.stop();
    }
    const built = join(CACHE, `${key}.${process.pid}.sqlite`);
    copyFileSync(join(dir, `${database}.sqlite`), built);
    // Atomic: a concurrent build of the same template replaces it with an identical one.
    renameSync(built, file);
    return file;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a Tryton of its own on a free loopback port, with a fresh copy of the template database
 * named `database`. Resolves to its origin, a JSON-RPC client signed in as admin, the address of a
 * record or list in sao, and `close()`, which stops it and deletes its files.
 */
export async function startTryton({ database = 'crm' } = {}) {
  const source = await template();
  const dir = mkdtempSync(join(tmpdir(), 'tryton-'));
  copyFileSync(source, join(dir, `${database}.sqlite`));
  let server;
  const rpc = () => trytonClient(server.origin, database);
  let admin;
  try {
    server = await serve(dir, database);
    admin = rpc();
    await admin.login('admin', ADMIN_PASSWORD);
  } catch (e) {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const hash = (path) => `${server.origin}/#${encodeURIComponent(database)}/${path}`;
  return {
    origin: server.origin,
    database,
    /** The folder of its database, config and log; gone once closed. */
    dir,
    rpc: admin,
    /** sao's address of a record (`id` given) or of a model's list. */
    url: (model, id) => hash(id === undefined ? `model/${model}` : `model/${model}/${id}`),
    /** What sao keeps in localStorage[`sao_session_${database}`] once signed in: a new admin session. */
    session: () => rpc().login('admin', ADMIN_PASSWORD),
    log: server.log,
    async close() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
