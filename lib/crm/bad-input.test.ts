import { describe, expect, it } from 'vitest';
import { adapterById, detectRecord } from './index';

const GUID = '9b2d5e8a-3c1f-4e7b-8a6d-2f4c1b3e5a7d';

/** Per adapter: its own hosts and shapes with junk paths, and ids of the wrong length or alphabet. */
const BAD: Record<string, string[]> = {
  pipedrive: [
    'https://acme.pipedrive.com/person/abc',
    'https://acme.pipedrive.com/person/0',
    'https://acme.pipedrive.com/person/-3',
    'https://acme.pipedrive.com/person/123456789012345678901',
    'https://acme.pipedrive.com/deal/12/activities',
    'https://acme.pipedrive.com/leads/inbox/not-a-uuid',
    'https://acme.pipedrive.com/leads/inbox/ADF21080-0E10-11EB-879B-05D71FB426E',
    'https://www.pipedrive.com/person/2841',
    'https://api.pipedrive.com/person/2841',
    'https://a.b.pipedrive.com/person/2841',
    'https://pipedrive.com/person/2841',
    'https://acme.pipedrive.com.evil.example/person/2841',
  ],
  zoho: [
    'https://crm.zoho.com/crm/org5406171/tab/Contacts/abc',
    'https://crm.zoho.com/crm/org5406171/tab/Contacts/0123',
    'https://crm.zoho.com/crm/orgX/tab/Contacts/346103000072598035',
    'https://crm.zoho.com/crm/org5406171/tab/Contacts/346103000072598035/edit',
    'https://crm.zoho.com/crm/org5406171/tab/Contacts/123456789012345678901',
    'https://crm.zoho.xyz/crm/org5406171/tab/Contacts/346103000072598035',
    'https://mail.zoho.com/crm/org5406171/tab/Contacts/346103000072598035',
  ],
  freshsales: [
    'https://acme.myfreshworks.com/crm/sales/contacts/abc',
    'https://acme.myfreshworks.com/crm/sales/leads/31000123',
    'https://acme.myfreshworks.com/crm/sales/contacts/',
    'https://myfreshworks.com/crm/sales/contacts/31000123',
    'https://acme.freshsales.io/contacts/31000123',
  ],
  close: [
    'https://app.close.com/lead/lead_short/',
    'https://app.close.com/lead/cont_lKJosXmlzl9PUmVix7Wm715Y9N6ABZC3tsvy3ihM01v/',
    'https://app.close.com/lead/lead_lKJosXmlzl9PUmVix7Wm715Y9N6ABZC3tsvy3ihM01v!/',
    'https://app.close.com/lead/lead_lKJosXmlzl9PUmVix7Wm715Y9N6ABZC3tsvy3ihM01vX/',
    'https://close.com/lead/lead_lKJosXmlzl9PUmVix7Wm715Y9N6ABZC3tsvy3ihM01v/',
  ],
  copper: [
    'https://app.copper.com/companies/562111/app#/deal/abcdefg',
    'https://app.copper.com/companies/562111/app#/person/34567890',
    'https://app.copper.com/companies/abc/app#/deal/34567890',
    'https://app.copper.com/app#/deal/34567890',
    'https://app.copper.com/companies/562111/app#/browse/list/people/default?fullProfile=people-abc',
    'https://app.copper.com/companies/562111/app#/browse/list/people/default?fullProfile=leads-45678901',
    'https://app.copper.com/companies/562111/app#/browse/list/people/default?fullProfile=%E0%A4%A',
  ],
  attio: [
    'https://app.attio.com/salarya/person/not-a-uuid',
    'https://app.attio.com/salarya/person/bf071e1f-6035-429d-b874-d83ea64ea13',
    'https://app.attio.com/salarya/person',
    'https://app.attio.com/salarya/person/bf071e1f-6035-429d-b874-d83ea64ea13b/extra/deep',
    'https://attio.com/salarya/person/bf071e1f-6035-429d-b874-d83ea64ea13b',
  ],
  insightly: [
    'https://crm.na1.insightly.com/details/Contact/abc',
    'https://crm.na1.insightly.com/details/Dashboard/123',
    'https://crm.na1.insightly.com/list/Contact/?blade=/details/Contact/abc',
    'https://crm.na1.insightly.com/list/Contact/?blade=javascript:alert(1)',
    'https://www.insightly.com/details/Contact/123',
  ],
  'zendesk-sell': [
    'https://app.futuresimple.com/crm/contacts/abc',
    'https://app.futuresimple.com/contacts/70149392',
    'https://app.futuresimple.com/sales/deals/new',
    'https://app.futuresimple.com/leads/0',
    'https://futuresimple.com/leads/11866410',
  ],
  capsule: [
    'https://acme.capsulecrm.com/party/abc',
    'https://acme.capsulecrm.com/people/1234',
    'https://acme.capsulecrm.com/party/1234/edit',
    'https://capsulecrm.com/party/1234',
  ],
  nutshell: [
    'https://app.nutshell.com/person/abc-slug',
    'https://app.nutshell.com/person/-7-slug',
    'https://app.nutshell.com/lead/7',
    'https://app.nutshell.com/company/7-slug/extra',
  ],
  keap: [
    'https://vx952.infusionsoft.com/Contact/manageContact.jsp?view=edit&ID=abc',
    'https://vx952.infusionsoft.com/Contact/manageContact.jsp?view=add',
    'https://vx952.infusionsoft.com/Contact/manageContact.jsp?view=add&ID=12345',
    'https://vx952.infusionsoft.com/Contact/other.jsp?view=edit&ID=12345',
    'https://keap.app/contacts/list/contact/abc/details',
    'https://keap.app/contacts/list/contact/12345/notes',
  ],
  monday: [
    'https://acme.monday.com/boards/1397138702/pulses/abc',
    'https://acme.monday.com/boards/abc/pulses/3073776565',
    'https://acme.monday.com/boards/1397138702/pulses/3073776565/posts/abc',
    'https://monday.com/boards/1397138702/pulses/3073776565',
  ],
  odoo: [
    'https://erp.example.com/odoo/contacts/abc',
    'https://erp.example.com/odoo/contacts/0',
    'https://erp.example.com/odoo/5',
    'https://erp.example.com/odoo/5/7',
    'https://erp.example.com/odoo/action-/7',
    'https://erp.example.com/odoo/m-/7',
    'https://erp.example.com/odoo/Bad.Model/7',
    'https://erp.example.com/odoo/res..partner/7',
    'https://erp.example.com/other/contacts/9',
    'https://erp.example.com/web#id=abc&model=res.partner',
    'https://erp.example.com/web#id=7',
    'https://erp.example.com/web#id=7&model=%3Cscript%3E',
    'https://erp.example.com/web/#id=7&model=res.partner',
    'https://erp.example.com/web#id=7&model=%E0%A4%A',
  ],
  twenty: [
    'https://acme.twenty.com/object/person/not-a-uuid',
    'https://acme.twenty.com/object/Person/20202020-0687-4c41-b707-ed1bfca972a7',
    'https://acme.twenty.com/object/person/20202020-0687-4c41-b707-ed1bfca972a7/extra',
    'https://acme.twenty.com/objects/person/20202020-0687-4c41-b707-ed1bfca972a7',
  ],
  creatio: [
    `https://tenant.creatio.com/0/Nui/ViewModule.aspx#CardModuleV2/ContactPageV2/edit/not-a-guid`,
    `https://tenant.creatio.com/0/Nui/ViewModule.aspx#CardModuleV2/ContactPageV2/view/${GUID}`,
    `https://tenant.creatio.com/0/Nui/ViewModule.aspx#SectionModuleV2/ContactSectionV2`,
    `https://tenant.creatio.com/Nui/ViewModule.aspx#CardModuleV2/ContactPageV2/edit/${GUID}`,
    `https://tenant.creatio.com/0/Shell/#Card/SysAdminUnit_FormPage/edit/${GUID}`,
    `https://tenant.creatio.com/0/Shell/#Card/_FormPage/edit/${GUID}`,
  ],
  sugarcrm: [
    `https://acme.sugarondemand.com/#Contacts/not-a-uuid`,
    `https://acme.sugarondemand.com/#Dashboards/${GUID}`,
    `https://acme.sugarondemand.com/#Contacts/${GUID}/edit`,
    `https://acme.sugarondemand.com/#contacts/${GUID}`,
  ],
  suitecrm7: [
    'https://crm.example.org/index.php?module=Contacts&action=DetailView&record=not-a-uuid',
    `https://crm.example.org/index.php?module=Contacts&action=EditView&record=${GUID}`,
    `https://crm.example.org/index.php?module=<img>&action=DetailView&record=${GUID}`,
    `https://crm.example.org/other.php?module=Contacts&action=DetailView&record=${GUID}`,
  ],
  suitecrm8: [
    'https://crm.example.org/#/contacts/record/not-a-uuid',
    `https://crm.example.org/#/Contacts/record/${GUID}`,
    `https://crm.example.org/#/contacts/list/${GUID}`,
    `https://crm.example.org/#/contacts/record/${GUID}/extra`,
  ],
  espocrm: [
    'https://espo.example.com/#Account/view/64f1c2a9b3e7d5c2',
    'https://espo.example.com/#Account/view/64f1c2a9b3e7d5c2zz',
    'https://espo.example.com/#account/view/64f1c2a9b3e7d5c22',
    'https://espo.example.com/#Account/view/',
  ],
  tryton: [
    'http://erp.example.com:8000/#crm/model/party.party/abc',
    'http://erp.example.com:8000/#crm/model/party.party/1e3',
    'http://erp.example.com:8000/#crm/model/party.party/0',
    'http://erp.example.com:8000/#crm/model/party.party/-1',
    'http://erp.example.com:8000/#crm/model/party.party/7garbage',
    'http://erp.example.com:8000/#crm/model/party/7',
    'http://erp.example.com:8000/#crm/model/%3Cscript%3E/7',
    'http://erp.example.com:8000/#cr%E0%A4%A/model/party.party/7',
    'http://erp.example.com:8000/#a%2Fb/model/party.party/7',
    'http://erp.example.com:8000/#/model/party.party/7',
    'http://erp.example.com:8000/crm/model/party.party/7',
  ],
  vtiger: [
    'https://crm.example.com/index.php?module=Contacts&view=Detail&record=abc',
    'https://crm.example.com/index.php?module=Contacts&view=Detail&record=12x34',
    'https://crm.example.com/index.php?module=Contacts&view=Detail&record=0',
    'https://crm.example.com/index.php?module=Contacts&view=Detail',
    'https://crm.example.com/index.php?view=Detail&record=12',
  ],
};

