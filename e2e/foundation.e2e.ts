import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { DEFAULT_ROLES, recordKey } from '../lib/model';
import { recordInput, send, sendRaw, type Session, startSession, stopServiceWorker } from './harness';
import { pageUi } from './page-ui';

const contoso = DEMO_RECORDS[0]; // Fabrikam, Inc. on Dynamics
const alice = DEMO_RECORDS.find((r) => r.crm === 'salesforce')!;

describe('the extension in Chromium', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('starts its service worker', () => {
    expect(s.worker.url()).toBe(s.extensionUrl('background.js'));
  });

  it('has the default roles', async () => {
    const roles = await send(await s.extensionPage(), 'roles.list', {});
    expect(roles.map((r) => r.name).sort()).toEqual(DEFAULT_ROLES.map((r) => r.name).sort());
  });

  it('lists a connection made through the protocol from both ends, with the right roles', async () => {
    const page = await s.extensionPage();
    await send(page, 'connections.create', {
      from: recordInput(contoso),
      to: recordInput(alice),
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
    });
    const fromContoso = await send(page, 'connections.listForRecord', { key: recordKey(contoso) });
    expect(fromContoso).toMatchObject([
      { other: { name: alice.name }, otherRole: { name: 'Employee' }, thisRole: { name: 'Employer' } },
    ]);
    const fromAlice = await send(page, 'connections.listForRecord', { key: recordKey(alice) });
    expect(fromAlice).toMatchObject([
      { other: { name: contoso.name }, otherRole: { name: 'Employer' }, thisRole: { name: 'Employee' } },
    ]);
  });

  it('keeps the data and still answers after the service worker is stopped and restarted', async () => {
    await s.worker.evaluate(() => Object.assign(self, { e2eMarker: 'first worker' }));
    await stopServiceWorker(s);
    const page = await s.extensionPage();
    const list = await send(page, 'connections.listForRecord', { key: recordKey(alice) });
    expect(list).toHaveLength(1);
    const worker = s.context.serviceWorkers().at(-1)!;
    // A new worker global proves the worker really restarted.
    expect(await worker.evaluate(() => (self as unknown as { e2eMarker?: string }).e2eMarker)).toBeUndefined();
  });

  it('refuses malformed payloads and unknown types with a readable error', async () => {
    const page = await s.extensionPage();
    expect(await sendRaw(page, 'connections.explode', {})).toMatchObject({ ok: false, error: { field: 'type' } });
    const self = await sendRaw(page, 'connections.create', { from: recordInput(contoso), to: recordInput(contoso) });
    expect(self).toMatchObject({ ok: false, error: { field: 'to', message: expect.stringContaining('itself') } });
  });

  it('shows the record’s connection count on a CRM page and remembers the record', async () => {
    const page = await s.context.newPage();
    await page.goto(contoso.url);
    const { count } = pageUi(page);
    await expect.poll(count, { timeout: 10_000 }).toBe('1');
    const ext = await s.extensionPage();
    // The Dynamics title renders late, like the real one: the name arrives a moment after the visit.
    const search = async () =>
      (await send(ext, 'records.search', { query: contoso.name.slice(0, 4).toLowerCase() })).map((r) => r.key);
    await expect.poll(search, { timeout: 5_000 }).toContain(recordKey(contoso));
    await page.close();
  });

  it('updates the count live when a connection changes elsewhere', async () => {
    const page = await s.context.newPage();
    await page.goto(contoso.url);
    const { count } = pageUi(page);
    await expect.poll(count, { timeout: 10_000 }).toBe('1');
    const ext = await s.extensionPage();
    const [view] = await send(ext, 'connections.listForRecord', { key: recordKey(contoso) });
    await send(ext, 'connections.setStatus', { id: view!.id, status: 'inactive' });
    await expect.poll(count, { timeout: 5_000 }).toBe('0');
    await page.close();
  });

  it('reconnects its change feed after the service worker restarts, so the page keeps updating', async () => {
    const page = await s.context.newPage();
    await page.goto(contoso.url);
    const { count } = pageUi(page);
    await expect.poll(count, { timeout: 10_000 }).toBe('0');
    await stopServiceWorker(s);
    const ext = await s.extensionPage();
    const [view] = await send(ext, 'connections.listForRecord', { key: recordKey(contoso) });
    await send(ext, 'connections.setStatus', { id: view!.id, status: 'active' });
    await expect.poll(count, { timeout: 10_000 }).toBe('1');
    await page.close();
  });
});
