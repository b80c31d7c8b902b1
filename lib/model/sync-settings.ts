import * as v from 'valibot';

/**
 * Team sync settings (README "Team sync"). Kept in the background's own database (no content
 * script reaches it), never in a backup; the password goes only to the server at `url`.
 */
export interface SyncSettings {
  enabled: boolean;
  /** The server's base URL, normalised to end in `/` (CouchDB may live under a path). */
  url: string;
  database: string;
  username: string;
  password: string;
  /** Basic sends the credentials with each request; cookie logs in once (`POST /_session`). */
  auth: 'basic' | 'cookie';
}

/** What the options page is shown: everything but the password. */
export type SyncSettingsView = Omit<SyncSettings, 'password'> & { hasPassword: boolean };

/** Hosts where plain http is allowed: the traffic never leaves this machine. */
export const isLoopbackHost = (host: string) =>
  host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';

const ServerUrlSchema = v.pipe(
  v.string('Server URL must be text.'),
  v.trim(),
  v.nonEmpty('Server URL is required.'),
  v.maxLength(2_000, 'Server URL is too long.'),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    let url: URL;
    try {
      url = new URL(dataset.value);
    } catch {
      addIssue({ message: 'Server URL must be a web address like https://couch.example.com/.' });
      return NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      addIssue({ message: 'Server URL must start with https://.' });
      return NEVER;
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
      addIssue({ message: 'Server URL must use https:// (plain http is allowed only for localhost).' });
      return NEVER;
    }
    if (url.username || url.password) {
      addIssue({ message: 'Put the username and password in their own fields, not in the Server URL.' });
      return NEVER;
    }
    if (url.search || url.hash) {
      addIssue({ message: 'Server URL must not have a query (?) or fragment (#).' });
      return NEVER;
    }
    return `${url.origin}${url.pathname.replace(/\/*$/, '/')}`;
  }),
);

/** CouchDB's own rule for database names. */
const DatabaseSchema = v.pipe(
  v.string('Database must be text.'),
  v.trim(),
  v.nonEmpty('Database is required.'),
  v.maxLength(238, 'Database name is too long (238 characters at most).'),
  v.regex(
    /^[a-z][a-z0-9_$()+/-]*$/,
    'Database must start with a lower-case letter and use only a–z, 0–9 and _ $ ( ) + - /.',
  ),
);

export const SyncSettingsInputSchema = v.object({
  enabled: v.boolean('Enabled must be true or false.'),
  url: ServerUrlSchema,
  database: DatabaseSchema,
  username: v.pipe(
    v.string('Username must be text.'),
    v.trim(),
    v.maxLength(254, 'Username is too long.'),
    // Basic sign-in sends "name:password": a colon in the name would move part of it into the password.
    v.regex(/^[^:\p{Cc}]*$/u, 'Username must not contain ":" or control characters.'),
  ),
  /** Empty keeps the saved password (the options page never sees it). */
  password: v.optional(v.pipe(v.string('Password must be text.'), v.maxLength(1_000, 'Password is too long.')), ''),
  auth: v.optional(v.picklist(['basic', 'cookie'], 'Sign-in must be "basic" or "cookie".'), 'basic'),
});
export type SyncSettingsInput = v.InferOutput<typeof SyncSettingsInputSchema>;

/** Settings as the background stores them: the input's rules, and the password itself. */
export const StoredSyncSettingsSchema = v.object({
  ...SyncSettingsInputSchema.entries,
  password: v.pipe(v.string('Password must be text.'), v.maxLength(1_000, 'Password is too long.')),
  auth: v.picklist(['basic', 'cookie'], 'Sign-in must be "basic" or "cookie".'),
});

/** The server's origin as a host-permission pattern (ports are not part of match patterns). */
export const serverPermissionPattern = (url: string) => `${new URL(url).protocol}//${new URL(url).hostname}/*`;

export type SyncState = 'off' | 'synced' | 'syncing' | 'offline' | 'error';

/** Why sync stopped, so the UI can say what to do about it. */
export type SyncProblem = 'auth' | 'permission' | 'database' | 'server' | 'offline' | 'rejected' | 'storage';

export interface SyncStatus {
  state: SyncState;
  /** The server as the user would name it: origin and database. */
  server: string | null;
  /** Plain words for an error or offline state. */
  reason: string | null;
  problem: SyncProblem | null;
  lastSyncedAt: string | null;
  /** Local changes not yet on the server. */
  pending: number;
  /** A large transfer under way, for a progress bar. */
  progress: { direction: 'pull' | 'push'; done: number; total: number } | null;
  /** Documents from the server that failed validation and were not applied. */
  rejected: number;
  lastRejected: { docId: string; reason: string } | null;
  /** When the next automatic attempt is due after an error (none after a refused password). */
  retryAt: string | null;
  /**
   * Why this user may not change connection roles (the team's server lets only its role admins),
   * or null when they may: sync off, not known yet, or an admin.
   */
  rolesReadOnly: string | null;
}

/** The team role that may create, change and delete connection roles on the team's server. */
export const ROLES_ADMIN_ROLE = 'connections-admin';

export const ROLES_READ_ONLY_REASON = `Connection roles are managed by your team's admins (members with the ${ROLES_ADMIN_ROLE} role on the sync server): you can use them here, not change them.`;

export const SYNC_OFF: SyncStatus = {
  state: 'off',
  server: null,
  reason: null,
  problem: null,
  lastSyncedAt: null,
  pending: 0,
  progress: null,
  rejected: 0,
  lastRejected: null,
  retryAt: null,
  rolesReadOnly: null,
};

/** The outcome of "Test connection", step by step. */
export interface CheckStep {
  step: 'reachable' | 'credentials' | 'database';
  ok: boolean;
  detail: string;
}

export interface CheckResult {
  ok: boolean;
  steps: CheckStep[];
  /** The settings field to fix when a step failed. */
  field: 'url' | 'username' | 'password' | 'database' | null;
}

const PLAIN_REASONS: Record<SyncProblem, string> = {
  auth: 'The server refused the username or password.',
  permission: 'Access to the sync server is not granted.',
  database: 'The database does not exist on the server.',
  server: 'The sync server reported an error.',
  offline: 'The sync server cannot be reached.',
  rejected: 'Some documents could not be synced.',
  storage: 'This browser has no room left for the extension’s data.',
};

/**
 * The status as a CRM page may see it: our in-page UI lives in an open shadow root the page can
 * read, so it is not told the server's address, the database or which documents were refused.
 */
export function statusForPage(s: SyncStatus): SyncStatus {
  return {
    ...s,
    server: null,
    reason: s.problem ? PLAIN_REASONS[s.problem] : null,
    lastRejected: null,
  };
}
