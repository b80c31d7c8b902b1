// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { sugarcrm } from './sugarcrm';
import { fixturePage, itReadsNames } from './test-page';

const contact = sugarcrm.parse(new URL('https://crm.example.com/#Contacts/f47ac10b-58cc-4372-a567-0e02b2c3d479'))!;
const deal = sugarcrm.parse(
  new URL('https://evolutioncrm.sugarondemand.com/#Opportunities/9b2d5e8a-3c1f-4e7b-8a6d-2f4c1b3e5a7d'),
)!;

describe('sugarcrm.readName', () => {
  it('parses the example records', () => expect([contact, deal]).not.toContain(null));
  itReadsNames(sugarcrm, 'sugarcrm-contact.html', contact);
  itReadsNames(sugarcrm, 'sugarcrm-account.html', deal);
  it('skips the field label and edit link of the header cell', () => {
    expect(sugarcrm.readName(fixturePage('sugarcrm-contact.html', 'Ada'), contact)).toBe('Ada');
  });
});
