import type { BackupKind } from '../model/backup';

/** How many documents of a kind an import adds, changes and leaves as they are. */
export type Counts = { added: number; updated: number; skipped: number };

/** What an import would do, and what stops it. */
export type Preview = Record<BackupKind, Counts> & {
  identity: 'added' | 'updated' | 'skipped';
  /** Broken references or name clashes; an import with problems writes nothing. */
  problems: string[];
};
