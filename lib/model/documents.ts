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

const Timestamp = v.pipe(
  v.string('Timestamp must be text.'),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'Timestamp must be a date and time.'),
);

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
