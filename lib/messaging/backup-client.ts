import { AppError } from '../model/errors';
import { BACKUP_CHUNK, BACKUP_KINDS, type Backup, type BackupKind } from '../model/backup';
import type { Preview } from './import-preview';
import type { Method, RequestOf, Responses } from './protocol';

/** Sends one protocol request (the UI's `call`, or a test's). */
export type Caller = <M extends Method>(type: M, payload: RequestOf<M>) => Promise<Responses[M]>;
export type Progress = (done: number, total: number) => void;

/** Reads every document, page by page, into one backup object (the file to download). */
export async function exportBackup(send: Caller, onProgress: Progress = () => {}): Promise<Backup> {
  const backup = { ...(await send('backup.header', {})), roles: [], connections: [], records: [] } as unknown as Backup;
  for (const kind of BACKUP_KINDS) {
    let after: string | undefined;
    do {
      const page = await send('backup.export', { kind, after, limit: BACKUP_CHUNK });
      (backup[kind] as unknown[]).push(...page.items);
      onProgress(BACKUP_KINDS.indexOf(kind) + 1, BACKUP_KINDS.length);
      after = page.next ?? undefined;
    } while (after);
  }
  return backup;
}

/** The lists of a parsed file, checked to be lists before anything is sent. */
export function parseBackupText(text: string): { header: unknown; lists: Record<BackupKind, unknown[]> } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AppError(
      'invalid',
      `The file is not valid JSON (${(e as Error).message}); nothing was imported.`,
      'file',
    );
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AppError(
      'invalid',
      'The file is not a Connections backup (it is not a JSON object); nothing was imported.',
      'file',
    );
  }
  const obj = data as Record<string, unknown>;
  const lists = {} as Record<BackupKind, unknown[]>;
  for (const kind of BACKUP_KINDS) {
    const list = obj[kind] ?? [];
    if (!Array.isArray(list))
      throw new AppError('invalid', `"${kind}" in the file must be a list; nothing was imported.`, 'file');
    lists[kind] = list;
  }
  const { roles: _r, connections: _c, records: _d, ...header } = obj;
  return { header, lists };
}

/**
 * Sends a parsed file to the background chunk by chunk, where each chunk is validated; resolves
 * with the import's id and its preview. Nothing is written to the data until `apply`.
 */
export async function stageBackup(
  send: Caller,
  parsed: ReturnType<typeof parseBackupText>,
  onProgress: Progress = () => {},
): Promise<{ importId: string; preview: Preview }> {
  const { importId } = await send('backup.begin', parsed.header as RequestOf<'backup.begin'>);
  const total = BACKUP_KINDS.reduce((n, k) => n + parsed.lists[k].length, 0);
  let done = 0;
  try {
    for (const kind of BACKUP_KINDS) {
      const list = parsed.lists[kind];
      for (let offset = 0; offset < list.length; offset += BACKUP_CHUNK) {
        const items = list.slice(offset, offset + BACKUP_CHUNK);
        await send('backup.stage', { importId, kind, offset, items });
        onProgress((done += items.length), total);
      }
    }
    return { importId, preview: await send('backup.preview', { importId }) };
  } catch (e) {
    await send('backup.discard', { importId }).catch(() => {});
    throw e;
  }
}
