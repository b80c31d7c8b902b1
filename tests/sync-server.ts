import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seedDatabase } from '../server/seed.mjs';
import { setUpTeam } from '../server/team-setup.mjs';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../server/sync-server.mjs';

export const ADMIN = { name: 'admin', password: 'admin-secret' };
/** A plain member: reads and writes connections, reads roles (the server refuses their role changes). */
export const ALICE = { name: 'alice', password: 'alice-pass' };
/** A member with the connections-admin role: may also create, change and delete connection roles. */
export const ADMIN_MEMBER = { name: 'rita', password: 'rita-pass' };
const adminAuth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;

/** A real sync server on a free port over a temporary folder; `restart` keeps data and port. */
export async function testServer(o: Partial<SyncServerOptions> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sync-test-'));
  const options: SyncServerOptions = {
    port: 0,
    dataDir,
    admin: ADMIN,
    users: [ALICE, ADMIN_MEMBER],
    // Other users given: ADMIN_MEMBER is not among them unless they name it.
    roleAdmins: o.users && !o.users.some((u) => u.name === ADMIN_MEMBER.name) ? [] : [ADMIN_MEMBER.name],
    quiet: true,
    ...o,
  };
  let server: SyncServer | null = await startSyncServer(options);
  const port = server.port;
  return {
    get url() {
      return `http://127.0.0.1:${port}/`;
    },
    database: options.database ?? 'connections',
    async stop() {
      await server?.close();
      server = null;
    },
    async start() {
      server ??= await startSyncServer({ ...options, port });
    },
    /** A new members-only database for one test (ALICE and ADMIN_MEMBER), set up as the server itself does at start. */
    async createDatabase(name: string) {
      await setUpTeam(`http://127.0.0.1:${port}`, ADMIN, name, [ALICE, ADMIN_MEMBER], {
        roleAdmins: [ADMIN_MEMBER.name],
      });
      return name;
    },
    /** Fills a database with `count` connections in the documented format, as an admin. */
    async seed(database: string, count: number, prefix = 'seed') {
      await seedDatabase({ url: `http://127.0.0.1:${port}/`, database, auth: adminAuth, count, prefix });
    },
    async dispose() {
      await server?.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof testServer>>;
