/** The eight role categories of Dynamics 365 connection roles, in display order. */
export const ROLE_CATEGORIES = [
  'Business',
  'Family',
  'Social',
  'Sales',
  'Service',
  'Stakeholder',
  'Sales Team',
  'Other',
] as const;

export type RoleCategory = (typeof ROLE_CATEGORIES)[number];

/** True when `value` is one of the eight categories (exact spelling). */
export function isRoleCategory(value: unknown): value is RoleCategory {
  return typeof value === 'string' && (ROLE_CATEGORIES as readonly string[]).includes(value);
}