describe('adapters reject junk on their own hosts and shapes', () => {
  for (const [id, urls] of Object.entries(BAD)) {
    it.each(urls)(`${id}: %s`, (url) => {
      const adapter = adapterById(id);
      expect(adapter, id).toBeDefined();
      expect(adapter!.parse(new URL(url))).toBeNull();
      expect(detectRecord(url)).toBeNull();
    });
  }
});

describe('no adapter throws or claims a malformed or non-web URL', () => {
  it.each([
    '',
    ' ',
    'http://',
    'https://',
    '//acme.pipedrive.com/person/1',
    'acme.pipedrive.com/person/1',
    'javascript:alert(1)//index.php?module=Contacts&view=Detail&record=12',
    'data:text/html,<h1>#Account/view/64f1c2a9b3e7d5c22',
    'file:///odoo/contacts/9',
    'https://[::1/odoo/contacts/9',
    'https://erp.example.com/odoo/%E0%A4%A/9',
    'https://espo.example.com/#%E0%A4%A/view/64f1c2a9b3e7d5c22',
  ])('%j', (raw) => {
    expect(() => detectRecord(raw)).not.toThrow();
    expect(detectRecord(raw)).toBeNull();
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      return;
    }
    for (const id of Object.keys(BAD)) expect(adapterById(id)!.parse(url), id).toBeNull();
  });
});
