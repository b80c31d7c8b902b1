// `npm run sync-server`: a CouchDB-protocol server for a team on one machine and for tests, built on
// express-pouchdb and PouchDB's leveldb storage. startSyncServer() is the library entry; run
// directly, this file is the command line (flags in cli-options.mjs).
import fs from 'node:fs';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { applyAccessRules, strictSessionCookie } from './access.mjs';
import { cors, corsOrigin } from './cors.mjs';
import { applyFixes } from './fixes.mjs';
import { hostCheck, hostName } from './hosts.mjs';
import { trackedPouch } from './pouch.mjs';
import { setUpTeam } from './team-setup.mjs';
import { DESIGN_DOC_ID } from './validate.mjs';
import { USAGE, UsageError, parseCli } from './cli-options.mjs';

const require = createRequire(import.meta.url);
const express = require('express');
const expressPouchDB = require('express-pouchdb');
const pouchUtils = require('express-pouchdb/lib/utils.js');

/**
 * @typedef {{ name: string, password: string }} Credentials
 * @typedef {{
 *   host?: string, port?: number, dataDir?: string, admin: Credentials, database?: string,
 *   users?: Credentials[], roleAdmins?: string[], corsOrigins?: string[], hostNames?: string[],
 *   quiet?: boolean,
 * }} SyncServerOptions
 */

// CouchDB's rule for database names, so that a database made here can move to CouchDB as it is.
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

// Parts of express-pouchdb left out: server-side replication (POST /_replicate fetches any URL a
// member names, and the _replicator daemon keeps a database open), the test suite's fake
// authentication handler, and the stub of /_session that the real one replaces.
const EXCLUDED_PARTS = ['replicator', 'routes/replicate', 'routes/special-test-auth', 'routes/session-stub'];

// express-pouchdb keeps its routing state per PouchDB class but announces databases on PouchDB's
// one process-wide emitter, so two servers in one process would see each other's databases.
let running = false;

/**
 * Starts the server; resolves once the admin, the users and their roles, the database, its rules
 * (`_design/team-rules`) and its `_security` are in place and the port is open.
 * @param {SyncServerOptions} options
 */
