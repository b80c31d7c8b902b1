/** A record in some CRM, as the extension knows it. */
export interface RecordRef {
  /** Adapter id, e.g. `dynamics`, `salesforce`, `hubspot`. */
  crm: string;
  /** Host, org or portal that scopes the record id. */
  tenant: string;
  /** The CRM's own name for the record type, normalised by the adapter. */
  entityType: string;
  /** The CRM's id, normalised by the adapter (GUIDs lower-case, Salesforce 18 characters, …). */
  recordId: string;
  /** Display name as last seen. */
  name: string;
  /** A URL that opens the record. */
  url: string;
}

/** A record page the user has visited, remembered so the target picker can find it by name. */
export interface SeenRecord extends RecordRef {
  key: RecordKey;
  /** Folded name for case- and accent-insensitive search (added in schema v2). */
  nameFolded: string;
  /** Milliseconds since the epoch. */
  lastSeen: number;
}

/** Canonical identity of a record: see {@link recordKey}. */
export type RecordKey = string;

export type RecordIdentity = Pick<RecordRef, 'crm' | 'tenant' | 'entityType' | 'recordId'>;

/**
 * CRMs whose record ids are unique across every type in a tenant. Their keys leave the type
 * out, because the URL does not always carry it (Salesforce Classic `/{id}`, Dynamics legacy
 * `etc` codes of custom entities) and the content script refines it later from the page: the
 * same record must keep the same key when that happens.
 */
const TENANT_WIDE_IDS: ReadonlySet<string> = new Set(['dynamics365', 'salesforce']);

// Schemas refuse lone surrogates; made well-formed here too, so that a key is never an error.
const enc = (part: string) => encodeURIComponent(part.toWellFormed());

/**
 * Canonical key of a record: `crm:tenant:type:id` (type left out where ids are tenant-wide),
 * each part URI-encoded so separators in ids cannot collide. Case is folded only where the
 * CRM treats it as insignificant (tenant hosts, type names); ids keep theirs, since Salesforce
 * 15-character ids are case-sensitive.
 */
export function recordKey(ref: RecordIdentity): RecordKey {
  const crm = ref.crm.trim().toLowerCase();
  const tenant = ref.tenant.trim().toLowerCase();
  const id = ref.recordId.trim();
  if (TENANT_WIDE_IDS.has(crm)) return `${enc(crm)}:${enc(tenant)}:*:${enc(id)}`;
  return `${enc(crm)}:${enc(tenant)}:${enc(ref.entityType.trim().toLowerCase())}:${enc(id)}`;
}

/** True when a role's `appliesTo` list allows a record of this CRM and type. */
export function appliesToRecord(appliesTo: readonly string[], record: Pick<RecordRef, 'crm' | 'entityType'>): boolean {
  if (appliesTo.length === 0) return true;
  const type = record.entityType.toLowerCase();
  const qualified = `${record.crm.toLowerCase()}:${type}`;
  // An entry is either a bare type ("account": that type in any CRM) or "crm:type".
  return appliesTo.some((entry) => {
    const e = entry.toLowerCase();
    return e === type || e === qualified;
  });
}
