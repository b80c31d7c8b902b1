import * as v from 'valibot';
import { ROLE_CATEGORIES, type RoleCategory } from './categories';
import { IdSchema, requiredText, text } from './fields';
import { LIMITS } from './limits';
import { foldText } from './text';

/** A connection role: what one end of a connection is to the other. */
export interface ConnectionRole {
  id: string;
  name: string;
  /** Folded name: uniqueness ignores case and accents. */
  nameKey: string;
  category: RoleCategory;
  description: string;
  /** Reciprocal roles, kept symmetric; the first is the default. May include the role itself. */
  matchingRoleIds: string[];
  /** Record types the role may be used for: `type` or `crm:type`; empty means every type. */
  appliesTo: string[];
  active: boolean;
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
}

const AppliesToSchema = v.pipe(
  v.array(requiredText('Record type', 120), 'Record types must be a list.'),
  v.maxLength(LIMITS.appliesTo, `A role may list at most ${LIMITS.appliesTo} record types.`),
);

const MatchingSchema = v.pipe(
  v.array(IdSchema, 'Matching roles must be a list of role ids.'),
  v.maxLength(LIMITS.matchingRoles, `A role may have at most ${LIMITS.matchingRoles} matching roles.`),
);

const roleFields = {
  name: requiredText('Name', LIMITS.roleName),
  category: v.picklist(ROLE_CATEGORIES, `Category must be one of: ${ROLE_CATEGORIES.join(', ')}.`),
  description: v.optional(text('Description', LIMITS.roleDescription), ''),
  matchingRoleIds: v.optional(MatchingSchema, []),
  appliesTo: v.optional(AppliesToSchema, []),
};

/**
 * A new role as the popup submits it. A client may choose its id, so its matching list can name
 * the role itself at any position; `matchesItself` appends it instead.
 */
export const RoleInputSchema = v.object({
  ...roleFields,
  id: v.optional(IdSchema),
  matchesItself: v.optional(v.boolean(), false),
});
export type RoleInput = v.InferInput<typeof RoleInputSchema>;

/** Fields of a role that an edit may change; absent fields stay as they are. */
export const RolePatchSchema = v.partial(v.object(roleFields));
export type RolePatch = v.InferInput<typeof RolePatchSchema>;

/** Key used to compare role names: case, accents and spacing do not make a name different. */
export const roleNameKey = (name: string) => foldText(name);

/** Removes duplicates while keeping the first occurrence's position (the default stays first). */
export function uniqueInOrder<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
