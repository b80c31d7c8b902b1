// Documents in the extension's server format (README "Team sync"), as the server tests write them:
// valid under the team's rules (validate.mjs) unless a test changes them.

/** A fixed time in the past: the rules refuse times more than a day ahead. */
export const AT = '2026-01-02T03:04:05.678Z';

const end = (entityType: string, recordId: string) => ({
  crm: 'hubspot',
  tenant: '123456',
  entityType,
  recordId,
  name: `${entityType} ${recordId}`,
  url: `https://app.hubspot.com/contacts/123456/record/${entityType}/${encodeURIComponent(recordId)}`,
});

/** Connection `connection:<key>` between contact `key` and company `key`, made and last changed by `by`. */
export function connectionDoc(key: string, by: string, fields: Record<string, unknown> = {}) {
  return {
    _id: `connection:${key}`,
    type: 'connection',
    schema: 1,
    from: end('contact', key),
    fromRoleId: 'builtin-employee',
    to: end('company', key),
    toRoleId: 'builtin-employer',
    description: '',
    owner: '',
    effectiveStart: null,
    effectiveEnd: null,
    status: 'active',
    createdAt: AT,
    createdBy: by,
    updatedAt: AT,
    updatedBy: by,
    ...fields,
  };
}

/** Role `role:<key>`. */
export function roleDoc(key: string, fields: Record<string, unknown> = {}) {
  return {
    _id: `role:${key}`,
    type: 'role',
    schema: 1,
    name: `Role ${key}`,
    category: 'Business',
    description: '',
    matchingRoleIds: [],
    appliesTo: [],
    active: true,
    builtIn: false,
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  };
}

/** The deletion of `connection:<key>` or `role:<key>`, as the extension writes it. */
export function tombstoneDoc(type: 'connection' | 'role', key: string, by?: string) {
  return {
    _id: `${type}:${key}`,
    type,
    schema: 1,
    deleted: true,
    updatedAt: AT,
    ...(by === undefined ? {} : { updatedBy: by }),
  };
}
