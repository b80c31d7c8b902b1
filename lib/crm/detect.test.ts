import { describe, expect, it } from 'vitest';
import { caseName, checkCase, readCases } from '../../tests/crm-cases';
import { ADAPTERS, detectRecord, keepsPreviousRecord } from './index';
import { toCaseSafeId } from './salesforce-id';

// Research cases: real record URLs with their sources (docs/crm-url-patterns.md §0).
const cases = readCases('lib/crm/cases/record-urls.json');
const ours = new Set(ADAPTERS.map((a) => a.id));

describe('detectRecord against the research cases', () => {
  for (const c of cases.filter((c) => ours.has(c.crm))) it(caseName(c), () => checkCase(c));
});

describe('every adapter rejects every other CRM’s pages', () => {
  for (const adapter of ADAPTERS) {
    it(adapter.id, () => {
      for (const c of cases.filter((c) => c.crm !== adapter.id)) {
        expect(adapter.parse(new URL(c.url)), c.url).toBeNull();
      }
    });
  }
});

describe('bad URLs never throw', () => {
  it.each([
    '',
    'not a url',
    'javascript:alert(1)',
    'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&id=not-a-guid',
    'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&extraqs=%E0%A4%A',
    'https://acme.lightning.force.com/lightning/r/Account/001!!!/view',
    'https://acme.lightning.force.com/lightning/r/Account/0000000000000000AA/view',
    'https://app.hubspot.com/contacts/12/record/0-1/abc',
    'https://app.hubspot.com/contacts/junk/junk/junk/junk',
  ])('%s', (url) => {
    expect(detectRecord(url)).toBeNull();
  });
});

describe('Salesforce case-safe ids', () => {
  it('matches published vectors', () => {
    expect(toCaseSafeId('a01M00000062mPg')).toBe('a01M00000062mPgIAI');
    expect(toCaseSafeId('0015000000Gf1AB')).toBe('0015000000Gf1ABAAZ');
    expect(toCaseSafeId('003i000000im5km')).toBe('003i000000im5kmAAA');
  });
});

describe('pages that keep the previous record', () => {
  it('HubSpot calling windows keep it; record and list pages do not', () => {
    expect(keepsPreviousRecord('https://app.hubspot.com/calling-integration-popup-ui/6798828')).toBe(true);
    expect(keepsPreviousRecord('https://app-eu1.hubspot.com/calling/6798828/twilio?x=1')).toBe(true);
    expect(keepsPreviousRecord('https://app.hubspot.com/contacts/6798828/record/0-1/51')).toBe(false);
    expect(keepsPreviousRecord('https://example.com/calling/1/x')).toBe(false);
    expect(keepsPreviousRecord('not a url')).toBe(false);
  });
});
