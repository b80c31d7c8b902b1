import * as v from 'valibot';
import { requiredText, text, UrlSchema } from './fields';
import { LIMITS } from './limits';

/** A record as a UI context describes it (the key is computed in the background, not trusted). */
export const RecordInputSchema = v.object({
  crm: v.pipe(requiredText('CRM', 40), v.regex(/^[a-z0-9-]+$/, 'CRM must be an adapter id (a-z, 0-9, "-").')),
  tenant: requiredText('Tenant', LIMITS.recordPart),
  entityType: requiredText('Record type', LIMITS.recordPart),
  recordId: requiredText('Record id', LIMITS.recordPart),
  name: text('Record name', LIMITS.recordName),
  url: UrlSchema,
});

export type RecordInput = v.InferInput<typeof RecordInputSchema>;
/** A record after validation: trimmed, every field present. */
export type RecordFields = v.InferOutput<typeof RecordInputSchema>;
