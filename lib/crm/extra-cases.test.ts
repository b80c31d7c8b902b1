import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ADAPTERS, detectRecord } from './index';

/** The shared fixture's format, plus `pending`: a known gap of an adapter, asserted to still fail. */
interface Case {
  crm: string;
  url: string;
  expect: { entityType: string | null; recordId: string; tenant?: string } | null;
  note?: string;
  pending?: string;
}

const cases: Case[] = JSON.parse(readFileSync(new URL('./extra-cases.json', import.meta.url), 'utf8'));

function check(c: Case) {
  const got = detectRecord(c.url);
  if (c.expect === null) return expect(got).toBeNull();
  expect(got).not.toBeNull();
  expect(got!.crm).toBe(c.crm);
  expect(got!.recordId).toBe(c.expect.recordId);
  if (c.expect.entityType !== null) expect(got!.entityType).toBe(c.expect.entityType);
  if (c.expect.tenant) expect(got!.tenant).toBe(c.expect.tenant);
}

describe('detectRecord against cases drawn from crm-url-patterns.md', () => {
  it('covers a known adapter in every case', () => {
    const ids = new Set(ADAPTERS.map((a) => a.id));
    expect(cases.filter((c) => !ids.has(c.crm)).map((c) => c.crm)).toEqual([]);
  });
  for (const c of cases) {
    const name = `${c.crm}: ${c.url}${c.note ? ` (${c.note})` : ''}`;
    // A pending case documents a gap in an adapter; once fixed, this fails and the marker goes.
    if (c.pending) it.fails(`${name} [pending: ${c.pending}]`, () => check(c));
    else it(name, () => check(c));
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
