import type { SyncCredentials } from './sync-server.mjs';

/** Users (created or re-passworded), the database and its members-only `_security`, as the admin. */
export function setUpTeam(
  baseUrl: string,
  admin: SyncCredentials,
  database: string,
  users: SyncCredentials[],
): Promise<{ users: string[]; members: string[]; created: string[]; updated: string[] }>;
