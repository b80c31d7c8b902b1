import { textOf, type CrmAdapter } from './types';
import { isWeb } from './url-helpers';

/** Odoo's resIds: `isNumeric` segments; 0 is falsy in urlToState, so it is never a record. */
const RES_ID = /^[1-9]\d{0,18}$/;
const MODEL = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$/;

/**
 * Action paths whose model is known (docs/crm-url-patterns.md §2.12: the contacts action's path is `contacts`;
 * official redirects send crm.lead to /odoo/crm/{id} and project.task to /odoo/all-tasks/{id}).
 */
const ACTION_PATHS: Record<string, string> = {
  contacts: 'res.partner',
  crm: 'crm.lead',
  'all-tasks': 'project.task',
};

/**
 * The model an action segment names. Numeric, xml_id and unmapped path actions give `action-{x}`:
 * the URL cannot tell their model, which only the web client's router state knows (MAIN world).
 */
function modelOf(segment: string): string | null {
  if (segment.startsWith('action-')) return /^action-(?:\d+|[\w.]+)$/.test(segment) ? segment : null;
  if (segment.startsWith('m-')) return /^m-[a-z_][a-z0-9_]*$/.test(segment) ? segment.slice(2) : null;
  if (segment.includes('.')) return MODEL.test(segment) ? segment : null;
  if (!/^[a-z][a-z0-9_-]*$/.test(segment) || segment === 'new') return null;
  return ACTION_PATHS[segment] ?? `action-${segment}`;
}

/** Odoo ≤17.0 `/web#id=..&model=..`: a present `id` is the resId whatever the view_type (router.js urlToState). */
function parseLegacy(hash: string): { model: string; id: string } | null {
  const state = new URLSearchParams(hash.replace(/^#/, ''));
  const id = state.get('id') ?? '';
  // Before 17.2 `action` was an id or xml_id, never a path: its model is not in the URL.
  const action = state.get('action') ?? '';
  const model = state.get('model') || (/^[\w.]+$/.test(action) ? `action-${action}` : '');
  return RES_ID.test(id) && model && (MODEL.test(model) || model.startsWith('action-')) ? { model, id } : null;
}

/** Odoo 17.2+ `/odoo/[active_id/]{action}/{resId}` (stacked), and legacy `/web#id=..&model=..`. */
export const odoo: CrmAdapter = {
  id: 'odoo',
  label: 'Odoo',
  // Self-hosted Odoo is enabled per site; /odoo/… and /web#…model= are Odoo's own shapes on any host.
  matches: ['https://*.odoo.com/*'],
  parse(url) {
    if (!isWeb(url)) return null;
    if (url.pathname === '/web') {
      const legacy = parseLegacy(url.hash);
      return legacy ? { crm: 'odoo', tenant: url.host, entityType: legacy.model, recordId: legacy.id } : null;
    }
    const [prefix, ...path] = url.pathname.split('/').filter(Boolean);
    if (prefix !== 'odoo' && prefix !== 'scoped_app') return null;
    // The record is the LAST segment, and only when the one before it is an action or model:
    // /odoo/crm/5/action-9 is a list of action 9 under record 5 (router.test.js).
    const resId = path.at(-1);
    const action = path.at(-2);
    if (!resId || !action || !RES_ID.test(resId) || /^\d+$/.test(action)) return null;
    const entityType = modelOf(action);
    return entityType ? { crm: 'odoo', tenant: url.host, entityType, recordId: resId } : null;
  },
  readName(doc) {
    // The form's breadcrumb ends with the record's display_name; "Unnamed" is a placeholder
    // (web/static/src/search/breadcrumbs/breadcrumbs.xml). Without a form view it names an action.
    if (!doc.querySelector('.o_form_view')) return null;
    if (doc.querySelector('.o_last_breadcrumb_item em.text-warning')) return null;
    return textOf(doc, '.o_breadcrumb .o_last_breadcrumb_item') ?? textOf(doc, '.breadcrumb-item.active');
  },
};
