import { computed, signal } from '@preact/signals';
import { call } from '../../lib/messaging/client';
import type { RoleView } from '../../lib/messaging/views';
import { AppError } from '../../lib/model/errors';
import { foldText } from '../../lib/model/text';

/** What the roles list shows for a role being deleted: asking, or refused because it is in use. */
export type DeleteState = { id: string; step: 'confirm' } | { id: string; step: 'in-use'; count: number };

/** State and actions of the popup's Roles view. */
export function createRolesModel() {
  const roles = signal<RoleView[] | null>(null);
  const query = signal('');
  const message = signal<string | null>(null);
  const error = signal<string | null>(null);
  const deleting = signal<DeleteState | null>(null);

  const filtered = computed(() => {
    const q = foldText(query.value);
    return (roles.value ?? []).filter((r) => !q || foldText(`${r.name} ${r.description} ${r.category}`).includes(q));
  });

  /** Runs an action that resolves with the message to show, then reloads the list. */
  const run = async (work: () => Promise<string>) => {
    error.value = null;
    try {
      message.value = await work();
      await load();
    } catch (e) {
      error.value = (e as Error).message;
    }
  };

  async function load() {
    try {
      roles.value = await call('roles.list', {});
    } catch (e) {
      error.value = (e as Error).message;
    }
  }

  return {
    roles,
    query,
    message,
    error,
    deleting,
    filtered,
    load,
    setActive: (r: RoleView, active: boolean) =>
      run(async () => {
        await call('roles.setActive', { id: r.id, active });
        return `${r.name} ${active ? 'activated' : 'deactivated'}.`;
      }),
    restoreDefaults: () =>
      run(async () => {
        const { added } = await call('roles.restoreDefaults', {});
        return added ? `Restored ${added} default role${added === 1 ? '' : 's'}.` : 'Every default role is there.';
      }),
    /** Deletes; a role in use is refused with the count, and can then be cleared from them. */
    async remove(r: RoleView, clearFromConnections = false) {
      error.value = null;
      try {
        const { cleared } = await call('roles.delete', { id: r.id, clearFromConnections });
        deleting.value = null;
        message.value = cleared
          ? `${r.name} deleted and cleared from ${cleared} connection${cleared === 1 ? '' : 's'}.`
          : `${r.name} deleted.`;
        await load();
      } catch (e) {
        if (e instanceof AppError && e.code === 'in-use') {
          deleting.value = { id: r.id, step: 'in-use', count: Number(e.details?.count ?? 0) };
        } else error.value = (e as Error).message;
      }
    },
  };
}

export type RolesModel = ReturnType<typeof createRolesModel>;
