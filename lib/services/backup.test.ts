import { describe, expect, it } from 'vitest';
import { exportBackup, parseBackupText, stageBackup } from '../messaging/backup-client';
import { BACKUP_FORMAT, recordKey } from '../model';
import { freshBackground, rec } from '../../tests/services';

const contoso = rec('Contoso');
const alice = rec('Alice', { entityType: 'contact' });
const bob = rec('Bob', { entityType: 'contact' });

async function populated() {
  const bg = freshBackground();
  await bg.send('settings.setIdentity', { name: 'Dana', email: 'dana@example.com' });
  await bg.send('records.seen', contoso);
  const mentor = await bg.send('roles.create', {
    name: 'Mentor',
    category: 'Business',
    matchesItself: true,
    appliesTo: ['contact'],
  });
  await bg.send('connections.create', {
    from: contoso,
    to: alice,
    toRoleId: 'builtin-employee',
    fromRoleId: 'builtin-employer',
  });
  const c = await bg.send('connections.create', {
    from: alice,
    to: bob,
    toRoleId: mentor.id,
    fromRoleId: mentor.id,
    effectiveStart: '2026-01-01',
  });
  await bg.send('connections.setStatus', { id: c.id, status: 'inactive' });
  const gone = await bg.send('connections.create', { from: contoso, to: bob });
  await bg.send('connections.delete', { id: gone.id });
  return { bg, mentor };
}

const importText = async (bg: ReturnType<typeof freshBackground>, text: string) => {
  const staged = await stageBackup(bg.send, parseBackupText(text));
  return { staged, applied: await bg.send('backup.apply', { importId: staged.importId }) };
};

describe('backup', () => {
  it('export then import into a fresh profile gives identical data', async () => {
    const { bg: source } = await populated();
    const backup = await exportBackup(source.send);
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: 1, settings: { identity: { name: 'Dana' } } });
    expect(backup.connections).toHaveLength(2); // the deleted one stays behind
    const target = freshBackground();
    const { staged } = await importText(target, JSON.stringify(backup));
    expect(staged.preview).toMatchObject({
      roles: { added: 1, skipped: 27 },
      connections: { added: 2 },
      records: { added: 1 },
      identity: 'added',
      problems: [],
    });
    for (const key of [recordKey(contoso), recordKey(alice), recordKey(bob)]) {
      expect(await target.send('connections.listForRecord', { key })).toEqual(
        await source.send('connections.listForRecord', { key }),
      );
    }
    expect(await target.send('roles.list', {})).toEqual(await source.send('roles.list', {}));
    expect(await target.send('settings.get', {})).toEqual(await source.send('settings.get', {}));
    // Importing the same file again changes nothing.
    const again = await importText(target, JSON.stringify(backup));
    expect(again.applied).toMatchObject({
      roles: { added: 0, updated: 0 },
      connections: { added: 0, updated: 0, skipped: 2 },
    });
  });

  it('queues for sync only what an import changes, and nothing before sync was ever on', async () => {
    const { bg } = await populated();
    const backup = await exportBackup(bg.send);
    const fresh = freshBackground();
    await importText(fresh, JSON.stringify(backup));
    // Never synced: switching sync on will queue everything, so the import queued nothing.
    expect(await (await fresh.db).count('outbox')).toBe(0);

    const db = await bg.db;
    await db.clear('outbox');
    await db.put('sync', 'https://couch.example.com/|team', 'server'); // as attach() leaves it
    backup.connections[0]!.description = 'changed in the file';
    await importText(bg, JSON.stringify(backup));
    expect(await db.getAllKeys('outbox')).toEqual([`connection:${backup.connections[0]!.id}`]);
  });

  it('previews an update and applies it', async () => {
    const { bg } = await populated();
    const backup = await exportBackup(bg.send);
    backup.connections[0]!.description = 'changed in the file';
    const { staged } = await importText(bg, JSON.stringify(backup));
    expect(staged.preview.connections).toEqual({ added: 0, updated: 1, older: 0, skipped: 1 });
  });
});

