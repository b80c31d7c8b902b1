import * as v from 'valibot';
import type { Preview } from './import-preview';
import {
  BACKUP_CHUNK,
  BACKUP_KINDS,
  BackupHeaderSchema,
  type Backup,
  ConnectionInputSchema,
  ConnectionPatchSchema,
  IdentitySchema,
  IdSchema,
  LIMITS,
  RecordInputSchema,
  ROLE_CATEGORIES,
  RoleInputSchema,
  SyncSettingsInputSchema,
  type CheckResult,
  type SyncSettingsView,
  type SyncStatus,
  RolePatchSchema,
  type Connection,
  type ConnectionRole,
  type SeenRecord,
  type SerializedError,
  type Settings,
  type Site,
} from '../model';
import type { ConnectionView, RoleView } from './views';

const RecordKeySchema = v.pipe(
  v.string('Record key must be text.'),
  v.minLength(5, 'Record key is too short.'),
  v.maxLength(2_100, 'Record key is too long.'),
);
const ById = v.object({ id: IdSchema });

/** Which extension frame a content script made for its page. */
export const FRAME_KINDS = ['panel', 'dialog'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];
/** A frame's token: random, made by the content script, told to the background and the frame. */
const TokenSchema = v.pipe(v.string('Token must be text.'), v.regex(/^[0-9a-f-]{32,40}$/, 'Malformed frame token.'));

/** What a frame asks its page's content script to do (relayed by the background). */
export const PageUiSchema = v.variant('action', [
  v.object({
    action: v.literal('open-dialog'),
    mode: v.picklist(['new', 'me', 'edit'], 'Dialog mode must be new, me or edit.'),
    connectionId: v.optional(IdSchema),
  }),
  v.object({ action: v.literal('close-dialog') }),
  v.object({ action: v.literal('collapse-panel') }),
]);
export type PageUi = v.InferOutput<typeof PageUiSchema>;

/**
 * The one protocol between UI contexts and the background: message type → payload schema.
 * The background validates every payload against this table; UI code imports only types.
 */
export const requests = {
  'connections.create': ConnectionInputSchema,
  'connections.update': v.object({ id: IdSchema, patch: ConnectionPatchSchema }),
  'connections.setStatus': v.object({
    id: IdSchema,
    status: v.picklist(['active', 'inactive'], 'Status must be "active" or "inactive".'),
  }),
  'connections.delete': ById,
  'connections.restore': ById,
  'connections.get': ById,
  'connections.listForRecord': v.object({
    key: RecordKeySchema,
    status: v.optional(v.picklist(['active', 'inactive', 'all'], 'Status must be active, inactive or all.'), 'all'),
    roleId: v.optional(IdSchema),
    category: v.optional(v.picklist(ROLE_CATEGORIES, 'Unknown role category.')),
  }),
  'roles.list': v.object({}),
  'roles.create': RoleInputSchema,
  'roles.update': v.object({ id: IdSchema, patch: RolePatchSchema }),
  'roles.setActive': v.object({ id: IdSchema, active: v.boolean('Active must be true or false.') }),
  'roles.delete': v.object({
    id: IdSchema,
    clearFromConnections: v.optional(v.boolean('clearFromConnections must be true or false.'), false),
  }),
  'roles.restoreDefaults': v.object({}),
  'records.seen': RecordInputSchema,
  /**
   * A content script reports what its own tab shows: the address is the background's to read
   * (the tab's URL); the page gives only the name and, where the CRM's page refines it, the type,
   * and the address it read them at (so a name cannot land on the record the tab moved on to).
   */
  'page.report': v.object({
    record: v.nullable(
      v.object({
        /** The address the page showed as it read the name: refused if the tab has moved on. */
        url: v.optional(RecordInputSchema.entries.url),
        name: RecordInputSchema.entries.name,
        entityType: v.optional(RecordInputSchema.entries.entityType),
      }),
    ),
  }),
  /** A content script asks how many active connections its tab's record has. */
  'page.count': v.object({}),
  /** A content script tells the background the token of a frame it made for its page. */
  'page.frame': v.object({ kind: v.picklist(FRAME_KINDS, 'Unknown frame.'), token: TokenSchema }),
  /** A frame asks which record its tab shows. */
  'page.record': v.object({}),
  /** A frame asks its page's content script to open or close a frame. */
  'page.ui': PageUiSchema,
  'records.search': v.object({
    query: v.pipe(v.string('Search text must be text.'), v.maxLength(LIMITS.searchQuery, 'Search text is too long.')),
    limit: v.optional(
      v.pipe(v.number('Limit must be a number.'), v.integer('Limit must be whole.'), v.minValue(1), v.maxValue(200)),
      20,
    ),
  }),
  'records.get': v.object({ key: RecordKeySchema }),
  'records.open': v.object({}),
  'records.types': v.object({}),
  'commands.list': v.object({}),
  'settings.get': v.object({}),
  'backup.header': v.object({}),
  'backup.export': v.object({
    kind: v.picklist(BACKUP_KINDS, 'Unknown kind of data.'),
    after: v.optional(v.pipe(v.string(), v.maxLength(2_100))),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(BACKUP_CHUNK)), BACKUP_CHUNK),
  }),
  'backup.begin': BackupHeaderSchema,
  'backup.stage': v.object({
    importId: IdSchema,
    kind: v.picklist(BACKUP_KINDS, 'Unknown kind of data.'),
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    items: v.pipe(
      v.array(v.unknown(), 'Expected a list of items.'),
      v.maxLength(BACKUP_CHUNK, 'Too many items in one chunk.'),
    ),
  }),
  'backup.preview': v.object({ importId: IdSchema }),
  'backup.apply': v.object({
    importId: IdSchema,
    /**
     * Documents older in the file than here: `keep` leaves the newer version (default), `restore`
     * writes the file's as an edit made now, so it wins on every replica as any new edit does.
     */
    older: v.optional(v.picklist(['keep', 'restore'], 'older must be "keep" or "restore".'), 'keep'),
  }),
  'backup.discard': v.object({ importId: IdSchema }),
  'data.stats': v.object({}),
  'data.deleteAll': v.object({
    confirm: v.literal('DELETE', 'Type DELETE to confirm that everything should go.'),
  }),
  'sites.list': v.object({}),
  'sites.status': v.object({ url: v.pipe(v.string('URL must be text.'), v.maxLength(LIMITS.url, 'URL is too long.')) }),
  /**
   * The options page is about to ask the browser for the sync server's access (Test, Save): that
   * grant is not a CRM site to switch on, though it arrives like one (permissions.onAdded).
   */
  'sites.expectServer': v.object({
    origin: v.pipe(v.string('Server must be text.'), v.maxLength(300, 'Server is too long.')),
  }),
  'sites.enable': v.object({ origin: v.pipe(v.string('Site must be text.'), v.maxLength(300, 'Site is too long.')) }),
  'sites.disable': v.object({ origin: v.pipe(v.string('Site must be text.'), v.maxLength(300, 'Site is too long.')) }),
  'settings.setIdentity': IdentitySchema,
  'sync.status': v.object({}),
  'sync.settings': v.object({}),
  'sync.configure': SyncSettingsInputSchema,
  'sync.test': SyncSettingsInputSchema,
  'sync.now': v.object({}),
} as const;

