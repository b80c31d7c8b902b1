/** Length limits of the data model; the UI shows the same numbers as counters. */
export const LIMITS = {
  roleName: 100,
  roleDescription: 1_000,
  connectionDescription: 2_000,
  recordName: 1_000,
  owner: 200,
  url: 4_096,
  recordPart: 512,
  appliesTo: 100,
  matchingRoles: 50,
  searchQuery: 200,
} as const;

/**
 * `s` cut to at most `max` UTF-16 units without splitting a character in two, and with any
 * broken character it held (half of a surrogate pair) shown as U+FFFD: what a page shows is kept
 * as text the model takes.
 */
export function clipText(s: string, max: number): string {
  const cut = s.toWellFormed().slice(0, max);
  return cut.isWellFormed() ? cut : cut.slice(0, -1);
}
