// Types of cli-options.mjs, for the TypeScript tests.
import type { SyncServerOptions } from './sync-server.mjs';

export const USAGE: string;
export class UsageError extends Error {}
/** The command line and environment (SYNC_ADMIN, SYNC_USER, SYNC_ROLE_ADMIN) as startSyncServer options. */
export function parseCli(
  argv: string[],
  env: Record<string, string | undefined>,
): SyncServerOptions & { help?: boolean };
