// People's words for record types, for the extension's own pages and frames (the panel, the
// dialog, the popup). Kept apart from the adapters, which the content script carries into every
// CRM page and which need none of this to detect a record.

/** Per CRM id: a record type's label as its CRM shows it. */
const TYPE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Tryton: the `string` of each model, as sao shows it.
  tryton: {
    'party.party': 'Party',
    'party.address': 'Address',
    'party.contact_mechanism': 'Contact Mechanism',
    'sale.opportunity': 'Opportunity',
    'sale.sale': 'Sale',
    'company.company': 'Company',
    'company.employee': 'Employee',
    'product.template': 'Product',
    'product.product': 'Variant',
    'account.invoice': 'Invoice',
  },
};

/** A record type as people call it in its CRM ("Party" for Tryton's `party.party`). */
export function recordTypeLabel(crm: string, entityType: string) {
  const labels = Object.hasOwn(TYPE_LABELS, crm) ? TYPE_LABELS[crm] : undefined;
  return labels && Object.hasOwn(labels, entityType) ? labels[entityType]! : entityType;
}
