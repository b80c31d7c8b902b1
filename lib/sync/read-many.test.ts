import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { readMany } from './read-many';

async function storeWith(keys: string[]) {
  const db = await openDB(`read-many-${Date.now()}-${Math.random()}`, 1, {
    upgrade: (d) => void d.createObjectStore('s'),
  });
  for (const k of keys) await db.put('s', `value of ${k}`, k);
  return db;
}

describe('readMany', () => {
  const many = Array.from({ length: 40 }, (_, i) => `k${String(i).padStart(3, '0')}`);

  it('reads a dense span in one sweep and returns only the keys asked for', async () => {
    const db = await storeWith(many);
    const asked = many.filter((_, i) => i % 3 !== 0);
    const found = await readMany(db.transaction('s').store, asked);
    expect([...found.keys()].sort()).toEqual(asked);
    expect(found.get('k001')).toBe('value of k001');
  });

  it('reads key by key when the span is mostly other records, and skips missing keys', async () => {
    const db = await storeWith(many);
    const asked = ['k000', 'k039', 'k020', 'missing-1', 'missing-2', 'k010', 'k030', 'k005', 'k015'];
    const found = await readMany(db.transaction('s').store, asked);
    expect([...found.keys()].sort()).toEqual(['k000', 'k005', 'k010', 'k015', 'k020', 'k030', 'k039']);
  });

  it('answers at once for an empty span or no keys', async () => {
    const db = await storeWith(['a']);
    expect((await readMany(db.transaction('s').store, [])).size).toBe(0);
    const none = Array.from({ length: 10 }, (_, i) => `z${i}`);
    expect((await readMany(db.transaction('s').store, none)).size).toBe(0);
  });
});
