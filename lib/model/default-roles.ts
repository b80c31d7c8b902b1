import type { RoleCategory } from './categories';
import { roleNameKey, type ConnectionRole } from './role';

/** A default role as shipped: ids are fixed so every replica seeds the same documents. */
export interface DefaultRole {
  id: string;
  name: string;
  category: RoleCategory;
  description: string;
}

const role = (name: string, category: RoleCategory, description: string): DefaultRole => ({
  id: `builtin-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
  name,
  category,
  description,
});

/** The default connection roles of Dynamics 365, by category. */
export const DEFAULT_ROLES: readonly DefaultRole[] = [
  role('Stakeholder', 'Stakeholder', 'Has an interest in the outcome.'),
  role('Champion', 'Stakeholder', 'Advocates for us inside the organisation.'),
  role('Decision Maker', 'Stakeholder', 'Makes the final decision.'),
  role('End User', 'Stakeholder', 'Will use what is sold.'),
  role('Economic Buyer', 'Stakeholder', 'Controls the budget.'),
  role('Influencer', 'Stakeholder', 'Shapes the decision without making it.'),
  role('Technical Buyer', 'Stakeholder', 'Judges technical fit.'),
  role('Account Manager', 'Sales Team', 'Owns the relationship with the account.'),
  role('Delivery Professional', 'Sales Team', 'Delivers what was sold.'),
  role('Territory Manager', 'Sales Team', 'Manages the territory.'),
  role('Service Professional', 'Sales Team', 'Provides service to the customer.'),
  role('Industry Expert', 'Sales Team', 'Knows the customer’s industry.'),
  role('Technical Sales Professional', 'Sales Team', 'Supports the sale technically.'),
  role('Sales Professional', 'Sales Team', 'Sells to the customer.'),
  role('Parent', 'Family', 'Parent of the other person.'),
  role('Child', 'Family', 'Child of the other person.'),
  role('Spouse/Partner', 'Family', 'Spouse or life partner.'),
  role('Friend', 'Social', 'A friend.'),
  role('Colleague', 'Business', 'Works alongside.'),
  role('Employee', 'Business', 'Works for the other party.'),
  role('Employer', 'Business', 'Employs the other party.'),
  role('Former Employee', 'Business', 'Used to work for the other party.'),
  role('Former Employer', 'Business', 'Used to employ the other party.'),
  role('Partner', 'Business', 'A business partner.'),
  role('Referral', 'Sales', 'Was referred to us.'),
  role('Referred by', 'Sales', 'Referred someone to us.'),
  role('Associated Product', 'Other', 'A product associated with the record.'),
];

/** Reciprocal pairs; a pair of one name is a role that matches itself. */
export const DEFAULT_MATCHES: readonly (readonly [string, string])[] = [
  ['Parent', 'Child'],
  ['Employee', 'Employer'],
  ['Former Employee', 'Former Employer'],
  ['Referral', 'Referred by'],
  ['Colleague', 'Colleague'],
  ['Friend', 'Friend'],
  ['Spouse/Partner', 'Spouse/Partner'],
  ['Partner', 'Partner'],
];

/** The default roles as documents, matching lists filled symmetrically, stamped `now`. */
export function defaultRoleDocuments(now: string): ConnectionRole[] {
  const byName = new Map(DEFAULT_ROLES.map((r) => [r.name, r.id]));
  const matches = new Map<string, string[]>(DEFAULT_ROLES.map((r) => [r.id, []]));
  for (const [a, b] of DEFAULT_MATCHES) {
    const ia = byName.get(a)!;
    const ib = byName.get(b)!;
    matches.get(ia)!.push(ib);
    if (ia !== ib) matches.get(ib)!.push(ia);
  }
  return DEFAULT_ROLES.map((r) => ({
    ...r,
    nameKey: roleNameKey(r.name),
    matchingRoleIds: matches.get(r.id)!,
    appliesTo: [],
    active: true,
    builtIn: true,
    createdAt: now,
    updatedAt: now,
  }));
}
