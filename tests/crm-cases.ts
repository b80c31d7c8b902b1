import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { detectRecord } from '../lib/crm';

/** One URL case, in the format of lib/crm/cases/*.json (docs/crm-url-patterns.md §0). */
export interface UrlCase {
  crm: string;
  url: string;
  expect: { entityType: string | null; recordId: string; tenant?: string } | null;
  note?: string;
  /** A known gap of an adapter (extra cases only): asserted to still fail. */
  pending?: string;
}

/** Reads a case file (a path relative to the project root). */
export const readCases = (path: string): UrlCase[] =>
  JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));

/** A readable test name for a case. */
export const caseName = (c: UrlCase) => `${c.crm}: ${c.url}${c.note ? ` (${c.note})` : ''}`;

/** Asserts what detectRecord gives for a case: its fields, or null for non-record pages. */
export function checkCase(c: UrlCase) {
  const got = detectRecord(c.url);
  if (c.expect === null) return expect(got).toBeNull();
  expect(got).not.toBeNull();
  expect(got!.crm).toBe(c.crm);
  expect(got!.recordId).toBe(c.expect.recordId);
  if (c.expect.entityType !== null) expect(got!.entityType).toBe(c.expect.entityType);
  if (c.expect.tenant) expect(got!.tenant).toBe(c.expect.tenant);
}
