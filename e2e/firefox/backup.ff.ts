import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../../demo/records.mjs';
import { BACKUP_FORMAT, recordKey } from '../../lib/model';
import type { ElementHandle } from 'puppeteer-core';
import { find, recordInput, send, type Session, startSession, waitFor } from './harness';

describe('Firefox: backup', () => {
  const downloads = mkdtempSync(join(tmpdir(), 'connections-ff-downloads-'));
  const sessions: Session[] = [];
  afterAll(async () => {
    for (const s of sessions) await s.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('exports a backup that imports into a fresh profile with identical data', async () => {
    // Downloads go straight to a folder, without asking, as with Firefox's default settings.
    const source = await startSession({
      prefs: {
        'browser.download.folderList': 2,
        'browser.download.dir': downloads,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
      },
    });
    sessions.push(source);
    const page = await source.openExtensionPage('options.html', '#backup-title');
    const [a, b, c] = [DEMO_RECORDS[0], DEMO_RECORDS[5], DEMO_RECORDS[8]].map((r) => recordInput(r!));
    await send(page, 'settings.setIdentity', { name: 'Dana Seller', email: 'dana@example.com' });
    await send(page, 'connections.create', {
      from: a!,
      to: b!,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
      description: 'Buyer',
    });
    const inactive = await send(page, 'connections.create', { from: b!, to: c!, toRoleId: 'builtin-friend' });
    await send(page, 'connections.setStatus', { id: inactive.id, status: 'inactive' });
    await send(page, 'roles.create', { name: 'Sponsor', category: 'Stakeholder', appliesTo: ['contact'] });
    await (await find(page, 'button', 'Export backup (JSON)')).click();
    // Firefox creates the file empty and fills it once the .part file beside it is complete.
    const done = () => {
      const names = readdirSync(downloads);
      const file = names.find((f) => f.endsWith('.json'));
      return file && !names.some((f) => f.endsWith('.part')) && readFileSync(join(downloads, file), 'utf8')
        ? file
        : null;
    };
    const file = await waitFor(
      async () => done(),
      (f) => f !== null,
    );
    expect(JSON.parse(readFileSync(join(downloads, file!), 'utf8'))).toMatchObject({
      format: BACKUP_FORMAT,
      version: 1,
    });

    const target = await startSession();
    sessions.push(target);
    const fresh = await target.openExtensionPage('options.html', '#backup-title');
    const picker = (await find(fresh, 'input[type=file]')) as ElementHandle<HTMLInputElement>;
    await picker.uploadFile(join(downloads, file!));
    await (await find(fresh, '[aria-label="Import preview"] button', 'Import')).click();
    await find(fresh, '[role=status]', /Imported/, 15_000);
    for (const r of [a!, b!, c!]) {
      const key = recordKey(r);
      expect(await send(fresh, 'connections.listForRecord', { key, status: 'all' })).toEqual(
        await send(page, 'connections.listForRecord', { key, status: 'all' }),
      );
    }
    expect(await send(fresh, 'roles.list', {})).toEqual(await send(page, 'roles.list', {}));
    expect(await send(fresh, 'settings.get', {})).toEqual(await send(page, 'settings.get', {}));
  });
});
