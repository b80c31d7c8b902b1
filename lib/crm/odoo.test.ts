// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { odoo } from './odoo';
import { fixturePage, itReadsNames } from './test-page';

const record = odoo.parse(new URL('http://localhost:8069/odoo/contacts/9'))!;

describe('odoo.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(odoo, 'odoo.html', record);
  it('returns null without a form view: the breadcrumb then names an action', () => {
    const doc = fixturePage('odoo.html', 'Acme');
    doc.querySelector('.o_form_view')!.classList.remove('o_form_view');
    expect(odoo.readName(doc, record)).toBeNull();
  });
  it('returns null for the "Unnamed" placeholder', () => {
    const doc = fixturePage('odoo.html', '<em class="text-warning">Unnamed</em>');
    expect(odoo.readName(doc, record)).toBeNull();
  });
  it('has no readType: numeric actions need the router state (MAIN world)', () => {
    expect(odoo.readType).toBeUndefined();
  });
});
