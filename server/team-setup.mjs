// What the server makes sure of at every start, through its own HTTP API as the admin: the team's
// users, the database, and a `_security` object that admits only them. Going through HTTP keeps
// every rule express-pouchdb applies (password hashing in _users, validation) in force.

const USER_PREFIX = 'org.couchdb.user:';

/**
 * @param {string} baseUrl the server, reachable only by us while this runs
 * @param {{ name: string, password: string }} admin
 * @param {string} database
 * @param {{ name: string, password: string }[]} users
 * @returns {Promise<{ users: string[], members: string[], created: string[], updated: string[] }>}
 */
export async function setUpTeam(baseUrl, admin, database, users) {
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

  const created = [];
  const updated = [];
  for (const user of users) {
    const path = `/_users/${encodeURIComponent(USER_PREFIX + user.name)}`;
    const existing = await call('GET', path);
    if (existing.status === 404) {
      expect(await call('PUT', path, { name: user.name, password: user.password, roles: [], type: 'user' }), path);
      created.push(user.name);
      continue;
    }
    expect(existing, path);
    // The password given now is the one that counts: check it, and set it when it differs.
    const login = await call('POST', '/_session', { name: user.name, password: user.password });
    if (login.status === 200) continue;
    expect(await call('PUT', path, { ...existing.body, password: user.password }), path);
    updated.push(user.name);
  }

  const dbPath = `/${encodeURIComponent(database)}`;
  const info = await call('GET', dbPath);
  if (info.status === 404) expect(await call('PUT', dbPath), `create ${database}`);
  else expect(info, database);

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
  const all = expect(await call('GET', `/_users/_all_docs?${range}`), '_users');
  return {
    users: all.rows.map((/** @type {{ id: string }} */ row) => row.id.slice(USER_PREFIX.length)),
    members: names,
    created,
    updated,
  };
}
