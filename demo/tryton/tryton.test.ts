import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTryton, type TrytonSeed } from './seed.mjs';
import { MODULES, startTryton, type Tryton } from './server.mjs';

// The real trytond the browser tests run against: its own database, seeded over JSON-RPC.
// The first start of a machine builds the template database (about half a minute).
describe('a Tryton of its own', { timeout: 120_000 }, () => {
  let tryton: Tryton;
  let seed: TrytonSeed;
  beforeAll(async () => {
    tryton = await startTryton();
    seed = await seedTryton(tryton);
  }, 120_000);
  afterAll(() => tryton?.close());

  it('serves sao and answers JSON-RPC on its loopback port', async () => {
    expect(tryton.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${tryton.origin}/`).then((r) => r.text());
    expect(page).toContain('tryton-sao');
    const modules = await tryton.rpc.model<{ name: string }[]>(
      'ir.module',
      'search_read',
      [['state', '=', 'activated']],
      0,
      null,
      null,
      ['name'],
    );
    expect(modules.map((m) => m.name)).toEqual(expect.arrayContaining(MODULES));
  });

  it('holds the seeded parties, their Tryton relation and an opportunity', async () => {
    const ids = Object.values(seed.parties).map((p) => p.id);
    const read = await tryton.rpc.model<{ id: number; name: string }[]>('party.party', 'read', ids, ['name']);
    expect(read.map((p) => p.name)).toEqual(Object.values(seed.parties).map((p) => p.name));
    const relations = await tryton.rpc.model<number[]>('party.relation.all', 'search', [
      ['from_', '=', seed.parties.alice.id],
    ]);
    expect(relations).toHaveLength(1);
    const [opportunity] = await tryton.rpc.model<{ description: string; party: number }[]>(
      'sale.opportunity',
      'read',
      [seed.opportunity.id],
      ['description', 'party'],
    );
    expect(opportunity).toMatchObject({ description: seed.opportunity.name, party: seed.parties.contoso.id });
  });

  it('gives sessions as sao keeps them', async () => {
    const session = await tryton.session();
    expect(session).toMatchObject({ login: 'admin', user_id: 1 });
    expect(session.session).toMatch(/^[0-9a-f]{20,}$/);
  });

  it('starts every server on a fresh copy, and deletes it when closed', async () => {
    const other = await startTryton();
    try {
      expect(other.origin).not.toBe(tryton.origin);
      const names = await other.rpc.model<{ name: string }[]>(
        'party.party',
        'search_read',
        [['name', '=', seed.parties.contoso.name]],
        0,
        null,
        null,
        ['name'],
      );
      expect(names).toEqual([]);
    } finally {
      await other.close();
    }
    const up = await fetch(`${other.origin}/`).then(
      () => true,
      () => false,
    );
    expect(up).toBe(false);
    expect(existsSync(other.dir)).toBe(false);
  });
});
