import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, recordKey } from '../model';
import { freshBackground, rec } from '../../tests/services';

const alice = rec('Alice', { entityType: 'contact' });
const contoso = rec('Contoso');

describe('default roles', () => {
  it('are seeded once with categories and symmetric matches', async () => {
    const { send } = freshBackground();
    const roles = await send('roles.list', {});
    expect(roles).toHaveLength(DEFAULT_ROLES.length);
    const byName = new Map(roles.map((r) => [r.name, r]));
    expect(byName.get('Account Manager')).toMatchObject({ category: 'Sales Team', builtIn: true, active: true });
    expect(byName.get('Associated Product')?.category).toBe('Other');
    expect(byName.get('Parent')?.matchingRoleIds).toEqual(['builtin-child']);
    expect(byName.get('Child')?.matchingRoleIds).toEqual(['builtin-parent']);
    expect(byName.get('Colleague')?.matchingRoleIds).toEqual(['builtin-colleague']);
    expect(byName.get('Referred by')?.matchingRoleIds).toEqual(['builtin-referral']);
    for (const r of roles)
      for (const m of r.matchingRoleIds)
        expect(byName.get(roles.find((x) => x.id === m)!.name)!.matchingRoleIds).toContain(r.id);
  });

  it('are never re-added after the user deletes one', async () => {
    const bg = freshBackground();
    await bg.send('roles.delete', { id: 'builtin-friend' });
    (await bg.db).close();
    const { openStore } = await import('../store');
    const again = await openStore(bg.name);
    expect(await again.get('roles', 'builtin-friend')).toBeUndefined();
    expect(await again.count('roles')).toBe(DEFAULT_ROLES.length - 1);
    again.close();
  });
});

describe('roles', () => {
  it('creates a role that matches itself and another, keeping matches symmetric with the first as default', async () => {
    const { send } = freshBackground();
    const mentor = await send('roles.create', {
      name: 'Mentor',
      category: 'Business',
      matchingRoleIds: ['builtin-colleague'],
      matchesItself: true,
    });
    expect(mentor.matchingRoleIds).toEqual(['builtin-colleague', mentor.id]);
    const roles = await send('roles.list', {});
    // Colleague keeps itself as default and gains Mentor after it.
    expect(roles.find((r) => r.id === 'builtin-colleague')?.matchingRoleIds).toEqual(['builtin-colleague', mentor.id]);
  });

  it('updates matches symmetrically when a match is removed or replaced', async () => {
    const { send } = freshBackground();
    const a = await send('roles.create', { name: 'Supplier', category: 'Business' });
    const b = await send('roles.create', { name: 'Customer', category: 'Business', matchingRoleIds: [a.id] });
    let roles = await send('roles.list', {});
    expect(roles.find((r) => r.id === a.id)?.matchingRoleIds).toEqual([b.id]);
    await send('roles.update', { id: b.id, patch: { matchingRoleIds: ['builtin-partner'] } });
    roles = await send('roles.list', {});
    expect(roles.find((r) => r.id === a.id)?.matchingRoleIds).toEqual([]);
    expect(roles.find((r) => r.id === 'builtin-partner')?.matchingRoleIds).toEqual(['builtin-partner', b.id]);
  });

  it('a renamed role shows its new name on existing connections at once', async () => {
    const { send } = freshBackground();
    await send('connections.create', { from: contoso, to: alice, toRoleId: 'builtin-champion' });
    expect((await send('connections.listForRecord', { key: recordKey(contoso) }))[0]?.otherRole?.name).toBe('Champion');
    await send('roles.update', { id: 'builtin-champion', patch: { name: 'Internal Champion' } });
    expect((await send('connections.listForRecord', { key: recordKey(contoso) }))[0]?.otherRole?.name).toBe(
      'Internal Champion',
    );
  });

  it('counts connections using each role', async () => {
    const { send } = freshBackground();
    await send('connections.create', { from: contoso, to: alice, toRoleId: 'builtin-champion' });
    const roles = await send('roles.list', {});
    expect(roles.find((r) => r.id === 'builtin-champion')?.usage).toBe(1);
    expect(roles.find((r) => r.id === 'builtin-friend')?.usage).toBe(0);
  });

  it('refuses to delete a role in use, naming how many use it, then clears it when asked', async () => {
    const bg = freshBackground();
    await bg.send('connections.create', {
      from: contoso,
      to: alice,
      toRoleId: 'builtin-employee',
      fromRoleId: 'builtin-employer',
    });
    const e = await bg.refuse('roles.delete', { id: 'builtin-employee' });
    expect(e).toMatchObject({ code: 'in-use', details: { count: 1 } });
    expect(e.message).toBe(
      "Role 'Employee' is used by 1 connection: deactivate it, or delete it and clear it from them.",
    );
    expect(await (await bg.db).get('roles', 'builtin-employee')).toBeDefined();
    const done = await bg.send('roles.delete', { id: 'builtin-employee', clearFromConnections: true });
    expect(done.cleared).toBe(1);
    const [view] = await bg.send('connections.listForRecord', { key: recordKey(contoso) });
    expect(view).toMatchObject({ otherRole: null, thisRole: { name: 'Employer' } });
    const employer = (await bg.send('roles.list', {})).find((r) => r.id === 'builtin-employer');
    expect(employer?.matchingRoleIds).toEqual([]);
  });
});

