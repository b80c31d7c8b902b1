import { describe, expect, it } from 'vitest';
import { caseName, checkCase, readCases } from '../../tests/crm-cases';
import { ADAPTERS } from './index';

const cases = readCases('lib/crm/extra-cases.json');

describe('detectRecord against cases drawn from docs/crm-url-patterns.md', () => {
  it('covers a known adapter in every case', () => {
    const ids = new Set(ADAPTERS.map((a) => a.id));
    expect(cases.filter((c) => !ids.has(c.crm)).map((c) => c.crm)).toEqual([]);
  });
  for (const c of cases) {
    // A pending case documents a gap in an adapter; once fixed, this fails and the marker goes.
    if (c.pending) it.fails(`${caseName(c)} [pending: ${c.pending}]`, () => checkCase(c));
    else it(caseName(c), () => checkCase(c));
  }
});

describe('every adapter rejects every other CRM’s extra cases', () => {
  for (const adapter of ADAPTERS) {
    it(adapter.id, () => {
      for (const c of cases.filter((c) => c.crm !== adapter.id)) {
        expect(adapter.parse(new URL(c.url)), c.url).toBeNull();
      }
    });
  }
});
