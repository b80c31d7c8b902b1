// Team sync from Firefox through a real sync server. Granting the server's origin is Firefox's
// own permission prompt (a doorhanger, which opens in headless Firefox too), answered by
// clicking its real Allow or Deny button.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../../demo/records.mjs';
import { recordKey } from '../../lib/model';
import { seedConnection } from '../../server/seed.mjs';
import { ADMIN, ALICE, testServer, type TestServer } from '../../tests/sync-server';
import {
  clickOurs,
  count,
  fill,
  find,
  frameOf,
  pageState,
  recordInput,
  send,
  type Session,
  startSession,
  waitFor,
} from './harness';

const fabrikam = DEMO_RECORDS.find((r) => r.crm === 'dynamics365')!;
const [jose, amelie] = [
  DEMO_RECORDS.find((r) => r.crm === 'salesforce')!,
  DEMO_RECORDS.find((r) => r.crm === 'hubspot')!,
];
const asAdmin = { Authorization: `Basic ${Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64')}` };

describe('Firefox: team sync with a real server', () => {
  let server: TestServer;
  let database: string;
  const sessions: Session[] = [];
  beforeAll(async () => {
    server = await testServer();
    database = await server.createDatabase('team');
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
    await server?.dispose();
  });

  /** Fills Options → Team sync, presses Save and answers the browser's prompt for the origin. */
  async function configure(s: Session, answer: 'allow' | 'deny'): Promise<{ page: Page; prompt: string }> {
    const page = await s.openExtensionPage('options.html', '#sync-url');
    await fill(await find(page, '#sync-url'), server.url);
    await fill(await find(page, '#sync-database'), database);
    await fill(await find(page, '#sync-username'), ALICE.name);
    await fill(await find(page, '#sync-password'), ALICE.password);
    if (!(await (await find(page, '#sync-enabled')).evaluate((e) => (e as HTMLInputElement).checked)))
      await (await find(page, '#sync-enabled')).click();
    await (await find(page, 'section[aria-labelledby=sync-title] button[type=submit]', 'Save')).click();
    return { page, prompt: await s.answerPermissionPrompt(answer) };
  }
  const status = async (s: Session) => send(await s.extensionPage(), 'sync.status', {});

  it('Test connection asks for the server’s access without switching the extension on there as a CRM site', async () => {
    const s = await startSession();
    sessions.push(s);
    const page = await s.openExtensionPage('options.html', '#sync-url');
    await fill(await find(page, '#sync-url'), server.url);
    await fill(await find(page, '#sync-database'), database);
    await fill(await find(page, '#sync-username'), ALICE.name);
    await fill(await find(page, '#sync-password'), ALICE.password);
    await (await find(page, 'section[aria-labelledby=sync-title] button', 'Test connection')).click();
    expect(await s.answerPermissionPrompt('allow')).toContain('127.0.0.1');
    await find(page, 'section[aria-labelledby=sync-title] li.ok', /Database/);
    const ext = await s.extensionPage();
    const scripts = await ext.evaluate(async () =>
      (
        await (
          globalThis as unknown as {
            browser: { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } };
          }
        ).browser.scripting.getRegisteredContentScripts()
      ).map((c) => c.id),
    );
    expect(scripts).toEqual([]);
    expect(await send(ext, 'sites.list', {})).toEqual([]);
    expect(await send(ext, 'sync.settings', {})).toBeNull(); // Test saves nothing
  });

  it('granted: a connection made in Firefox reaches the server, and one written there appears', async () => {
    const s = await startSession();
    sessions.push(s);
    const { prompt } = await configure(s, 'allow');
    expect(prompt).toContain('127.0.0.1');
    await waitFor(
      async () => (await status(s)).state,
      (st) => st === 'synced',
      15_000,
    );

    const made = await send(await s.extensionPage(), 'connections.create', {
      from: recordInput(fabrikam),
      to: recordInput(jose),
      description: 'made in Firefox',
    });
    const onServer = await waitFor(
      async () => {
        const r = await fetch(`${server.url}${database}/connection:${made.id}`, { headers: asAdmin });
        return r.ok ? ((await r.json()) as { description?: string; from?: { recordId?: string } }) : null;
      },
      (doc) => doc !== null,
    );
    expect(onServer).toMatchObject({ description: 'made in Firefox', from: { recordId: fabrikam.recordId } });

    // Someone else writes a connection to Fabrikam on the server while its panel is open here.
    const page = await s.newPage();
    await page.goto(fabrikam.url);
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(fabrikam),
    );
    await clickOurs(page, 'Connections');
    const panel = await frameOf(page, 'panel');
    await find(panel, 'li.row', /made in Firefox/);
    const doc = {
      ...seedConnection(1, 'server'),
      from: recordInput(fabrikam),
      to: recordInput(amelie),
      description: 'from server',
    };
    const put = await fetch(`${server.url}${database}/${doc._id}`, {
      method: 'PUT',
      headers: { ...asAdmin, 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    });
    expect(put.ok).toBe(true);
    await find(panel, 'li.row', /from server/, 15_000);
    expect(await count(panel, 'li.row')).toBe(2);
    await page.close();
  });

  it('refused: the options page says access is not granted and how to grant it; local work goes on', async () => {
    const s = await startSession();
    sessions.push(s);
    const { page } = await configure(s, 'deny');
    const alert = await find(page, 'section[aria-labelledby=sync-title] [role=alert]', /not granted/);
    expect(await alert.evaluate((e) => e.textContent)).toMatch(/Press Save again and choose Allow/);
    await waitFor(
      async () => (await status(s)).problem,
      (p) => p === 'permission',
    );
    expect((await status(s)).reason).toMatch(/press Save to allow it/);
    await send(await s.extensionPage(), 'connections.create', { from: recordInput(fabrikam), to: recordInput(amelie) });
    expect((await status(s)).pending).toBe(1);
  });
});