/** What each request resolves with. */
export interface Responses {
  'connections.create': Connection;
  'connections.update': Connection;
  'connections.setStatus': Connection;
  'connections.delete': { id: string };
  'connections.restore': Connection;
  'connections.get': Connection;
  'connections.listForRecord': ConnectionView[];
  'roles.list': RoleView[];
  'roles.create': ConnectionRole;
  'roles.update': ConnectionRole;
  'roles.setActive': ConnectionRole;
  'roles.delete': { id: string; cleared: number };
  'roles.restoreDefaults': { added: number };
  'records.seen': SeenRecord;
  /** The record's key and active connections; null when the tab shows no record. */
  'page.report': { key: string; active: number } | null;
  'page.count': { active: number };
  'page.frame': null;
  'page.record': SeenRecord | null;
  'page.ui': null;
  'records.search': SeenRecord[];
  'records.get': SeenRecord | null;
  /** Records shown right now in other tabs, most recent first. */
  'records.open': SeenRecord[];
  'records.types': { crm: string; entityType: string }[];
  /** The extension's keyboard shortcuts as the browser has them now (the user may change them). */
  'commands.list': { name: string; shortcut: string; description: string }[];
  'settings.get': Settings;
  'settings.setIdentity': Settings;
  'backup.header': Pick<Backup, 'format' | 'version' | 'exportedAt' | 'settings'>;
  'backup.export': { items: unknown[]; next: string | null };
  'backup.begin': { importId: string };
  'backup.stage': { staged: number };
  'backup.preview': Preview;
  'backup.apply': Preview;
  'backup.discard': null;
  'data.stats': {
    roles: number;
    activeRoles: number;
    connections: number;
    activeConnections: number;
    deletedConnections: number;
    records: number;
  };
  'data.deleteAll': null;
  'sync.status': SyncStatus;
  'sync.settings': SyncSettingsView | null;
  'sync.configure': SyncStatus;
  'sync.test': CheckResult;
  'sync.now': SyncStatus;
  'sites.list': string[];
  /** null for pages that are not web pages. */
  'sites.status': (Site & { builtIn: boolean; enabled: boolean }) | null;
  'sites.expectServer': null;
  'sites.enable': Site;
  'sites.disable': Site;
}

export type Method = keyof typeof requests;
/** What a caller sends. */
export type RequestOf<M extends Method> = v.InferInput<(typeof requests)[M]>;
/** What a handler receives, defaults applied and text trimmed. */
export type ParsedOf<M extends Method> = v.InferOutput<(typeof requests)[M]>;

/** The message on the wire; extension frames inside CRM pages add the token their page gave them. */
export interface Envelope<M extends Method = Method> {
  type: M;
  payload: RequestOf<M>;
  token?: string;
}

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: SerializedError };

export { CHANGE_FEED_PORT } from './ports';
