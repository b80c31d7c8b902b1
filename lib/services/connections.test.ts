import { describe, expect, it } from 'vitest';
import { recordKey } from '../model';
import { freshBackground, rec, EXTENSION_PAGE } from '../../tests/services';

const alice = rec('Alice', { entityType: 'contact', recordId: 'a0000000-0000-0000-0000-000000000001' });
const contoso = rec('Contoso', { recordId: 'c0000000-0000-0000-0000-000000000001' });
const fabrikam = rec('Fabrikam', { recordId: 'f0000000-0000-0000-0000-000000000001' });

describe('connections', () => {
  it('creates one connection and lists it from both ends with the right roles', async () => {
    const { send } = freshBackground();
    const c = await send('connections.create', {
      from: contoso,
      to: alice,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
      description: 'Head of sales',
    });
    expect(c.status).toBe('active');
    const fromContoso = await send('connections.listForRecord', { key: recordKey(contoso) });
    expect(fromContoso).toHaveLength(1);
    expect(fromContoso[0]).toMatchObject({
      isSource: true,
      other: { name: 'Alice', entityType: 'contact' },
      otherRole: { name: 'Employee' },
      thisRole: { name: 'Employer' },
      description: 'Head of sales',
    });
    const fromAlice = await send('connections.listForRecord', { key: recordKey(alice) });
    expect(fromAlice[0]).toMatchObject({
      isSource: false,
      other: { name: 'Contoso' },
      otherRole: { name: 'Employer' },
      thisRole: { name: 'Employee' },
    });
  });

  it('defaults the owner to the identity and stamps who created it', async () => {
    const { send } = freshBackground();
    await send('settings.setIdentity', { name: 'Dana Seller', email: 'Dana@Example.com' });
    const c = await send('connections.create', { from: contoso, to: alice });
    expect(c.owner).toBe('Dana Seller');
    expect(c.createdBy).toBe('dana@example.com');
  });

  it('filters by status, role and category', async () => {
    const { send } = freshBackground();
    const a = await send('connections.create', { from: contoso, to: alice, toRoleId: 'builtin-champion' });
    await send('connections.create', {
      from: contoso,
      to: fabrikam,
      toRoleId: 'builtin-partner',
      fromRoleId: 'builtin-partner',
    });
    await send('connections.setStatus', { id: a.id, status: 'inactive' });
    const key = recordKey(contoso);
    expect(await send('connections.listForRecord', { key })).toHaveLength(2);
    expect(await send('connections.listForRecord', { key, status: 'active' })).toMatchObject([
      { other: { name: 'Fabrikam' } },
    ]);
    expect(await send('connections.listForRecord', { key, status: 'inactive' })).toMatchObject([
      { other: { name: 'Alice' } },
    ]);
    expect(await send('connections.listForRecord', { key, roleId: 'builtin-champion' })).toHaveLength(1);
    expect(await send('connections.listForRecord', { key, category: 'Business' })).toMatchObject([
      { otherRole: { name: 'Partner' } },
    ]);
  });

  it('updates, deactivates (read-only), activates, deletes and restores', async () => {
    const { send, refuse, changes } = freshBackground();
    const c = await send('connections.create', { from: contoso, to: alice });
    const edited = await send('connections.update', {
      id: c.id,
      patch: { description: 'Met at the fair', toRoleId: 'builtin-influencer' },
    });
    expect(edited).toMatchObject({
      description: 'Met at the fair',
      toRoleId: 'builtin-influencer',
      roleIds: ['builtin-influencer'],
    });
    await send('connections.setStatus', { id: c.id, status: 'inactive' });
    const readOnly = await refuse('connections.update', { id: c.id, patch: { description: 'x' } });
    expect(readOnly.field).toBe('status');
    await send('connections.setStatus', { id: c.id, status: 'active' });
    await send('connections.delete', { id: c.id });
    expect(await send('connections.listForRecord', { key: recordKey(alice) })).toEqual([]);
    expect((await refuse('connections.get', { id: c.id })).code).toBe('not-found');
    const back = await send('connections.restore', { id: c.id });
    expect(back.description).toBe('Met at the fair');
    expect(await send('connections.listForRecord', { key: recordKey(alice) })).toHaveLength(1);
    expect(changes.filter((ch) => ch.records?.includes(recordKey(alice))).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps existing connections editable after an administrator changes their roles', async () => {
    const { send } = freshBackground();
    const c = await send('connections.create', {
      from: contoso,
      to: alice,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
    });
    await send('roles.update', { id: 'builtin-employer', patch: { matchingRoleIds: [] } });
    await send('connections.update', { id: c.id, patch: { description: 'still editable' } });
    expect((await send('connections.setStatus', { id: c.id, status: 'inactive' })).status).toBe('inactive');
  });

  it('lets an inactive role stay on an existing connection but not be chosen anew', async () => {
    const { send, refuse } = freshBackground();
    const c = await send('connections.create', { from: contoso, to: alice, toRoleId: 'builtin-champion' });
    await send('roles.setActive', { id: 'builtin-champion', active: false });
    const edited = await send('connections.update', { id: c.id, patch: { description: 'still a champion' } });
    expect(edited.toRoleId).toBe('builtin-champion');
    const [view] = await send('connections.listForRecord', { key: recordKey(contoso) });
    expect(view?.otherRole).toMatchObject({ name: 'Champion', active: false });
    const e = await refuse('connections.create', { from: fabrikam, to: alice, toRoleId: 'builtin-champion' });
    expect(e).toMatchObject({ field: 'toRoleId', message: expect.stringContaining('inactive') });
  });
});

describe('connections: bad input is refused with the field named and nothing written', () => {
  const expectNothingWritten = async (bg: ReturnType<typeof freshBackground>) => {
    const db = await bg.db;
    expect(await db.count('connections')).toBe(0);
  };

  it('a record connected to itself', async () => {
    const bg = freshBackground();
    const e = await bg.refuse('connections.create', { from: contoso, to: { ...contoso, name: 'Contoso (other tab)' } });
    expect(e).toMatchObject({ code: 'invalid', field: 'to', message: expect.stringContaining('itself') });
    await expectNothingWritten(bg);
  });

  it('the same record reached through another URL form is still itself', async () => {
    const bg = freshBackground();
    const other = {
      ...contoso,
      entityType: 'unknown-etc-10042',
      url: 'https://contoso.crm.dynamics.com/main.aspx?id=x',
    };
    expect((await bg.refuse('connections.create', { from: contoso, to: other })).field).toBe('to');
  });

  it('a role that does not apply to the record type', async () => {
    const bg = freshBackground();
    const role = await bg.send('roles.create', { name: 'Supplier', category: 'Business', appliesTo: ['account'] });
    const e = await bg.refuse('connections.create', { from: contoso, to: alice, toRoleId: role.id });
    expect(e).toMatchObject({ field: 'toRoleId', message: expect.stringContaining('does not apply to contact') });
    await expectNothingWritten(bg);
  });

  it('two roles that do not match each other', async () => {
    const bg = freshBackground();
    const e = await bg.refuse('connections.create', {
      from: contoso,
      to: alice,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-friend',
    });
    expect(e).toMatchObject({ field: 'fromRoleId', message: expect.stringContaining('Employer') });
    await expectNothingWritten(bg);
  });

  it('an unknown role or connection id', async () => {
    const bg = freshBackground();
    expect(await bg.refuse('connections.create', { from: contoso, to: alice, toRoleId: 'nope' })).toMatchObject({
      code: 'not-found',
      field: 'toRoleId',
    });
    expect(await bg.refuse('connections.update', { id: 'missing', patch: {} })).toMatchObject({
      code: 'not-found',
      field: 'id',
    });
    expect(await bg.refuse('connections.delete', { id: 'missing' })).toMatchObject({ code: 'not-found' });
    await expectNothingWritten(bg);
  });

  it('start date after end date, and dates that do not exist', async () => {
    const bg = freshBackground();
    const late = await bg.refuse('connections.create', {
      from: contoso,
      to: alice,
      effectiveStart: '2026-05-02',
      effectiveEnd: '2026-05-01',
    });
    expect(late.field).toBe('effectiveEnd');
    const bogus = await bg.refuse('connections.create', { from: contoso, to: alice, effectiveStart: '2026-02-30' });
    expect(bogus).toMatchObject({ field: 'effectiveStart', message: expect.stringContaining('YYYY-MM-DD') });
    await expectNothingWritten(bg);
  });

  it('an over-long description, and one exactly at the limit', async () => {
    const bg = freshBackground();
    const e = await bg.refuse('connections.create', { from: contoso, to: alice, description: 'x'.repeat(2001) });
    expect(e).toMatchObject({ field: 'description', message: expect.stringContaining('2000') });
    await expectNothingWritten(bg);
    await bg.send('connections.create', { from: contoso, to: alice, description: 'x'.repeat(2000) });
  });

  it('a duplicate active connection, also when made from the other side', async () => {
    const bg = freshBackground();
    await bg.send('connections.create', {
      from: contoso,
      to: alice,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
    });
    const same = await bg.refuse('connections.create', {
      from: contoso,
      to: alice,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
    });
    expect(same).toMatchObject({ code: 'conflict', field: 'to' });
    const mirrored = await bg.refuse('connections.create', {
      from: alice,
      to: contoso,
      toRoleId: 'builtin-employer',
      fromRoleId: 'builtin-employee',
    });
    expect(mirrored.code).toBe('conflict');
    // Different roles between the same records are a different relationship.
    await bg.send('connections.create', { from: contoso, to: alice, toRoleId: 'builtin-champion' });
    expect(await (await bg.db).count('connections')).toBe(2);
  });

  it('the same create sent twice at once from two tabs gives one connection', async () => {
    const bg = freshBackground();
    const payload = { from: contoso, to: alice, toRoleId: 'builtin-employee', fromRoleId: 'builtin-employer' };
    const replies = await Promise.all([
      bg.route({ type: 'connections.create', payload }, EXTENSION_PAGE),
      bg.route({ type: 'connections.create', payload }, EXTENSION_PAGE),
    ]);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.find((r) => !r.ok)).toMatchObject({ error: { code: 'conflict' } });
    expect(await (await bg.db).count('connections')).toBe(1);
  });

  it('a retried create with the same client id answers with the first one', async () => {
    const bg = freshBackground();
    const payload = { id: 'client-1', from: contoso, to: alice };
    const [a, b] = await Promise.all([bg.send('connections.create', payload), bg.send('connections.create', payload)]);
    expect(a.id).toBe('client-1');
    expect(b.id).toBe('client-1');
    expect(await (await bg.db).count('connections')).toBe(1);
  });

  it('re-activating into a duplicate is refused', async () => {
    const bg = freshBackground();
    const first = await bg.send('connections.create', { from: contoso, to: alice });
    await bg.send('connections.setStatus', { id: first.id, status: 'inactive' });
    await bg.send('connections.create', { from: contoso, to: alice });
    expect((await bg.refuse('connections.setStatus', { id: first.id, status: 'active' })).code).toBe('conflict');
  });
});
