import { describe, expect, it } from 'vitest';
import { openStore } from './open';
import { ReopeningStore } from './reopen';

let n = 0;

describe('the database handle the background keeps', () => {
  it('tries again after an open that failed, instead of failing for the worker’s life', async () => {
    const name = `reopen-${Date.now()}-${++n}`;
    let attempts = 0;
    const db = new ReopeningStore((gone) => {
      attempts++;
      if (attempts === 1) return Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'));
      return openStore(name, undefined, gone);
    });
    await expect(db.then((d) => d.count('connections'))).rejects.toThrow(/Quota/);
    expect(await (await db).count('connections')).toBe(0);
    expect(attempts).toBe(2);
    await db; // and keeps the connection that works
    expect(attempts).toBe(2);
  });

  it('opens a new connection once the browser, or an upgrade elsewhere, has closed this one', async () => {
    const name = `reopen-${Date.now()}-${++n}`;
    const first = await openStore(name);
    await first.put('settings', 'kept', 'probe');
    first.close();
    let ends: (() => void) | null = null;
    let attempts = 0;
    const db = new ReopeningStore((gone) => {
      attempts++;
      ends = gone;
      return openStore(name, undefined, gone);
    });
    const before = await db;
    before.close();
    ends!(); // as idb's `terminated` reports it
    const after = await db;
    expect(after).not.toBe(before);
    expect(await after.get('settings', 'probe')).toBe('kept');
    expect(attempts).toBe(2);
  });
});
