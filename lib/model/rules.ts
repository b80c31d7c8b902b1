import type { ConnectionDraft } from './connection';
import { invalid, notFound } from './errors';
import { appliesToRecord } from './record-ref';
import type { ConnectionRole } from './role';

type Side = 'from' | 'to';
const roleField = (side: Side) => (side === 'from' ? 'fromRoleId' : 'toRoleId');

/**
 * Checks a connection against the data model's rules and throws the first broken rule as an
 * error that names its field. `roles` maps role ids to roles (missing = deleted); `keepInactive`
 * lists role ids the connection already had, which may stay even though they were deactivated.
 * `checkRoles: false` skips the role rules when the roles did not change: an administrator's
 * later change to a role must not lock its existing connections against edits.
 */
export function checkConnectionRules(
  draft: ConnectionDraft,
  roles: ReadonlyMap<string, ConnectionRole>,
  keepInactive: ReadonlySet<string> = new Set(),
  checkRoles = true,
): void {
  if (draft.from.key === draft.to.key) {
    throw invalid('to', 'A record cannot be connected to itself; choose another record.');
  }
  if (draft.effectiveStart && draft.effectiveEnd && draft.effectiveStart > draft.effectiveEnd) {
    throw invalid('effectiveEnd', `Ending (${draft.effectiveEnd}) is before Starting (${draft.effectiveStart}).`);
  }
  if (!checkRoles) return;
  const picked: Partial<Record<Side, ConnectionRole>> = {};
  for (const side of ['to', 'from'] as const) {
    const id = draft[roleField(side)];
    if (id === null) continue;
    const role = roles.get(id);
    if (!role) throw notFound('Role', id, roleField(side));
    if (!role.active && !keepInactive.has(id)) {
      throw invalid(roleField(side), `Role '${role.name}' is inactive; choose an active role.`);
    }
    const end = draft[side];
    if (!appliesToRecord(role.appliesTo, end)) {
      throw invalid(
        roleField(side),
        `Role '${role.name}' does not apply to ${end.entityType} records (it applies to: ${role.appliesTo.join(', ')}).`,
      );
    }
    picked[side] = role;
  }
  const { from, to } = picked;
  if (from && to && !to.matchingRoleIds.includes(from.id)) {
    const names = to.matchingRoleIds.map((id) => roles.get(id)?.name ?? id);
    throw invalid(
      'fromRoleId',
      `'${from.name}' does not match '${to.name}'. ` +
        (names.length
          ? `Matching roles of '${to.name}': ${names.join(', ')}.`
          : `'${to.name}' has no matching roles; leave My role blank.`),
    );
  }
}
