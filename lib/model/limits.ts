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
