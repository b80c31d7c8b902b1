// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { vtiger } from './vtiger';
import { fixturePage, itReadsNames } from './test-page';

const record = vtiger.parse(new URL('https://crm.example.com/index.php?module=Contacts&view=Detail&record=12'))!;

describe('vtiger.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(vtiger, 'vtiger.html', record);
  it('joins the name fields the template separates with &nbsp;', () => {
    const doc = fixturePage('vtiger.html', 'Ada</span>&nbsp;<span class="lastname">Lovelace');
    expect(vtiger.readName(doc, record)).toBe('Ada Lovelace');
  });
});
