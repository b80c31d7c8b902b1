// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { zoho } from './zoho';
import { itReadsNames } from './test-page';

const record = zoho.parse(new URL('https://crm.zoho.com/crm/org5406171/tab/Contacts/346103000072598035'))!;

describe('zoho.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(zoho, 'zoho.html', record);
});
