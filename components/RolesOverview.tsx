import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { call, watchChanges } from '../lib/messaging/client';
import type { RoleView } from '../lib/messaging/views';
import { ROLE_CATEGORIES } from '../lib/model/categories';

/** Roles by category with how many connections use each; refreshed from the change feed. */
export function RolesOverview() {
  const roles = useSignal<RoleView[] | null>(null);
  const error = useSignal<string | null>(null);

  useEffect(() => {
    const stop = new AbortController();
    const load = () =>
      call('roles.list', {}).then(
        (list) => ((roles.value = list), (error.value = null)),
        (e: Error) => (error.value = e.message),
      );
    void load();
    watchChanges((change) => (change.roles || change.all ? void load() : undefined), stop.signal);
    return () => stop.abort();
  }, []);

  return (
    <main>
      <h1>Connection roles</h1>
      {error.value && (
        <p class="error" role="alert">
          {error.value}
        </p>
      )}
      {roles.value === null && !error.value && <p>Loading…</p>}
      {roles.value &&
        ROLE_CATEGORIES.map((category) => {
          const inCategory = roles.value!.filter((r) => r.category === category);
          if (!inCategory.length) return null;
          return (
            <section key={category} aria-label={category}>
              <h2>{category}</h2>
              <ul>
                {inCategory.map((r) => (
                  <li key={r.id} data-role-id={r.id}>
                    <span>{r.name}</span>
                    <span class="usage">{r.usage}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </main>
  );
}
