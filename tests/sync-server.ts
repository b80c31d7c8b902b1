import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { seedDatabase } from '../server/seed.mjs';
import { setUpTeam } from '../server/team-setup.mjs';
import { startSyncServer, type SyncServer, type SyncServerOptions } from '../server/sync-server.mjs';

export const ADMIN = { name: 'admin', password: 'admin-secret' };
export const ALICE = { name: 'alice', password: 'alice-pass' };
const adminAuth = `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}`;

/** A real sync server on a free port over a temporary folder; `restart` keeps data and port. */
export async function testServer(o: Partial<SyncServerOptions> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sync-test-'));
  const options: SyncServerOptions = { port: 0, dataDir, admin: ADMIN, users: [ALICE], quiet: true, ...o };
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
    /** A new members-only database for one test, as an admin would set it up. */
    /** A new members-only database for one test, set up as the server itself does at start. */
    async createDatabase(name: string) {
      await setUpTeam(`http://127.0.0.1:${port}`, ADMIN, name, [ALICE]);
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
