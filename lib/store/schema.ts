import type { DBSchema } from 'idb';
import type { Connection, ConnectionRole, RecordKey, SeenRecord, Settings } from '../model';

/** The extension's IndexedDB schema, current version. Index names are `by-…`. */
export interface ConnectionsDB extends DBSchema {
  records: {
    key: RecordKey;
    value: SeenRecord;
    indexes: { 'by-lastSeen': number };
  };
  roles: {
    key: string;
    value: ConnectionRole;
    indexes: { 'by-name': string };
  };
  connections: {
    key: string;
    value: Connection;
    // multiEntry: one lookup answers "all connections of record X" from either side.
    indexes: { 'by-endpoint': RecordKey; 'by-role': string; 'by-relationship': string };
  };
  /** Sync engine state (checkpoints, server ids); written in the same transaction as changes. */
  sync: {
    key: string;
    value: unknown;
  };
  /** Small key-value settings owned by the background (identity, one-time flags). */
  settings: {
    key: string;
    value: unknown;
  };
  /** Backup files being imported, validated chunk by chunk before one transaction applies them. */
  imports: {
    key: string;
    value: unknown;
  };
}

export type SettingsKey = keyof Settings | 'seededDefaults';

export const DB_NAME = 'connections';
export const DB_VERSION = 4;