describe('roles: bad input is refused with the field named and nothing written', () => {
  it('a name used already, ignoring case and accents', async () => {
    const bg = freshBackground();
    expect(await bg.refuse('roles.create', { name: 'account MANAGER', category: 'Sales' })).toMatchObject({
      field: 'name',
    });
    await bg.send('roles.create', { name: 'Zoë', category: 'Social' });
    expect(await bg.refuse('roles.create', { name: 'zoe', category: 'Social' })).toMatchObject({ field: 'name' });
  });

  it('a role renamed to an existing name', async () => {
    const bg = freshBackground();
    const e = await bg.refuse('roles.update', { id: 'builtin-friend', patch: { name: 'Colleague' } });
    expect(e).toMatchObject({ field: 'name', message: expect.stringContaining('already exists') });
    expect((await (await bg.db).get('roles', 'builtin-friend'))?.name).toBe('Friend');
  });

  it('a matching role that does not exist, with nothing half-written', async () => {
    const bg = freshBackground();
    const before = await bg.send('roles.list', {});
    const e = await bg.refuse('roles.create', {
      name: 'Orphan',
      category: 'Other',
      matchingRoleIds: ['builtin-parent', 'gone'],
    });
    expect(e).toMatchObject({ field: 'matchingRoleIds', message: expect.stringContaining("'gone'") });
    expect(await bg.send('roles.list', {})).toEqual(before);
  });

  it('an unknown category, an empty or over-long name, an over-long description', async () => {
    const bg = freshBackground();
    expect(await bg.refuse('roles.create', { name: 'X', category: 'Friends' })).toMatchObject({ field: 'category' });
    expect(await bg.refuse('roles.create', { name: '   ', category: 'Other' })).toMatchObject({
      field: 'name',
      message: 'Name is required.',
    });
    expect(await bg.refuse('roles.create', { name: 'n'.repeat(101), category: 'Other' })).toMatchObject({
      field: 'name',
    });
    expect(
      await bg.refuse('roles.create', { name: 'Ok', category: 'Other', description: 'd'.repeat(1001) }),
    ).toMatchObject({
      field: 'description',
    });
    await bg.send('roles.create', { name: 'n'.repeat(100), category: 'Other', description: 'd'.repeat(1000) });
  });

  it('an unknown role id', async () => {
    const bg = freshBackground();
    expect(await bg.refuse('roles.setActive', { id: 'nope', active: false })).toMatchObject({
      code: 'not-found',
      field: 'id',
    });
    expect(await bg.refuse('roles.delete', { id: 'nope' })).toMatchObject({ code: 'not-found' });
  });
});

describe('restoring default roles', () => {
  it('adds back deleted defaults with their matches, and never duplicates', async () => {
    const { send } = freshBackground();
    await send('roles.delete', { id: 'builtin-parent' });
    await send('roles.delete', { id: 'builtin-friend' });
    await send('roles.create', { name: 'friend', category: 'Social' }); // the user's own "Friend"
    expect(await send('roles.restoreDefaults', {})).toEqual({ added: 1 });
    const roles = await send('roles.list', {});
    expect(roles.find((r) => r.id === 'builtin-parent')?.matchingRoleIds).toEqual(['builtin-child']);
    expect(roles.find((r) => r.id === 'builtin-child')?.matchingRoleIds).toEqual(['builtin-parent']);
    expect(roles.filter((r) => r.nameKey === 'friend')).toHaveLength(1);
    expect(await send('roles.restoreDefaults', {})).toEqual({ added: 0 });
    expect(roles).toHaveLength(DEFAULT_ROLES.length);
  });

  it('brings every default back after all data was deleted, pairs matched both ways', async () => {
    const { send } = freshBackground();
    await send('data.deleteAll', { confirm: 'DELETE' });
    expect(await send('roles.restoreDefaults', {})).toEqual({ added: DEFAULT_ROLES.length });
    const roles = await send('roles.list', {});
    expect(roles.find((r) => r.id === 'builtin-parent')?.matchingRoleIds).toEqual(['builtin-child']);
    expect(roles.find((r) => r.id === 'builtin-child')?.matchingRoleIds).toEqual(['builtin-parent']);
    expect(roles.find((r) => r.id === 'builtin-colleague')?.matchingRoleIds).toEqual(['builtin-colleague']);
  });
});

describe('roles with a client-chosen id', () => {
  it('may name itself first among its matches', async () => {
    const { send, refuse } = freshBackground();
    const role = await send('roles.create', {
      id: 'role-mentor',
      name: 'Mentor',
      category: 'Business',
      matchingRoleIds: ['role-mentor', 'builtin-colleague'],
    });
    expect(role.matchingRoleIds).toEqual(['role-mentor', 'builtin-colleague']);
    expect(await refuse('roles.create', { id: 'role-mentor', name: 'Other', category: 'Other' })).toMatchObject({
      field: 'id',
    });
  });
});
