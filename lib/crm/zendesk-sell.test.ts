// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blankPage, itReadsNames } from './test-page';
import { zendeskSell } from './zendesk-sell';

const lead = zendeskSell.parse(new URL('https://app.futuresimple.com/leads/11866410'))!;
const contact = zendeskSell.parse(new URL('https://app.futuresimple.com/crm/contacts/70149392'))!;

describe('zendeskSell.readName', () => {
  it('parses the example records', () => expect([lead, contact]).not.toContain(null));
  itReadsNames(zendeskSell, 'zendesk-sell-lead.html', lead);
  itReadsNames(zendeskSell, 'zendesk-sell-contact.html', contact);
  it('reads the title AnyFetch tested', () => {
    expect(zendeskSell.readName(blankPage('Base CRM: Alexis Montagne'), contact)).toBe('Alexis Montagne');
  });
});