describe('restoring an old backup over newer edits', () => {
  it('says which documents are older in the file, keeps the newer ones, or restores them as new edits', async () => {
    const { bg } = await populated();
    const backup = await exportBackup(bg.send);
    const [first] = backup.connections;
    // Edited here after the backup was made (by this user, or pulled from a team member).
    await bg.send('connections.update', { id: first!.id, patch: { description: 'newer, made since' } });
    const staged = await stageBackup(bg.send, parseBackupText(JSON.stringify(backup)));
    expect(staged.preview.connections).toEqual({ added: 0, updated: 0, older: 1, skipped: 1 });
    // Default: the newer version stays, and nothing is queued to go to the server.
    await bg.send('backup.apply', { importId: staged.importId });
    expect((await bg.send('connections.get', { id: first!.id })).description).toBe('newer, made since');

    // Chosen: the file's version comes back as an edit made now, the latest of all.
    const again = await stageBackup(bg.send, parseBackupText(JSON.stringify(backup)));
    const before = await bg.send('connections.get', { id: first!.id });
    const applied = await bg.send('backup.apply', { importId: again.importId, older: 'restore' });
    expect(applied.connections.older).toBe(1);
    const restored = await bg.send('connections.get', { id: first!.id });
    expect(restored.description).toBe(first!.description);
    expect(Date.parse(restored.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    expect(restored.updatedBy).toBe('dana@example.com');
  });

  it('refuses an unknown choice, naming it', async () => {
    const { bg } = await populated();
    const staged = await stageBackup(bg.send, parseBackupText(JSON.stringify(await exportBackup(bg.send))));
    expect(await bg.refuse('backup.apply', { importId: staged.importId, older: 'overwrite' })).toMatchObject({
      code: 'invalid',
      field: 'older',
    });
  });
});

describe('backup: bad files are refused with a clear error and nothing changes', () => {
  const unchanged = async (bg: ReturnType<typeof freshBackground>, before: unknown) =>
    expect(await bg.send('data.stats', {})).toEqual(before);

  it('broken JSON, not an object, random bytes', async () => {
    const bg = freshBackground();
    expect(() => parseBackupText('{"format": ')).toThrow(/not valid JSON/);
    expect(() => parseBackupText('[1,2]')).toThrow(/not a Connections backup/);
    const bytes = String.fromCharCode(...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    expect(() => parseBackupText(bytes)).toThrow(/not valid JSON/);
    await unchanged(bg, await bg.send('data.stats', {}));
  });

  it('an unknown format, a future version', async () => {
    const bg = freshBackground();
    await expect(stageBackup(bg.send, parseBackupText('{"format":"something-else","version":1}'))).rejects.toThrow(
      /not a Connections backup/,
    );
    await expect(
      stageBackup(bg.send, parseBackupText(JSON.stringify({ format: BACKUP_FORMAT, version: 7 }))),
    ).rejects.toThrow(/version 7, made by a newer version/);
  });

  it('a missing or mistyped field, named with its place in the file', async () => {
    const { bg } = await populated();
    const before = await bg.send('data.stats', {});
    const backup = await exportBackup(bg.send);
    (backup.connections[1] as unknown as { status: string }).status = 'maybe';
    await expect(stageBackup(bg.send, parseBackupText(JSON.stringify(backup)))).rejects.toMatchObject({
      field: 'connections[1].status',
    });
    delete (backup.roles[3] as unknown as { name?: string }).name;
    backup.connections[1]!.status = 'active';
    await expect(stageBackup(bg.send, parseBackupText(JSON.stringify(backup)))).rejects.toMatchObject({
      field: 'roles[3].name',
    });
    await unchanged(bg, before);
  });

  it('references to roles that are not in the file', async () => {
    const { bg: source, mentor } = await populated();
    const backup = await exportBackup(source.send);
    backup.roles = backup.roles.filter((r) => r.id !== mentor.id);
    const target = freshBackground();
    const before = await target.send('data.stats', {});
    const staged = await stageBackup(target.send, parseBackupText(JSON.stringify(backup)));
    expect(staged.preview.problems[0]).toContain(`uses role '${mentor.id}'`);
    await expect(target.send('backup.apply', { importId: staged.importId })).rejects.toThrow(/Nothing was imported/);
    await unchanged(target, before);
  });

  it('a role whose name another role here has', async () => {
    const bg = freshBackground();
    await bg.send('roles.create', { id: 'local-mentor', name: 'Mentor', category: 'Business' });
    const { bg: source } = await populated();
    const staged = await stageBackup(bg.send, parseBackupText(JSON.stringify(await exportBackup(source.send))));
    expect(staged.preview.problems.join()).toContain("Two roles would be named 'Mentor'");
  });

  it('matches that are not returned, and two connections for one relationship', async () => {
    const { bg: source } = await populated();
    const backup = await exportBackup(source.send);
    backup.roles.find((r) => r.id === 'builtin-employer')!.matchingRoleIds = [];
    const dup = backup.connections.find((c) => c.toRoleId === 'builtin-employee')!;
    backup.connections.push({ ...dup, id: 'twin' });
    const target = freshBackground();
    const before = await target.send('data.stats', {});
    const staged = await stageBackup(target.send, parseBackupText(JSON.stringify(backup)));
    const problems = staged.preview.problems.join('\n');
    expect(problems).toContain("'Employee' matches 'Employer', but 'Employer' does not match it back");
    expect(problems).toContain('would join the same two records with the same roles');
    await expect(target.send('backup.apply', { importId: staged.importId })).rejects.toThrow(/Nothing was imported/);
    await unchanged(target, before);
  });

  it('delete all data wants the confirmation word', async () => {
    const { bg } = await populated();
    expect(await bg.refuse('data.deleteAll', { confirm: 'yes' })).toMatchObject({ field: 'confirm' });
    await bg.send('data.deleteAll', { confirm: 'DELETE' });
    expect(await bg.send('data.stats', {})).toMatchObject({ roles: 0, connections: 0, records: 0 });
    expect(await bg.send('settings.get', {})).toEqual({ identity: null });
  });
});
