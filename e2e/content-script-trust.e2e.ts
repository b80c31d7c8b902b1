import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import type { Reply } from '../lib/messaging/protocol';
import { recordKey } from '../lib/model';
import { recordInput, send, type Session, startSession, stopServiceWorker } from './harness';
import { pageUi } from './page-ui';

const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
const fabrikam = rec('dynamics365');
const jose = rec('salesforce', 1);
const amelie = rec('hubspot');

/** Evaluates expressions in our content script's own world on `page` (its isolated world). */
async function contentScriptWorld(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable'); // replays the contexts that exist
  const ours = () => contexts.find((x) => x.auxData?.type === 'isolated' && x.name === 'Connections for any CRM');
  await expect.poll(() => ours() !== undefined).toBe(true);
  return async (expression: string): Promise<unknown> =>
    (await cdp.send('Runtime.evaluate', { expression, contextId: ours()!.id, awaitPromise: true, returnByValue: true }))
      .result.value;
}

// What a compromised CRM renderer could make our content script say: everything is sent from
// the content script's own world (its isolated world, reached through the DevTools protocol),
// as the real script would send it. Only its own tab's report and count may pass.
describe('a compromised content script', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(() => s?.close());

  it('is refused all but reporting its own tab’s record and reading its count; nothing changes', async () => {
    const ext = await s.extensionPage();
    const c = await send(ext, 'connections.create', { from: recordInput(fabrikam), to: recordInput(jose) });
    await send(ext, 'records.seen', recordInput(amelie));
    const page = await s.context.newPage();
    await page.goto(fabrikam.url);
    await expect.poll(pageUi(page).count, { timeout: 10_000 }).toBe('1');
    // The Dynamics title renders late: wait for the name, so only the attack could change things.
    await expect
      .poll(async () => (await send(ext, 'records.get', { key: recordKey(fabrikam) }))?.name)
      .toBe(fabrikam.name);
    const before = {
      connections: await send(ext, 'connections.listForRecord', { key: recordKey(jose) }),
      records: await send(ext, 'records.search', { query: '' }),
    };

    const inWorld = await contentScriptWorld(page);
    const ask = (type: string, payload: unknown) =>
      inWorld(`chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`) as Promise<Reply>;

    const attempts: [string, unknown][] = [
      ['connections.delete', { id: c.id }],
      ['connections.update', { id: c.id, patch: { description: 'pwned' } }],
      ['connections.setStatus', { id: c.id, status: 'inactive' }],
      ['connections.restore', { id: c.id }],
      ['connections.create', { from: recordInput(amelie), to: recordInput(jose) }],
      ['connections.listForRecord', { key: recordKey(jose) }],
      ['records.search', { query: '' }],
      ['records.get', { key: recordKey(jose) }],
      ['records.open', {}],
      ['records.seen', recordInput(amelie)],
      ['settings.get', {}],
      ['roles.list', {}],
      ['sync.status', {}],
      ['data.deleteAll', { confirm: 'DELETE' }],
      ['page.record', {}],
      ['page.ui', { action: 'open-dialog', mode: 'new' }],
    ];
    for (const [type, payload] of attempts) {
      expect(await ask(type, payload), type).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'type' } });
    }
    // Its report carries a name (and a type where the CRM refines it) and the address it read
    // them at, which must show the tab's record: another record's address is refused.
    expect(await ask('page.report', { record: { name: 'Fabrikam, Inc.', url: amelie.url } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'record.url' },
    });
    // Other ids and tenants in it are not read; the record is the one the tab's address shows.
    const forged = await ask('page.report', {
      record: { name: 'Fabrikam, Inc.', recordId: jose.recordId, tenant: 'evil.example' },
    });
    expect(forged).toMatchObject({ ok: true, value: { key: recordKey(fabrikam), active: 1 } });
    expect(await ask('page.count', {})).toEqual({ ok: true, value: { active: 1 } });

    expect(await send(ext, 'connections.listForRecord', { key: recordKey(jose) })).toEqual(before.connections);
    const after = await send(ext, 'records.search', { query: '' });
    expect(after.map((r) => [r.key, r.name, r.url])).toEqual(
      expect.arrayContaining(before.records.map((r) => [r.key, r.name, r.url])),
    );
    expect(after).toHaveLength(before.records.length);
    await page.close();
  });

  it('can neither read the sync password and server nor point sync elsewhere', async () => {
    const ext = await s.extensionPage();
    const settings = {
      enabled: false,
      url: 'https://couch.example.com/team/',
      database: 'connections',
      username: 'alice',
      password: 'correct horse battery staple',
      auth: 'basic' as const,
    };
    await send(ext, 'sync.configure', settings);
    const page = await s.context.newPage();
    await page.goto(amelie.url);
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(amelie));
    const inWorld = await contentScriptWorld(page);
    // Everything the content script's storage holds: no password, no server.
    const visible = JSON.stringify(await inWorld('chrome.storage.local.get(null)'));
    for (const secret of [settings.password, 'couch.example.com', 'alice']) expect(visible).not.toContain(secret);
    // Writing where the settings used to live changes nothing, also once the worker restarts.
    await inWorld(
      `chrome.storage.local.set({ syncSettings: ${JSON.stringify({ ...settings, enabled: true, url: 'https://app.hubspot.com/', password: 'x' })} })`,
    );
    const { password: _password, ...shown } = settings;
    const expected = { ...shown, hasPassword: true };
    expect(await send(ext, 'sync.settings', {})).toEqual(expected);
    await stopServiceWorker(s);
    await expect.poll(() => send(ext, 'sync.settings', {}).catch(() => null), { timeout: 10_000 }).toEqual(expected);
    expect(await inWorld('chrome.runtime.sendMessage({ type: "sync.settings", payload: {} })')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await send(ext, 'sync.configure', { ...settings, url: 'https://couch.example.com/' }); // leaves it off
    await page.close();
  });
});
