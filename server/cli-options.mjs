// Command-line flags and environment of `npm run sync-server`, turned into startSyncServer options.
import { parseArgs } from 'node:util';
import { corsOrigin } from './cors.mjs';
import { hostName } from './hosts.mjs';

export const USAGE = `Usage: npm run sync-server -- --admin NAME:PASSWORD [options]

  --admin NAME:PASSWORD  server admin (required; or SYNC_ADMIN=NAME:PASSWORD)
  --user NAME:PASSWORD   team member who may read and write the database (repeatable;
                         or SYNC_USER=NAME:PASSWORD[,NAME:PASSWORD...])
  --role-admin NAME      give user NAME the connections-admin role: they may change connection
                         roles (repeatable; or SYNC_ROLE_ADMIN=NAME[,NAME...]); a --user not
                         named here loses that role
  --host HOST            address to listen on (default 127.0.0.1: this machine only;
                         0.0.0.0 for the team's network)
  --port PORT            port (default 5984; 0 picks a free one)
  --data DIR             where the databases are kept (default .sync-data)
  --db NAME              the team's database (default connections)
  --host-name NAME       another name the server answers to, NAME or NAME:PORT (repeatable);
                         requests naming any other Host get 421 (the DNS rebinding guard)
  --cors-origin ORIGIN   a web page origin allowed to call the server with credentials, e.g.
                         http://127.0.0.1:5173 (repeatable; * is refused); the extension
                         needs none
  --quiet                print nothing but errors`;

export class UsageError extends Error {}

/**
 * @param {string} value `name:password`; the name ends at the first colon, as in Basic auth
 * @param {string} flag for the message
 */
function credentials(value, flag) {
  const colon = value.indexOf(':');
  if (colon < 1 || colon === value.length - 1)
    throw new UsageError(`${flag} wants NAME:PASSWORD (a name, a colon, then the password).`);
  return { name: value.slice(0, colon), password: value.slice(colon + 1) };
}

/**
 * @param {string[]} argv arguments after the script
 * @param {Record<string, string | undefined>} env
 * @returns {import('./sync-server.mjs').SyncServerOptions & { help?: boolean }}
 */
export function parseCli(argv, env) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        admin: { type: 'string' },
        user: { type: 'string', multiple: true },
        'role-admin': { type: 'string', multiple: true },
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        db: { type: 'string' },
        'host-name': { type: 'string', multiple: true },
        'cors-origin': { type: 'string', multiple: true },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(/** @type {Error} */ (err).message);
  }
  if (parsed.help) return /** @type {any} */ ({ help: true });

  const adminText = parsed.admin ?? env.SYNC_ADMIN;
  if (!adminText) {
    throw new UsageError(
      'No admin given: pass --admin NAME:PASSWORD (or set SYNC_ADMIN=NAME:PASSWORD). There is no default password.',
    );
  }
  const userTexts = parsed.user ?? (env.SYNC_USER ? env.SYNC_USER.split(',') : []);
  const roleAdmins = (parsed['role-admin'] ?? (env.SYNC_ROLE_ADMIN ? env.SYNC_ROLE_ADMIN.split(',') : [])).map((name) =>
    name.trim(),
  );
  for (const name of roleAdmins) {
    if (!name || name.includes(':') || name.startsWith('_')) {
      throw new UsageError(
        `--role-admin wants a user's NAME ("${name}" is none): no password, no ":" or leading "_"; give the password with --user NAME:PASSWORD.`,
      );
    }
  }
  let port;
  if (parsed.port !== undefined) {
    port = Number(parsed.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`--port: "${parsed.port}" is no port.`);
  }
  // Checked here as startSyncServer() checks them, for a usage error rather than a crash.
  for (const [flag, values, check] of /** @type {const} */ ([
    ['--cors-origin', parsed['cors-origin'], corsOrigin],
    ['--host-name', parsed['host-name'], hostName],
  ])) {
    for (const value of values ?? []) {
      try {
        check(value);
      } catch (err) {
        throw new UsageError(`${flag}: ${/** @type {Error} */ (err).message}`);
      }
    }
  }
  return {
    admin: credentials(adminText, '--admin'),
    users: userTexts.map((text) => credentials(text.trim(), '--user')),
    roleAdmins,
    host: parsed.host,
    port,
    dataDir: parsed.data,
    database: parsed.db,
    corsOrigins: parsed['cors-origin'],
    hostNames: parsed['host-name'],
    quiet: parsed.quiet,
  };
}
