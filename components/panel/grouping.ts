import type { ConnectionView } from '../../lib/messaging/views';
import { ROLE_CATEGORIES } from '../../lib/model/categories';
import { foldText } from '../../lib/model/text';

export type StatusFilter = 'active' | 'inactive' | 'all';

export interface Filters {
  status: StatusFilter;
  roleId: string;
  text: string;
}

export interface Group {
  /** A role category, or "No role" for connections whose other side has none. */
  title: string;
  rows: ConnectionView[];
}

export const NO_ROLE = 'No role';

/** The text a connection is searched by: names, roles, description, owner, CRM and type. */
const haystack = (v: ConnectionView) =>
  foldText(
    [v.other.name, v.otherRole?.name, v.thisRole?.name, v.description, v.owner, v.other.crm, v.other.entityType].join(
      ' ',
    ),
  );

/** Applies the panel's filters. */
export function filterViews(views: readonly ConnectionView[], f: Filters): ConnectionView[] {
  const needle = foldText(f.text);
  return views.filter(
    (v) =>
      (f.status === 'all' || v.status === f.status) &&
      (!f.roleId || v.otherRole?.id === f.roleId || v.thisRole?.id === f.roleId) &&
      (!needle || haystack(v).includes(needle)),
  );
}

/** Groups by the other side's role category, in the categories' order; rows by name. */
export function groupViews(views: readonly ConnectionView[]): Group[] {
  const by = new Map<string, ConnectionView[]>();
  for (const v of views) {
    const title = v.otherRole?.category ?? NO_ROLE;
    const rows = by.get(title);
    if (rows) rows.push(v);
    else by.set(title, [v]);
  }
  return [...ROLE_CATEGORIES, NO_ROLE]
    .filter((t) => by.has(t))
    .map((title) => ({
      title,
      rows: by.get(title)!.sort((a, b) => a.other.name.localeCompare(b.other.name)),
    }));
}
