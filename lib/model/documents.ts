import * as v from 'valibot';
import { ROLE_CATEGORIES } from './categories';
import { indexFields, type Connection } from './connection';
import { DateSchema, IdSchema, requiredText, text } from './fields';
import { LIMITS } from './limits';
import { recordKey, type SeenRecord } from './record-ref';
import { RecordInputSchema } from './record-schema';
import { roleNameKey, type ConnectionRole } from './role';
import { foldText } from './text';

/**
 * Schemas of stored documents as they arrive from outside (a backup file; later a sync
 * server): checked field by field before anything touches the store. Derived fields (keys,
 * index fields, folded names) are recomputed here, never trusted.
 */

/**
 * A moment in ISO 8601 with its zone (`Z` or `+hh:mm`), stored as UTC `…Z`. Without a zone a
 * time would be read in each browser's own zone, and the sync conflict rule, which compares
 * these, could pick different winners in different places.
 */
export const TimestampSchema = v.pipe(
  v.string('Timestamp must be text.'),
  v.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
    'Timestamp must be a date and time with its zone, like 2026-11-26T10:00:00.000Z.',
  ),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'Timestamp must be a real date and time.'),
  v.transform((s) => new Date(s).toISOString()),
);
const Timestamp = TimestampSchema;

export const RoleDocSchema = v.pipe(
  v.object({
    id: IdSchema,
    name: requiredText('Name', LIMITS.roleName),
    category: v.picklist(ROLE_CATEGORIES, `Category must be one of: ${ROLE_CATEGORIES.join(', ')}.`),
    description: v.optional(text('Description', LIMITS.roleDescription), ''),
    matchingRoleIds: v.pipe(v.array(IdSchema), v.maxLength(LIMITS.matchingRoles)),
    appliesTo: v.pipe(v.array(requiredText('Record type', 120)), v.maxLength(LIMITS.appliesTo)),
    active: v.boolean('active must be true or false.'),
    builtIn: v.optional(v.boolean(), false),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  v.transform((r): ConnectionRole => ({ ...r, nameKey: roleNameKey(r.name) })),
);

const EndSchema = v.pipe(
  RecordInputSchema,
  v.transform((r) => ({ ...r, key: recordKey(r) })),
);

export const ConnectionDocSchema = v.pipe(
  v.object({
    id: IdSchema,
    from: EndSchema,
    fromRoleId: v.nullable(IdSchema),
    to: EndSchema,
    toRoleId: v.nullable(IdSchema),
    description: v.optional(text('Description', LIMITS.connectionDescription), ''),
    owner: v.optional(text('Owner', LIMITS.owner), ''),
    effectiveStart: v.optional(DateSchema('Starting'), null),
    effectiveEnd: v.optional(DateSchema('Ending'), null),
    status: v.picklist(['active', 'inactive'], 'Status must be "active" or "inactive".'),
    createdAt: Timestamp,
    createdBy: v.optional(text('createdBy', 254), ''),
    updatedAt: Timestamp,
    updatedBy: v.optional(text('updatedBy', 254), ''),
  }),
  v.check((c) => c.from.key !== c.to.key, 'A record cannot be connected to itself.'),
  v.check(
    (c) => !c.effectiveStart || !c.effectiveEnd || c.effectiveStart <= c.effectiveEnd,
    'Ending is before Starting.',
  ),
  v.transform((c): Connection => ({ ...c, ...indexFields(c) })),
);

export const SeenRecordDocSchema = v.pipe(
  v.object({
    ...RecordInputSchema.entries,
    lastSeen: v.pipe(v.number('lastSeen must be a number.'), v.integer(), v.minValue(0)),
  }),
  v.transform((r): SeenRecord => ({ ...r, key: recordKey(r), nameFolded: foldText(r.name) })),
);
