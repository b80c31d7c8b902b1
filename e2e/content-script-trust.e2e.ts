import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import type { Reply } from '../lib/messaging/protocol';
import { recordKey } from '../lib/model';
import { recordInput, send, type Session, startSession } from './harness';
import { pageUi } from './page-ui';

const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
const fabrikam = rec('dynamics365');
const jose = rec('salesforce', 1);
const amelie = rec('hubspot');

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

    const cdp = await page.context().newCDPSession(page);
    const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await cdp.send('Runtime.enable'); // replays the contexts that exist
    await expect.poll(() => contexts.some((x) => x.auxData?.type === 'isolated')).toBe(true);
    const ours = contexts.find((x) => x.auxData?.type === 'isolated' && x.name === 'Connections for any CRM')!;
    const ask = async (type: string, payload: unknown): Promise<Reply> =>
      (
        await cdp.send('Runtime.evaluate', {
          expression: `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`,
          contextId: ours.id,
          awaitPromise: true,
          returnByValue: true,
        })
      ).result.value as Reply;

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
    // Its report can carry nothing but a name (and a type where the CRM refines it): other ids,
    // tenants and addresses in it are not read; the record is the one the tab's address shows.
    const forged = await ask('page.report', {
      record: { name: 'Fabrikam, Inc.', recordId: jose.recordId, tenant: 'evil.example', url: amelie.url },
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
});
