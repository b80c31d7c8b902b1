import type { BackupKind } from '../model/backup';

/**
 * How many documents of a kind an import adds, changes and leaves as they are; `older` are
 * those whose version in the file is older than the one stored here (a team member may have
 * edited them since the backup): kept as stored unless the user chooses to restore them.
 */
export type Counts = { added: number; updated: number; older: number; skipped: number };

/** What to do with documents older in the file than here: keep the newer, or restore the file's. */
export type OlderChoice = 'keep' | 'restore';

/** What an import would do, and what stops it. */
export type Preview = Record<BackupKind, Counts> & {
  identity: 'added' | 'updated' | 'skipped';
  /** Broken references or name clashes; an import with problems writes nothing. */
  problems: string[];
};
