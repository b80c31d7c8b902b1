import type { DBSchema } from 'idb';
import type { Connection, ConnectionRole, RecordKey, SeenRecord, Settings } from '../model';
import type { OutboxEntry } from './outbox';

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
  /** Sync engine state (the server it follows and the pull checkpoint), key-value. */
  sync: {
    key: string;
    value: unknown;
  };
  /** Local changes not yet on the server: one entry per document, written with the change. */
  outbox: {
    key: string;
    value: OutboxEntry;
  };
  /** The server's revision of each document we hold (CouchDB `_rev`), by document id. */
  revs: {
    key: string;
    value: string;
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
export const DB_VERSION = 5;
