import * as v from 'valibot';
import type { Connection, ConnectionEnd } from './connection';
import type { SeenRecord } from './record-ref';
import type { ConnectionRole } from './role';
import { IdentitySchema, type Identity } from './settings';

/** What a backup file says it is (README: "Backup file format"). */
export const BACKUP_FORMAT = 'connections-for-any-crm/backup';
/** The newest backup version this build reads and the one it writes. */
export const BACKUP_VERSION = 1;
/** Items per message when a backup travels between the options page and the background. */
export const BACKUP_CHUNK = 2_000;

export type BackupKind = 'roles' | 'connections' | 'records';
export const BACKUP_KINDS: readonly BackupKind[] = ['roles', 'connections', 'records'];

/** The part of a backup file before its item lists, checked first. */
export const BackupHeaderSchema = v.object({
  format: v.literal(BACKUP_FORMAT, 'This file is not a Connections backup (its "format" is missing or different).'),
  version: v.pipe(
    v.number('The backup has no version number.'),
    v.integer('The backup version must be a whole number.'),
    v.minValue(1, 'The backup version must be 1 or more.'),
    v.maxValue(
      BACKUP_VERSION,
      (i) =>
        `This backup is version ${i.input}, made by a newer version of the extension; update the extension, then import it.`,
    ),
  ),
  exportedAt: v.optional(v.string()),
  settings: v.optional(v.object({ identity: v.optional(v.nullable(IdentitySchema), null) }), { identity: null }),
});

/** Backup documents: stored documents without the fields derived from them. */
type PlainEnd = Omit<ConnectionEnd, 'key'>;
export type RoleBackup = Omit<ConnectionRole, 'nameKey'>;
export type ConnectionBackup = Omit<Connection, 'from' | 'to' | 'endpoints' | 'roleIds' | 'relKey' | 'deleted'> & {
  from: PlainEnd;
  to: PlainEnd;
};
export type RecordBackup = Omit<SeenRecord, 'key' | 'nameFolded'>;

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  settings: { identity: Identity | null };
  roles: RoleBackup[];
  connections: ConnectionBackup[];
  records: RecordBackup[];
}

const plainEnd = ({ key: _key, ...end }: ConnectionEnd): PlainEnd => end;

/** A stored document as it goes into a backup file. */
export const toBackup = {
  roles: ({ nameKey: _k, ...r }: ConnectionRole): RoleBackup => r,
  connections: ({
    endpoints: _e,
    roleIds: _r,
    relKey: _k,
    deleted: _d,
    from,
    to,
    ...c
  }: Connection): ConnectionBackup => ({
    ...c,
    from: plainEnd(from),
    to: plainEnd(to),
  }),
  records: ({ key: _k, nameFolded: _n, ...r }: SeenRecord): RecordBackup => r,
};
