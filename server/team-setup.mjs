// What the server makes sure of at every start, through its own HTTP API as the admin: the team's
// users and their connections-admin role, the database, its validation rules, and a `_security`
// object that admits only them. Going through HTTP keeps every rule express-pouchdb applies
// (password hashing in _users, validation) in force.
import { DESIGN_DOC_ID, ROLE_ADMIN, teamRulesDesignDoc } from './validate.mjs';

const USER_PREFIX = 'org.couchdb.user:';

/**
 * @param {string} baseUrl the server, reachable only by us while this runs
 * @param {{ name: string, password: string }} admin
 * @param {string} database
 * @param {{ name: string, password: string }[]} users
 * @param {{ roleAdmins?: string[] }} [options] users who get the connections-admin role: a listed
 *   user has it exactly when named here; a user not listed keeps their roles, and gets the role
 *   when named here (they must exist already)
 * @returns {Promise<{ users: string[], members: string[], created: string[], updated: string[],
 *   roleAdmins: string[], rules: 'installed' | 'updated' | 'unchanged' }>}
 */
export async function setUpTeam(baseUrl, admin, database, users, options = {}) {
  const authorization = 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64');
  const call = async (/** @type {string} */ method, /** @type {string} */ path, /** @type {unknown} */ body) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: { Authorization: authorization, Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: res.status, body: await res.json() };
  };
  const expect = (/** @type {{ status: number, body: any }} */ reply, /** @type {string} */ what) => {
    if (reply.status >= 400) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  const userPath = (/** @type {string} */ name) => `/_users/${encodeURIComponent(USER_PREFIX + name)}`;
  /** The user's roles with connections-admin added or taken away, in their order otherwise. */
  const inStep = (/** @type {unknown} */ roles, /** @type {boolean} */ wanted) => {
    const others = (Array.isArray(roles) ? roles : []).filter((role) => role !== ROLE_ADMIN);
    return wanted ? [...others, ROLE_ADMIN] : others;
  };
  const same = (/** @type {unknown[]} */ a, /** @type {unknown} */ b) =>
    Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);

  // Role admins not listed as users must exist already: checked before anything is changed.
  const roleAdmins = new Set(options.roleAdmins ?? []);
  const listed = new Set(users.map((user) => user.name));
  /** @type {Map<string, any>} */
  const unlisted = new Map();
  for (const name of roleAdmins) {
    if (listed.has(name)) continue;
    const existing = await call('GET', userPath(name));
    if (existing.status === 404) {
      throw new Error(`No user "${name}" to give the ${ROLE_ADMIN} role: add it as a user (--user ${name}:PASSWORD).`);
    }
    unlisted.set(name, expect(existing, userPath(name)));
  }

  const created = [];
  const updated = [];
  for (const user of users) {
    const path = userPath(user.name);
    const wanted = roleAdmins.has(user.name);
    const existing = await call('GET', path);
    if (existing.status === 404) {
      const roles = wanted ? [ROLE_ADMIN] : [];
      expect(await call('PUT', path, { name: user.name, password: user.password, roles, type: 'user' }), path);
      created.push(user.name);
      continue;
    }
    expect(existing, path);
    // The password given now is the one that counts: check it, and set it when it differs.
    const login = await call('POST', '/_session', { name: user.name, password: user.password });
    const roles = inStep(existing.body.roles, wanted);
    if (login.status === 200 && same(roles, existing.body.roles)) continue;
    const doc = { ...existing.body, roles, ...(login.status === 200 ? {} : { password: user.password }) };
    expect(await call('PUT', path, doc), path);
    if (login.status !== 200) updated.push(user.name);
  }
  for (const [name, doc] of unlisted) {
    const roles = inStep(doc.roles, true);
    if (!same(roles, doc.roles)) expect(await call('PUT', userPath(name), { ...doc, roles }), userPath(name));
  }

  const dbPath = `/${encodeURIComponent(database)}`;
  const info = await call('GET', dbPath);
  if (info.status === 404) expect(await call('PUT', dbPath), `create ${database}`);
  else expect(info, database);

  // The team's rules (validate.mjs), installed, or brought up to date when they differ.
  const rulesPath = `${dbPath}/${DESIGN_DOC_ID}`;
  const rulesDoc = teamRulesDesignDoc();
  const current = await call('GET', rulesPath);
  /** @type {'installed' | 'updated' | 'unchanged'} */
  let rules = 'unchanged';
  if (current.status === 404) {
    expect(await call('PUT', rulesPath, rulesDoc), rulesPath);
    rules = 'installed';
  } else if (
    expect(current, rulesPath).validate_doc_update !== rulesDoc.validate_doc_update ||
    current.body.language !== rulesDoc.language
  ) {
    expect(await call('PUT', rulesPath, { ...current.body, ...rulesDoc }), rulesPath);
    rules = 'updated';
  }

  // Members: the listed users plus any added earlier (a restart with fewer --user flags revokes
  // no one), and the _admin role, which keeps the list non-empty: an empty members list would
  // open the database to everyone, anonymous requests included (CouchDB 3's default is the same).
  const security = expect(await call('GET', `${dbPath}/_security`), `${database}/_security`);
  const members = security.members ?? {};
  const names = [...new Set([...(members.names ?? []), ...users.map((u) => u.name)])];
  const roles = [...new Set([...(members.roles ?? []), '_admin'])];
  const admins = security.admins ?? { names: [], roles: ['_admin'] };
  expect(
    await call('PUT', `${dbPath}/_security`, { ...security, admins, members: { ...members, names, roles } }),
    `${database}/_security`,
  );

  const range = `startkey=${encodeURIComponent(JSON.stringify(USER_PREFIX))}&endkey=${encodeURIComponent(JSON.stringify(USER_PREFIX + '\ufff0'))}`;
  const all = expect(await call('GET', `/_users/_all_docs?include_docs=true&${range}`), '_users');
  /** @type {{ id: string, doc: { roles?: unknown } }[]} */
  const rows = all.rows;
  return {
    users: rows.map((row) => row.id.slice(USER_PREFIX.length)),
    members: names,
    created,
    updated,
    roleAdmins: rows
      .filter((row) => Array.isArray(row.doc.roles) && row.doc.roles.includes(ROLE_ADMIN))
      .map((row) => row.id.slice(USER_PREFIX.length)),
    rules,
  };
}
