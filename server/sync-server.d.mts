// Types of sync-server.mjs, for the TypeScript tests and scripts that start the server.

export interface SyncCredentials {
  name: string;
  password: string;
}

export interface SyncServerOptions {
  /** Address to listen on; default '127.0.0.1' (this machine only). */
  host?: string;
  /** Default 5984; 0 picks a free port (read it back from `port`). */
  port?: number;
  /** Folder of the leveldb databases and the log; default `.sync-data` under the working folder. */
  dataDir?: string;
  /** The server admin; required, there is no default password. */
  admin: SyncCredentials;
  /** The team's database; default 'connections'. */
  database?: string;
  /** Team members, created in `_users` when absent (their password set anew when it changed). */
  users?: SyncCredentials[];
  /**
   * Users who may change connection roles: they get the `connections-admin` role in `_users`. A
   * user in `users` has it exactly when named here (so a restart takes it away from a listed user
   * no longer named); a user not in `users` keeps their roles, and must exist when named here.
   */
  roleAdmins?: string[];
  /**
   * The only web origins allowed to call the server from a page, with credentials, e.g.
   * 'http://127.0.0.1:5173'; none by default. '*' is refused (startSyncServer rejects). The
   * extension needs none: its host permission exempts it from CORS.
   */
  corsOrigins?: string[];
  /**
   * Names the server answers to besides localhost, 127.0.0.1, [::1], the address a client
   * reached and `host`: 'name' (with the server's port or none, as a reverse proxy sends it) or
   * 'name:port'. Requests naming any other Host get 421.
   */
  hostNames?: string[];
  /** Print nothing. */
  quiet?: boolean;
}

export interface SyncServer {
  /** e.g. 'http://127.0.0.1:5984', without a trailing slash. */
  url: string;
  port: number;
  host: string;
  /** Absolute path of the data folder. */
  dataDir: string;
  database: string;
  /** Every user in `_users`, by name. */
  users: string[];
  /** Every user with the `connections-admin` role. */
  roleAdmins: string[];
  /** Closes the port, its connections and every database file; resolves when all are released. */
  close(): Promise<void>;
}

/**
 * Starts the server once admin, users (and their roles), database, its rules (`_design/team-rules`)
 * and its members-only `_security` are in place.
 */
export function startSyncServer(options: SyncServerOptions): Promise<SyncServer>;
