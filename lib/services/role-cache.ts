import type { ConnectionRole } from '../model';
import type { Store } from '../store';

/**
 * Roles by id, read once and kept until a role changes: listing a record's connections needs
 * every role's name, and reading the roles store on each lookup cost as much as the lookup.
 * Not state that matters: a restarted worker reads it again.
 */
export function createRoleCache(db: Promise<Store>) {
  let roles: Promise<Map<string, ConnectionRole>> | null = null;
  return {
    get(): Promise<Map<string, ConnectionRole>> {
      roles ??= db
        .then((d) => d.getAll('roles'))
        .then((list) => new Map(list.map((r) => [r.id, r])))
        .catch((e) => {
          roles = null;
          throw e;
        });
      return roles;
    },
    invalidate() {
      roles = null;
    },
  };
}

export type RoleCache = ReturnType<typeof createRoleCache>;