export async function startSyncServer(options) {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 5984;
  const dataDir = path.resolve(options.dataDir ?? '.sync-data');
  const database = options.database ?? 'connections';
  const users = options.users ?? [];
  const roleAdmins = options.roleAdmins ?? [];
  const { admin } = options;
  if (!admin?.name || !admin.password) throw new Error('startSyncServer needs admin: { name, password }.');
  if (!DB_NAME.test(database)) throw new Error(`"${database}" is not a CouchDB database name (${DB_NAME}).`);
  for (const user of [admin, ...users]) {
    if (!user.name || user.name.includes(':') || user.name.startsWith('_') || !user.password) {
      throw new Error(`Bad user "${user.name}": a name without ":" or a leading "_", and a password.`);
    }
  }
  for (const name of roleAdmins) {
    if (typeof name !== 'string' || !name || name.includes(':') || name.startsWith('_')) {
      throw new Error(`Bad role admin "${name}": a user's name, without ":" or a leading "_".`);
    }
  }
  // Checked before anything is made, so a bad value leaves nothing behind.
  const corsOrigins = (options.corsOrigins ?? []).map(corsOrigin);
  const hostNames = (options.hostNames ?? []).map(hostName);
  if (running) throw new Error('A sync server is already running in this process: close it first.');
  running = true;

  let pouch;
  let app;
  let fixes;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Keep the data out of git wherever the folder is made.
    const ignore = path.join(dataDir, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');

    pouch = trackedPouch(dataDir);
    // express-pouchdb's config file is left out: it is rewritten without a lock (two writes at
    // once fail with ENOENT), and everything in it is set again at each start anyway.
    app = expressPouchDB({
      mode: 'fullCouchDB',
      overrideMode: { exclude: EXCLUDED_PARTS },
      inMemoryConfig: true,
      logPath: path.join(dataDir, 'log.txt'),
    });
    await app.setPouchDB(pouch.Pouch);
    fixes = applyFixes(app, pouchUtils);
    applyAccessRules(app, pouchUtils);

    // The admin given now is the server's only admin.
    await configure(app, 'admins', admin.name, admin.password);
    // Session cookies are signed with this secret; keeping it lets logins outlive a restart.
    await configure(app, 'couch_httpd_auth', 'secret', sessionSecret(dataDir));
  } catch (err) {
    await release(undefined, app, pouch, fixes);
    throw err;
  }

  const outer = express();
  outer.disable('x-powered-by');
  // The Host check comes first: a request sent under another name (DNS rebinding) gets nothing,
  // not even CORS headers.
  outer.use(hostCheck({ host, hostNames }));
  outer.use(cors(corsOrigins));
  outer.use(strictSessionCookie());
  outer.use(app);

  let server;
  let team;
  try {
    // Users, database and _security are set up through a private loopback port, so the real one
    // opens only when the database already admits no one else.
    const setup = await listen(http.createServer(outer), 0, '127.0.0.1');
    try {
      team = await setUpTeam(`http://127.0.0.1:${setup.address().port}`, admin, database, users, { roleAdmins });
    } finally {
      await shut(setup);
    }
    server = await listen(http.createServer(outer), port, host);
  } catch (err) {
    await release(undefined, app, pouch, fixes);
    throw err;
  }

  const actualPort = server.address().port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${actualPort}`;
  if (!options.quiet) {
    const memberSet = new Set(team.members);
    const listed = team.users.map((name) => (memberSet.has(name) ? name : `${name} (not a member)`));
    console.log(`Sync server: ${url}/  (listening on ${host}:${actualPort})`);
    console.log(`Database:    ${database}  (members only; admin: ${admin.name})`);
    console.log(`Users:       ${listed.length ? listed.join(', ') : 'none yet: add one with --user NAME:PASSWORD'}`);
    if (team.created.length) console.log(`             created now: ${team.created.join(', ')}`);
    if (team.updated.length) console.log(`             password changed now: ${team.updated.join(', ')}`);
    console.log(
      `Role admins: ${team.roleAdmins.length ? team.roleAdmins.join(', ') : 'none (--role-admin NAME lets a user change connection roles)'}`,
    );
    console.log(`Rules:       ${DESIGN_DOC_ID} ${team.rules === 'unchanged' ? 'in place' : team.rules + ' now'}`);
    console.log(`Data:        ${dataDir}`);
  }

  /** @type {Promise<void> | undefined} */
  let closing;
  return {
    url,
    port: actualPort,
    host,
    dataDir,
    database,
    users: team.users,
    roleAdmins: team.roleAdmins,
    close() {
      closing ??= release(server, app, pouch, fixes);
      return closing;
    },
  };
}

/**
 * Closes everything a start opened, in order: the port and its connections, the open feeds,
 * express-pouchdb's daemons, every database (freeing the leveldb locks), the log file.
 * @param {http.Server | undefined} server
 * @param {any} app
 * @param {ReturnType<typeof trackedPouch> | undefined} pouch
 * @param {{ stopFeeds(): void } | undefined} fixes
 */
async function release(server, app, pouch, fixes) {
  try {
    if (server) await shut(server);
    fixes?.stopFeeds();
    if (app && pouch) await app.daemonManager.stop(pouch.Pouch);
    await pouch?.closeAll();
    const log = app?.couchLogger?._stream;
    if (log) await new Promise((resolve) => log.end(resolve));
  } finally {
    running = false;
  }
}

/**
 * @param {http.Server} server
 * @param {number} port
 * @param {string} host
 * @returns {Promise<http.Server & { address(): import('node:net').AddressInfo }>}
 */
function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(/** @type {any} */ (server));
    });
  });
}

/** Stops accepting, and ends the open connections too (keep-alive ones, feeds) rather than waiting. */
function shut(/** @type {http.Server} */ server) {
  return new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeAllConnections();
  });
}

/**
 * @param {any} app
 * @param {string} section
 * @param {string} key
 * @param {unknown} value
 */
function configure(app, section, key, value) {
  return new Promise((resolve, reject) => {
    app.couchConfig.set(section, key, value, (/** @type {Error | null} */ err) =>
      err ? reject(err) : resolve(undefined),
    );
  });
}

/** The secret kept in the data folder, made on first start. */
function sessionSecret(/** @type {string} */ dataDir) {
  const file = path.join(dataDir, 'session-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
  let options;
  try {
    options = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const server = await startSyncServer(options);
  if (!options.quiet) console.log('Running; Ctrl+C stops it.');
  const stop = async (/** @type {string} */ signal) => {
    if (!options.quiet) console.log(`${signal}: closing.`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
