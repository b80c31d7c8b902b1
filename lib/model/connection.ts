import * as v from 'valibot';
import { DateSchema, IdSchema, text } from './fields';
import { LIMITS } from './limits';
import { RecordInputSchema } from './record-schema';
import type { RecordKey, RecordRef } from './record-ref';

/** One end of a connection: the record as it was when connected, plus its key. */
export interface ConnectionEnd extends RecordRef {
  key: RecordKey;
}

export type ConnectionStatus = 'active' | 'inactive';

/**
 * One connection, both ends in one document. It is *viewed* from either side;
 * there is no reciprocal copy to drift out of step.
 */
export interface Connection {
  id: string;
  from: ConnectionEnd;
  /** The source record's role ("My role" on the source's page). */
  fromRoleId: string | null;
  to: ConnectionEnd;
  /** The target record's role ("As this role"). */
  toRoleId: string | null;
  description: string;
  owner: string;
  effectiveStart: string | null;
  effectiveEnd: string | null;
  status: ConnectionStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /** Index fields: both endpoint keys, the roles in use, the relationship (schema v3); emptied on a tombstone. */
  endpoints: RecordKey[];
  roleIds: string[];
  relKey?: string;
  /** Deletion tombstone kept for sync; tombstones are in no index and never listed. */
  deleted?: boolean;
}

const editable = {
  fromRoleId: v.optional(v.nullable(IdSchema), null),
  toRoleId: v.optional(v.nullable(IdSchema), null),
  description: v.optional(text('Description', LIMITS.connectionDescription), ''),
  owner: v.optional(text('Owner', LIMITS.owner)),
  effectiveStart: v.optional(DateSchema('Starting'), null),
  effectiveEnd: v.optional(DateSchema('Ending'), null),
};

/** A new connection as a UI submits it. A client-made `id` makes a retried create harmless. */
export const ConnectionInputSchema = v.object({
  id: v.optional(IdSchema),
  from: RecordInputSchema,
  to: RecordInputSchema,
  ...editable,
});
export type ConnectionInput = v.InferInput<typeof ConnectionInputSchema>;

/** Fields an edit may change; absent fields stay as they are. */
export const ConnectionPatchSchema = v.partial(v.object(editable));
export type ConnectionPatch = v.InferInput<typeof ConnectionPatchSchema>;

/** The fields the validation rules look at. */
export type ConnectionDraft = Pick<
  Connection,
  'from' | 'to' | 'fromRoleId' | 'toRoleId' | 'effectiveStart' | 'effectiveEnd'
>;

/** The index fields derived from a connection's ends and roles. */
export function indexFields(c: Pick<Connection, 'from' | 'to' | 'fromRoleId' | 'toRoleId'>) {
  return {
    endpoints: [...new Set([c.from.key, c.to.key])],
    roleIds: [...new Set([c.fromRoleId, c.toRoleId].filter((r): r is string => r !== null))],
    relKey: relationshipKey(c),
  };
}

/** A tombstone's index fields: in no index, so it is never listed, counted or matched. */
export const TOMBSTONE_INDEX = { endpoints: [] as RecordKey[], roleIds: [] as string[], relKey: undefined };

/**
 * Identity of "the same relationship" for the duplicate rule: the two (record, role) ends as
 * an unordered pair, so A-as-Employee→B-as-Employer duplicates B-as-Employer→A-as-Employee.
 */
export function relationshipKey(c: Pick<Connection, 'from' | 'to' | 'fromRoleId' | 'toRoleId'>): string {
  const a = `${c.from.key}|${c.fromRoleId ?? ''}`;
  const b = `${c.to.key}|${c.toRoleId ?? ''}`;
  return a < b ? `${a}||${b}` : `${b}||${a}`;
}
