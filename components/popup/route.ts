import { signal } from '@preact/signals';

/** The popup's route, from the URL hash (`#/roles`, `#/roles/new`, `#/roles/<id>`); hash routing only. */
export const route = signal(location.hash.replace(/^#/, '') || '/');
addEventListener('hashchange', () => (route.value = location.hash.replace(/^#/, '') || '/'));

/** Goes to a route (and into the browser history, so Back works in a tab). */
export function go(path: string) {
  location.hash = path;
}
