import type { SyncCredentials } from './sync-server.mjs';

/**
 * Users (created or re-passworded, their connections-admin role in step), the database, its
 * validation rules (`_design/team-rules`) and its members-only `_security`, as the admin.
 */
export function setUpTeam(
  baseUrl: string,
  admin: SyncCredentials,
  database: string,
  users: SyncCredentials[],
  options?: {
    /**
     * Users with the connections-admin role: a user in `users` has it exactly when named here;
     * others keep their roles, and get it when named here (they must exist).
     */
    roleAdmins?: string[];
  },
): Promise<{
  users: string[];
  members: string[];
  created: string[];
  updated: string[];
  /** Every user in `_users` with the connections-admin role. */
  roleAdmins: string[];
  /** What happened to `_design/team-rules`. */
  rules: 'installed' | 'updated' | 'unchanged';
}>;
