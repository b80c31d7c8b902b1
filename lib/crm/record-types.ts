/**
 * Record types of the supported CRMs in each CRM's own vocabulary (the values detection gives),
 * offered when an administrator limits a role to some types. Types seen on pages are added.
 */
export const KNOWN_RECORD_TYPES: Readonly<Record<string, readonly string[]>> = {
  dynamics365: [
    'account',
    'contact',
    'lead',
    'opportunity',
    'incident',
    'quote',
    'salesorder',
    'invoice',
    'systemuser',
  ],
  salesforce: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'Campaign', 'Contract', 'Order', 'Quote', 'User'],
  hubspot: ['contact', 'company', 'deal', 'ticket', 'lead', 'product', 'quote'],
  pipedrive: ['person', 'organization', 'deal', 'lead', 'product'],
  zoho: ['Contacts', 'Accounts', 'Leads', 'Deals', 'Cases', 'Vendors', 'Products'],
  odoo: ['res.partner', 'crm.lead', 'sale.order', 'project.project', 'helpdesk.ticket'],
  tryton: ['party.party', 'sale.opportunity', 'company.company', 'company.employee', 'sale.sale'],
  me: ['user'],
};

/** Every known type, unqualified and `crm:type`, for pickers. */
export function recordTypeChoices(seen: readonly { crm: string; entityType: string }[] = []): string[] {
  const pairs = [
    ...Object.entries(KNOWN_RECORD_TYPES).flatMap(([crm, types]) => types.map((t) => ({ crm, entityType: t }))),
    ...seen,
  ];
  const out = new Set<string>();
  for (const p of pairs) out.add(p.entityType);
  for (const p of pairs) out.add(`${p.crm}:${p.entityType}`);
  return [...out];
}
