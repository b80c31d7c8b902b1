import { describe, expect, it } from 'vitest';
import { recordKey } from '../model';
import { contentScript, frame, freshBackground, rec } from '../../tests/services';

const TOKEN = '0b6c1f4e-93a2-4c1d-8e5f-7a2b9c3d4e5f';
const OTHER_TOKEN = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

// Real Dynamics addresses: the background reads the record from the tab's URL.
const contoso = rec('Contoso', { recordId: '1ba37bd8-4c8e-4f0a-9a4b-2c6d8e0f1a3b' });
const alice = rec('Alice', { entityType: 'contact', recordId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
const tryton = {
  crm: 'tryton',
  tenant: 'erp.example.com/crm',
  entityType: 'party.party',
  recordId: '7',
  name: 'Contoso Ltd',
  url: 'https://erp.example.com/#crm/model/party.party/7;name=%22Party%22',
};

/** A background with Contoso on tab 1, its panel frame registered. */
async function withTab() {
  const bg = freshBackground();
  const cs = contentScript(1, contoso.url);
  await bg.sendAs(cs, 'page.report', { record: { name: contoso.name } });
  await bg.sendAs(cs, 'page.frame', { kind: 'panel', token: TOKEN });
  return { ...bg, cs };
}

describe('a content script speaks for its own tab’s record only', () => {
  it('reports the record its tab’s address shows, with the page’s name, and gets its count', async () => {
    const bg = freshBackground();
    const reply = await bg.sendAs(contentScript(1, contoso.url), 'page.report', { record: { name: 'Contoso' } });
    expect(reply).toEqual({ key: recordKey(contoso), active: 0 });
    expect(await bg.send('records.get', { key: recordKey(contoso) })).toMatchObject({
      name: 'Contoso',
      url: contoso.url,
    });
    await bg.send('connections.create', { from: contoso, to: alice });
    expect(await bg.sendAs(contentScript(1, contoso.url), 'page.count', {})).toEqual({ active: 1 });
  });

  it('takes the record from the address, never from the page, and refuses a report off record pages', async () => {
    const bg = freshBackground();
    expect(
      await bg.refuseAs(
        contentScript(1, 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entitylist'),
        'page.report',
        { record: { name: 'X' } },
      ),
    ).toMatchObject({ code: 'forbidden', field: 'record' });
    // The payload has no room for another record: extra fields are not read.
    await bg.sendAs(contentScript(1, contoso.url), 'page.report', {
      record: { name: 'Contoso', recordId: 'other', tenant: 'evil.example', crm: 'hubspot' },
    } as never);
    const seen = await bg.send('records.search', { query: '' });
    expect(seen.map((r) => [r.recordId, r.tenant, r.url])).toEqual([[contoso.recordId, contoso.tenant, contoso.url]]);
  });

  it('may refine the type only where the CRM’s page does (Dynamics), never where it is the identity', async () => {
    const bg = freshBackground();
    await bg.sendAs(contentScript(1, contoso.url), 'page.report', {
      record: { name: 'Contoso', entityType: 'new_project' },
    });
    expect(await bg.send('records.get', { key: recordKey(contoso) })).toMatchObject({ entityType: 'new_project' });
    expect(
      await bg.refuseAs(contentScript(2, tryton.url), 'page.report', {
        record: { name: 'Opp', entityType: 'sale.opportunity' },
      }),
    ).toMatchObject({ code: 'forbidden', field: 'record.entityType' });
    expect(await bg.send('records.search', { query: 'opp' })).toEqual([]);
  });

  it('refuses a name read at an address the tab has left: it belongs to the record before', async () => {
    const bg = freshBackground();
    // The page read "Contoso" on Contoso's record; the tab is on Alice's by the time it arrives.
    expect(
      await bg.refuseAs(contentScript(1, alice.url), 'page.report', { record: { url: contoso.url, name: 'Contoso' } }),
    ).toMatchObject({ code: 'conflict', field: 'record.url' });
    expect(await bg.send('records.search', { query: '' })).toEqual([]);
    // The same record at another form of its address is the same record.
    const other = `${contoso.url}&formid=1`;
    await bg.sendAs(contentScript(1, contoso.url), 'page.report', { record: { url: other, name: 'Contoso' } });
    expect((await bg.send('records.search', { query: '' })).map((r) => r.name)).toEqual(['Contoso']);
  });

  it('keeps the newest of reports in flight, and nothing of a tab once it has closed', async () => {
    const bg = freshBackground();
    await Promise.all([
      bg.sendAs(contentScript(1, contoso.url), 'page.report', { record: { name: 'Contoso' } }),
      bg.sendAs(contentScript(1, alice.url), 'page.report', { record: { name: 'Alice' } }),
    ]);
    expect(bg.tabMap.get(1)?.record?.key).toBe(recordKey(alice));
    const late = bg.sendAs(contentScript(2, contoso.url), 'page.report', { record: { name: 'Contoso' } });
    await bg.page.tabClosed(2);
    await late;
    expect(bg.tabMap.has(2)).toBe(false);
  });

  it('may not create, change, delete, restore or read connections, nor search records or settings', async () => {
    const { sendAs, refuseAs, send, cs } = await withTab();
    const c = await send('connections.create', { from: contoso, to: alice });
    const before = await send('connections.listForRecord', { key: recordKey(contoso) });
    const attempts: [string, unknown][] = [
      ['connections.create', { from: contoso, to: rec('Fabrikam') }],
      ['connections.update', { id: c.id, patch: { description: 'pwned' } }],
      ['connections.setStatus', { id: c.id, status: 'inactive' }],
      ['connections.delete', { id: c.id }],
      ['connections.restore', { id: c.id }],
      ['connections.get', { id: c.id }],
      ['connections.listForRecord', { key: recordKey(alice) }],
      ['records.search', { query: '' }],
      ['records.get', { key: recordKey(alice) }],
      ['records.open', {}],
      ['records.seen', alice],
      ['settings.get', {}],
      ['settings.setIdentity', { name: 'Eve', email: 'eve@example.com' }],
      ['roles.list', {}],
      ['sync.status', {}],
      ['page.record', {}],
      ['page.ui', { action: 'close-dialog' }],
      ['data.deleteAll', { confirm: 'DELETE' }],
    ];
    for (const [type, payload] of attempts) {
      const error = await refuseAs(cs, type, payload);
      expect(error, type).toMatchObject({ code: 'forbidden', field: 'type' });
      expect(error.message, type).toMatch(/cannot be asked from a CRM page/);
    }
    expect(await send('connections.listForRecord', { key: recordKey(contoso) })).toEqual(before);
    expect(await sendAs(cs, 'page.count', {})).toEqual({ active: 1 });
  });
});

describe('frames inside a CRM page', () => {
  it('learn their tab’s record from the background and do the record-level work', async () => {
    const { sendAs, relayed } = await withTab();
    const panel = frame(1);
    expect(await sendAs(panel, 'page.record', {}, TOKEN)).toMatchObject({ key: recordKey(contoso), name: 'Contoso' });
    const c = await sendAs(panel, 'connections.create', { from: contoso, to: alice }, TOKEN);
    expect(await sendAs(panel, 'connections.listForRecord', { key: recordKey(contoso) }, TOKEN)).toMatchObject([
      { id: c.id },
    ]);
    await sendAs(panel, 'page.ui', { action: 'open-dialog', mode: 'edit', connectionId: c.id }, TOKEN);
    expect(relayed.toContent).toEqual([{ tabId: 1, ui: { action: 'open-dialog', mode: 'edit', connectionId: c.id } }]);
  });

  it('are refused without the token their content script gave, with another tab’s, or as another page', async () => {
    const { refuseAs, send, sendAs } = await withTab();
    const bad: [unknown, string | undefined][] = [
      [frame(1), undefined],
      [frame(1), OTHER_TOKEN],
      [frame(2), TOKEN], // another tab's frame
      [frame(1, 'dialog.html'), TOKEN], // the panel's token is not the dialog's
      [frame(1, 'popup.html'), TOKEN], // our popup framed into a page is no frame of ours
      [frame(1, 'options.html'), TOKEN],
    ];
    for (const [sender, token] of bad) {
      expect(await refuseAs(sender, 'connections.create', { from: contoso, to: alice }, token)).toMatchObject({
        code: 'forbidden',
      });
      expect(await refuseAs(sender, 'page.record', {}, token)).toMatchObject({ code: 'forbidden' });
    }
    expect(await send('connections.listForRecord', { key: recordKey(contoso) })).toEqual([]);
    expect(await sendAs(frame(1), 'page.record', {}, TOKEN)).not.toBeNull();
  });

  it('have no extension page’s rights when opened on their own in a tab (they are web-accessible)', async () => {
    const { refuseAs } = await withTab();
    const topLevel = { ...frame(1), frameId: 0 };
    for (const type of ['data.deleteAll', 'backup.begin', 'sync.configure', 'roles.create', 'connections.create']) {
      expect(await refuseAs(topLevel, type, {}), type).toMatchObject({ code: 'forbidden' });
    }
    // Nor outside any tab.
    const { tab: _tab, ...noTab } = frame(1);
    expect(await refuseAs(noTab, 'data.deleteAll', { confirm: 'DELETE' })).toMatchObject({ code: 'forbidden' });
  });

  it('may not administer: roles, backups, sites, sync settings, delete everything', async () => {
    const { refuseAs } = await withTab();
    for (const type of [
      'roles.create',
      'roles.delete',
      'backup.begin',
      'sites.disable',
      'sync.configure',
      'data.deleteAll',
    ]) {
      expect(await refuseAs(frame(1), type, {}, TOKEN), type).toMatchObject({ code: 'forbidden', field: 'type' });
    }
  });

  it('hear that their own tab’s record changed, and no other tab’s', async () => {
    const { sendAs, relayed } = await withTab();
    relayed.toFrames.length = 0;
    await sendAs(contentScript(1, alice.url), 'page.report', { record: { name: 'Alice' } });
    await sendAs(contentScript(1, alice.url), 'page.report', { record: { name: 'Alice' } }); // no news
    await sendAs(contentScript(2, contoso.url), 'page.report', { record: { name: 'Contoso' } });
    expect(relayed.toFrames).toEqual([1, 2]);
    expect(await sendAs(frame(1), 'page.record', {}, TOKEN)).toMatchObject({ key: recordKey(alice) });
  });
});

describe('private windows', () => {
  const inPrivate = (tab: number, url: string) => contentScript(tab, url, 9);

  it('keep what they see in memory for that window: offered there, never stored, gone when it closes', async () => {
    const bg = freshBackground();
    await bg.sendAs(inPrivate(5, alice.url), 'page.report', { record: { name: 'Alice' } });
    await bg.sendAs(inPrivate(6, contoso.url), 'page.report', { record: { name: 'Contoso' } });
    await bg.sendAs(inPrivate(6, contoso.url), 'page.frame', { kind: 'dialog', token: TOKEN });
    const dialog = frame(6, 'dialog.html', 9);
    expect((await bg.sendAs(dialog, 'records.search', { query: 'ali' }, TOKEN)).map((r) => r.name)).toEqual(['Alice']);
    expect((await bg.sendAs(dialog, 'records.open', {}, TOKEN)).map((r) => r.name)).toEqual(['Alice']);
    // Nothing in the database, nothing offered to a normal window.
    expect(await (await bg.db).count('records')).toBe(0);
    expect(await bg.send('records.search', { query: '' })).toEqual([]);
    await bg.sendAs(contentScript(1, contoso.url), 'page.report', { record: { name: 'Contoso' } });
    await bg.sendAs(contentScript(1, contoso.url), 'page.frame', { kind: 'dialog', token: OTHER_TOKEN });
    expect((await bg.sendAs(frame(1, 'dialog.html'), 'records.open', {}, OTHER_TOKEN)).map((r) => r.name)).toEqual([]);
    await bg.page.windowClosed(9);
    expect(bg.privateMap.size).toBe(0);
  });

  it('write one record at a time per window, and nothing after the window closed', async () => {
    const bg = freshBackground();
    const people = ['Ann', 'Bob', 'Cy', 'Di'].map((name, i) =>
      rec(name, { entityType: 'contact', recordId: `7c9e6679-7425-40de-944b-e07fc1f90ae${i}` }),
    );
    await Promise.all(
      people.map((p, i) => bg.sendAs(inPrivate(10 + i, p.url), 'page.report', { record: { name: p.name } })),
    );
    expect(bg.privateMap.get(9)?.size).toBe(4);
    const late = bg.sendAs(inPrivate(20, contoso.url), 'page.report', { record: { name: 'Contoso' } });
    await bg.page.windowClosed(9);
    await late;
    expect(bg.privateMap.size).toBe(0);
  });
});
