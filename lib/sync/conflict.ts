import type { RemoteBody } from './remote-doc';

/**
 * The one conflict rule (README "Team sync"). When this replica holds a change the
 * server has not seen and the server holds a different version of the same document, the
 * version with the later `updatedAt` wins, a deletion counting as an edit made at its own time.
 * Equal times are broken by comparing the two bodies as canonical JSON, the greater wins. Every
 * replica compares the same two bodies, so every replica picks the same one, and the server ends
 * up holding the winner.
 *
 * A document deleted with CouchDB's own delete by another client (`body === null`) carries no
 * time: it wins, so such a deletion is never undone by a replica that had not yet synced.
 */
export function remoteWins(remote: RemoteBody | null, local: RemoteBody): boolean {
  if (remote === null) return true;
  const rt = Date.parse(remote.updatedAt);
  const lt = Date.parse(local.updatedAt);
  if (rt !== lt) return rt > lt;
  return canonicalJson(remote) > canonicalJson(local);
}

/** JSON with object keys sorted at every level: the same document always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
