import { expect } from 'vitest';
import { DEMO_RECORDS, type DemoRecord } from '../demo/records.mjs';
import { recordKey } from '../lib/model';

/**
 * What the hostile-page tests of both browsers share: the page's own record (the Dynamics demo
 * page that `?demo_hostile=1` arms with demo/attacker.mjs), the records connected to it, the
 * connections seeded before the page loads, and what the page's script must not have learned.
 */
const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
export const fabrikam = rec('dynamics365');
export const others = [rec('salesforce', 1), rec('hubspot')];
const SECRET = 'Signs off orders over $50k';
const input = ({ fields: _fields, ...record }: DemoRecord) => record;

/** What demo/attacker.mjs gathers into `window.__attack`. */
export interface Loot {
  texts: string[];
  captured: number;
  listeners: number;
  frames: string[];
  /** The most child windows it saw (`window.frames`): ours are not among them. */
  windows: number;
  clicks: number;
  errors: string[];
}

/** `connections.create` payloads: fabrikam to each of the others, one with a description. */
export const seedConnections = () =>
  others.map((other, i) => ({
    from: input(fabrikam),
    to: input(other),
    toRoleId: 'builtin-colleague',
    fromRoleId: 'builtin-colleague',
    description: i === 0 ? SECRET : '',
  }));

/** No other record's name, address, key or CRM in anything the page read; its hooks caught nothing. */
export function expectNothingLearned(loot: Loot) {
  const seen = loot.texts.join('\n');
  for (const secret of [...others.flatMap((r) => [r.name, r.url, recordKey(r)]), 'Salesforce', 'HubSpot', SECRET]) {
    expect(seen, secret).not.toContain(secret);
  }
  // Its hooks never saw our roots (our script runs in its own world), it found no frame of ours
  // to read, post to or navigate, and it did fire its clicks (which did nothing: the callers compare the store).
  expect(loot.captured).toBe(0);
  expect(loot.frames).toEqual([]);
  expect(loot.windows).toBe(0);
  expect(loot.clicks).toBeGreaterThan(0);
  expect(loot.errors.filter((e) => !/SecurityError/.test(e))).toEqual([]);
}
