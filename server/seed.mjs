// Fills a database with connections in the extension's documented server format (README "Team
// sync"), as another replica would have pushed them: for browser tests and the sync bench.

/** @param {number} i */
const end = (i, type) => ({
  crm: 'dynamics365',
  tenant: 'seed.crm.dynamics.com',
  entityType: type,
  // Dynamics ids are unique across record types: accounts and contacts get distinct ones.
  recordId: `${String(i).padStart(8, '0')}-0000-4000-8000-${type === 'account' ? 'a' : 'c'}00000000000`,
  name: `${type === 'account' ? 'Account' : 'Contact'} ${i}`,
  url: `https://seed.crm.dynamics.com/main.aspx?etn=${type}&id=${i}&pagetype=entityrecord`,
});

/**
 * Connection document `i`: contact i ↔ one of 500 accounts, so many records have many connections.
 * @param {number} i
 * @param {string} prefix
 */
export function seedConnection(i, prefix = 'seed') {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    _id: `connection:${prefix}-${i}`,
    type: 'connection',
    schema: 1,
    from: end(i, 'contact'),
    fromRoleId: 'builtin-employee',
    to: end(i % 500, 'account'),
    toRoleId: 'builtin-employer',
    description: `Seeded connection ${i}`,
    owner: 'Seed',
    effectiveStart: null,
    effectiveEnd: null,
    status: 'active',
    createdAt: at,
    createdBy: 'seed@example.com',
    updatedAt: at,
    updatedBy: 'seed@example.com',
  };
}

/**
 * Writes `count` seeded connections into `database` with `_bulk_docs`, 1,000 at a time.
 * @param {{ url: string, database: string, auth: string, count: number, prefix?: string }} o
 *   `url` ends with '/', `auth` is an Authorization header value.
 */
export async function seedDatabase({ url, database, auth, count, prefix = 'seed' }) {
  for (let start = 0; start < count; start += 1000) {
    const docs = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) docs.push(seedConnection(i, prefix));
    const res = await fetch(`${url}${encodeURIComponent(database)}/_bulk_docs`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ docs }),
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw new Error(`Seeding ${database} failed: ${res.status} ${await res.text()}`);
    // _bulk_docs answers 201 even when the team's rules (validate.mjs) refuse some documents.
    const refused = (await res.json()).filter((/** @type {{ error?: string }} */ r) => r.error);
    if (refused.length)
      throw new Error(`Seeding ${database}: ${refused.length} refused, e.g. ${JSON.stringify(refused[0])}`);
  }
}
