import { RoleForm } from '../roles/RoleForm';
import { RolesView } from '../roles/RolesView';
import { ThisPage } from './ThisPage';
import { go, route } from './route';

const TABS = [
  { path: '/', label: 'This page' },
  { path: '/roles', label: 'Roles' },
];

/** The toolbar popup: "This page" and role administration, one hash route each. */
export function PopupApp() {
  const path = route.value;
  const roleEdit = /^\/roles\/(.+)$/.exec(path)?.[1];
  const current = path.startsWith('/roles') ? '/roles' : '/';
  return (
    <>
      <nav aria-label="Popup sections" class="tabs">
        {TABS.map((t) => (
          <a
            key={t.path}
            href={`#${t.path}`}
            aria-current={current === t.path ? 'page' : undefined}
            onClick={(e) => (e.preventDefault(), go(t.path))}
          >
            {t.label}
          </a>
        ))}
      </nav>
      <main>
        {current === '/' && <ThisPage />}
        {current === '/roles' && !roleEdit && <RolesView />}
        {roleEdit && <RoleForm key={roleEdit} id={roleEdit === 'new' ? null : decodeURIComponent(roleEdit)} />}
      </main>
    </>
  );
}
