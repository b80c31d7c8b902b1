import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { BACKUP_FORMAT, recordKey } from '../lib/model';
import { recordInput, send, startSession, type Session } from './harness';

const sessions: Session[] = [];
const session = async () => {
  const s = await startSession();
  sessions.push(s);
  return s;
};
afterAll(async () => {
  for (const s of sessions) await s.close();
});

const openOptions = async (s: Session) => {
  const page = await s.context.newPage();
  await page.goto(s.extensionUrl('options.html'));
  await page.getByRole('heading', { name: 'Backup' }).waitFor();
  return page;
};
const backupStatus = (page: Page) => page.getByRole('region', { name: 'Backup' }).getByRole('status');
const importFile = async (page: Page, name: string, buffer: Buffer) => {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer });
};

describe('the options page', () => {
  let source: Session;
  let backupText = '';

  it('saves the identity, with errors next to the field', async () => {
    source = await session();
    const page = await openOptions(source);
    const you = page.getByRole('region', { name: 'You' });
    await you.getByLabel('Your name').fill('Dana Seller');
    await you.getByLabel('Email').fill('not-an-email');
    await you.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#email-error').textContent()).toContain('name@example.com');
    await you.getByLabel('Email').fill('dana@example.com');
    await you.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await send(page, 'settings.get', {})).identity?.email).toBe('dana@example.com');
  });

  it('exports a backup that imports into a fresh profile with identical data', async () => {
    const page = await openOptions(source);
    const [a, b, c] = [DEMO_RECORDS[0], DEMO_RECORDS[5], DEMO_RECORDS[8]].map((r) => recordInput(r!));
    await send(page, 'connections.create', {
      from: a!,
      to: b!,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
      description: 'Buyer',
    });
    const inactive = await send(page, 'connections.create', {
      from: b!,
      to: c!,
      toRoleId: 'builtin-friend',
      fromRoleId: 'builtin-friend',
    });
    await send(page, 'connections.setStatus', { id: inactive.id, status: 'inactive' });
    await send(page, 'roles.create', { name: 'Sponsor', category: 'Stakeholder', appliesTo: ['contact'] });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export backup (JSON)' }).click();
    backupText = readFileSync(await (await downloading).path(), 'utf8');
    expect(JSON.parse(backupText)).toMatchObject({ format: BACKUP_FORMAT, version: 1 });

    const target = await session();
    const fresh = await openOptions(target);
    await importFile(fresh, 'backup.json', Buffer.from(backupText));
    const preview = fresh.getByRole('region', { name: 'Import preview' });
    await preview.waitFor();
    expect(await preview.locator('tr', { hasText: 'Connections' }).locator('td').first().textContent()).toBe('2');
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => backupStatus(fresh).textContent()).toContain('Imported');
    for (const r of [a!, b!, c!]) {
      const key = recordKey(r);
      expect(await send(fresh, 'connections.listForRecord', { key })).toEqual(
        await send(page, 'connections.listForRecord', { key }),
      );
    }
    expect(await send(fresh, 'roles.list', {})).toEqual(await send(page, 'roles.list', {}));
    expect(await send(fresh, 'settings.get', {})).toEqual(await send(page, 'settings.get', {}));

    // Edited since: importing the file again says so, keeps the newer by default, restores on request.
    const first = (
      JSON.parse(backupText) as { connections: { id: string; description: string; status: string }[] }
    ).connections.find((x) => x.status === 'active');
    await send(fresh, 'connections.update', { id: first!.id, patch: { description: 'edited since the backup' } });
    const olderCell = () => preview.locator('tr', { hasText: 'Connections' }).locator('td').nth(2).textContent();
    await importFile(fresh, 'backup.json', Buffer.from(backupText));
    await preview.waitFor();
    expect(await olderCell()).toBe('1');
    const choice = preview.getByRole('group', { name: /older than what is here/ });
    expect(await choice.getByRole('radio', { name: /Keep the newer versions/ }).isChecked()).toBe(true);
    await choice.getByRole('radio', { name: /Restore the file’s versions/ }).check();
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => backupStatus(fresh).textContent()).toContain('Imported');
    expect((await send(fresh, 'connections.get', { id: first!.id })).description).toBe(first!.description);
  });

  it('exports connections as CSV', async () => {
    const page = await openOptions(source);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export connections (CSV)' }).click();
    const csv = readFileSync(await (await downloading).path(), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('From name,From CRM');
    expect(csv).toContain('Employer');
  });

  it('refuses broken JSON, a future version and random bytes, changing nothing', async () => {
    const page = await openOptions(source);
    const before = await send(page, 'data.stats', {});
    const alert = page.getByRole('alert');
    await importFile(page, 'broken.json', Buffer.from('{"format": "connections'));
    await expect.poll(() => alert.textContent()).toContain('not valid JSON');
    await importFile(page, 'future.json', Buffer.from(JSON.stringify({ format: BACKUP_FORMAT, version: 99 })));
    await expect.poll(() => alert.textContent()).toContain('version 99');
    const noise = Buffer.alloc(5 * 1024 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    await importFile(page, 'noise.json', noise);
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain('not valid JSON');
    expect(await send(page, 'data.stats', {})).toEqual(before);
  });

  it('imports 50,000 connections with a progress bar', async () => {
    const target = await session();
    const page = await openOptions(target);
    const base = JSON.parse(backupText);
    const from = base.connections[0].from;
    base.connections = Array.from({ length: 50_000 }, (_, i) => ({
      ...base.connections[0],
      id: `bulk-${i}`,
      to: { ...base.connections[0].to, recordId: `003Dn0000${String(i).padStart(6, '0')}AAA`, name: `Contact ${i}` },
      from,
    }));
    await importFile(page, 'big.json', Buffer.from(JSON.stringify(base)));
    let sawProgress = false;
    const preview = page.getByRole('region', { name: 'Import preview' });
    for (let i = 0; i < 1200 && !(await preview.count()); i++) {
      sawProgress ||= (await page.locator('progress').count()) > 0;
      await page.waitForTimeout(100);
    }
    expect(sawProgress).toBe(true);
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => backupStatus(page).textContent(), { timeout: 120_000 }).toContain('50000 connections');
    expect((await send(page, 'data.stats', {})).connections).toBe(50_000);
  }, 240_000);

  it('deletes all data only after the confirmation word', async () => {
    const page = await openOptions(source);
    const button = page.getByRole('button', { name: 'Delete all data' });
    expect(await button.isDisabled()).toBe(true);
    await page.getByLabel(/Type DELETE/).fill('DELETE');
    await button.click();
    await expect.poll(async () => (await send(page, 'data.stats', {})).connections).toBe(0);
  });

  it('has no serious or critical accessibility problems', async () => {
    const page = await openOptions(source);
    await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const problems = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } })
        .axe;
      return (await axe.run()).violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id);
    });
    expect(problems).toEqual([]);
  });
});
