import { describe, expect, it } from 'vitest';
import { recordKey } from '../model';
import { contentScript, frame, freshBackground, rec } from '../../tests/services';

const TOKEN = '0b6c1f4e-93a2-4c1d-8e5f-7a2b9c3d4e5f';

describe('seen records', () => {
  it('finds records by name ignoring case and accents, most recent first', async () => {
    const { send } = freshBackground();
    await send('records.seen', rec('Zoë Ångström', { entityType: 'contact' }));
    await send('records.seen', rec('Contoso'));
    await send('records.seen', rec('ZOE Partners'));
    const found = await send('records.search', { query: 'zoe' });
    expect(found.map((r) => r.name)).toEqual(['ZOE Partners', 'Zoë Ångström']);
    expect((await send('records.search', { query: 'ANGSTROM' })).map((r) => r.name)).toEqual(['Zoë Ångström']);
    expect(await send('records.search', { query: '', limit: 2 })).toHaveLength(2);
  });

  it('a revisit moves a record to the top and keeps a known name when the page had none yet', async () => {
    const { send } = freshBackground();
    await send('records.seen', rec('Alpha'));
    await send('records.seen', rec('Beta'));
    const again = await send('records.seen', { ...rec('Alpha'), name: '' });
    expect(again.name).toBe('Alpha');
    expect((await send('records.search', { query: '' })).map((r) => r.name)).toEqual(['Alpha', 'Beta']);
  });

  it('a rename updates the name inside connections and tells every UI', async () => {
    const { send, changes } = freshBackground();
    const contoso = rec('Contoso');
    const alice = rec('Alice', { entityType: 'contact' });
    await send('records.seen', contoso);
    await send('connections.create', { from: contoso, to: alice });
    changes.length = 0;
    await send('records.seen', { ...contoso, name: 'Contoso Ltd' });
    const [view] = await send('connections.listForRecord', { key: recordKey(alice) });
    expect(view?.other.name).toBe('Contoso Ltd');
    expect(changes).toEqual([{ records: [recordKey(contoso)] }]);
  });

  it('refuses a record without an id or with a non-web URL, naming the field', async () => {
    const { refuse } = freshBackground();
    expect(await refuse('records.seen', { ...rec('X'), recordId: ' ' })).toMatchObject({ field: 'recordId' });
    expect(await refuse('records.seen', { ...rec('X'), url: 'javascript:alert(1)' })).toMatchObject({ field: 'url' });
    expect(await refuse('records.seen', { ...rec('X'), crm: 'Not An Id' })).toMatchObject({ field: 'crm' });
    expect(await refuse('records.search', { query: 'x'.repeat(201) })).toMatchObject({ field: 'query' });
  });
});

describe('settings', () => {
  it('stores the identity, lower-casing the email', async () => {
    const { send } = freshBackground();
    expect(await send('settings.get', {})).toEqual({ identity: null });
    await send('settings.setIdentity', { name: ' Dana ', email: 'DANA@example.com' });
    expect(await send('settings.get', {})).toEqual({ identity: { name: 'Dana', email: 'dana@example.com' } });
  });

  it('refuses an identity without a valid email', async () => {
    const { refuse } = freshBackground();
    expect(await refuse('settings.setIdentity', { name: 'Dana', email: 'dana' })).toMatchObject({ field: 'email' });
    expect(await refuse('settings.setIdentity', { name: '', email: 'd@example.com' })).toMatchObject({ field: 'name' });
  });
});

describe('records open in other tabs', () => {
  it('lists what other tabs show now, not the asking tab, and forgets a tab that left its record', async () => {
    const bg = freshBackground();
    const contoso = rec('Contoso', { recordId: '1ba37bd8-4c8e-4f0a-9a4b-2c6d8e0f1a3b' });
    const fabrikam = rec('Fabrikam', { recordId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });
    const report = (tab: number, r: typeof contoso | null) =>
      bg.sendAs(contentScript(tab, r?.url ?? 'https://contoso.crm.dynamics.com/main.aspx'), 'page.report', {
        record: r && { name: r.name },
      });
    await report(1, contoso);
    await report(2, fabrikam);
    await bg.sendAs(contentScript(1, contoso.url), 'page.frame', { kind: 'dialog', token: TOKEN });
    expect((await bg.sendAs(frame(1, 'dialog.html'), 'records.open', {}, TOKEN)).map((r) => r.name)).toEqual([
      'Fabrikam',
    ]);
    await report(2, null);
    expect(await bg.sendAs(frame(1, 'dialog.html'), 'records.open', {}, TOKEN)).toEqual([]);
  });
});

describe('the "To Me" record', () => {
  it('is a record like any other, with a mailto address', async () => {
    const { send } = freshBackground();
    const { meRecord } = await import('../model');
    const me = meRecord({ name: 'Dana', email: 'dana@example.com' });
    const c = await send('connections.create', { from: rec('Contoso'), to: me, toRoleId: 'builtin-account-manager' });
    expect(c.to).toMatchObject({ crm: 'me', name: 'Dana', url: 'mailto:dana@example.com' });
  });
});
