import { describe, expect, it } from 'vitest';
import { appliesToRecord, recordKey } from './record-ref';
import { foldText } from './text';

describe('recordKey', () => {
  it('gives the same key for the same record whatever the case of host or type', () => {
    const a = recordKey({ crm: 'hubspot', tenant: '123', entityType: 'contact', recordId: '51' });
    const b = recordKey({ crm: 'HubSpot', tenant: ' 123 ', entityType: 'Contact', recordId: '51' });
    expect(a).toBe(b);
    expect(a).toBe('hubspot:123:contact:51');
  });

  it('leaves the type out where ids are unique across types, so refining the type keeps the key', () => {
    const guess = recordKey({ crm: 'salesforce', tenant: 'acme', entityType: 'a0X', recordId: 'a0X000000000001AAA' });
    const refined = recordKey({
      crm: 'salesforce',
      tenant: 'acme',
      entityType: 'Invoice__c',
      recordId: 'a0X000000000001AAA',
    });
    expect(guess).toBe(refined);
  });

  it('keeps id case (Salesforce 15-character ids are case-sensitive) and escapes separators', () => {
    const lower = recordKey({ crm: 'salesforce', tenant: 'acme', entityType: 'Account', recordId: '001000000000abc' });
    const upper = recordKey({ crm: 'salesforce', tenant: 'acme', entityType: 'Account', recordId: '001000000000ABC' });
    expect(lower).not.toBe(upper);
    const tricky = recordKey({ crm: 'odoo', tenant: 'a:b', entityType: 'res.partner', recordId: '1:2' });
    expect(tricky).toBe('odoo:a%3Ab:res.partner:1%3A2');
  });
});

describe('appliesToRecord', () => {
  it('empty means every type; bare types match any CRM; crm:type only that CRM', () => {
    const contact = { crm: 'dynamics365', entityType: 'contact' };
    expect(appliesToRecord([], contact)).toBe(true);
    expect(appliesToRecord(['Contact'], contact)).toBe(true);
    expect(appliesToRecord(['dynamics365:contact'], contact)).toBe(true);
    expect(appliesToRecord(['salesforce:contact'], contact)).toBe(false);
    expect(appliesToRecord(['account'], contact)).toBe(false);
  });
});

describe('foldText', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(foldText('  Zoë   ÅNGSTRÖM ')).toBe('zoe angstrom');
    expect(foldText('Ｆｕｌｌｗｉｄｔｈ')).toBe('fullwidth');
  });
});
