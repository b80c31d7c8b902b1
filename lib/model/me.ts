import type { RecordFields } from './record-schema';
import type { Identity } from './settings';

/** CRM id of the person using the extension: "To Me" connections point at this record. */
export const ME_CRM = 'me';

/** The record that stands for the person using the extension, built from their identity. */
export function meRecord(identity: Identity): RecordFields {
  return {
    crm: ME_CRM,
    tenant: 'people',
    entityType: 'user',
    recordId: identity.email.toLowerCase(),
    name: identity.name,
    url: `mailto:${identity.email}`,
  };
}
