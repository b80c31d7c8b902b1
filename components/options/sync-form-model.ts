import { batch, signal } from '@preact/signals';
import type { call as Call } from '../../lib/messaging/client';
import type { RequestOf } from '../../lib/messaging/protocol';
import {
  AppError,
  isLoopbackHost,
  serverPermissionPattern,
  type CheckResult,
  type SyncSettingsView,
} from '../../lib/model';

export type SyncField = 'url' | 'database' | 'username' | 'password' | 'auth';
const FIELDS: readonly string[] = ['url', 'database', 'username', 'password', 'auth'] satisfies SyncField[];

export interface SyncFormDeps {
  call: typeof Call;
  /** `browser.permissions.request`: asks the user only while a click is being handled. */
  requestAccess(origins: string[]): Promise<boolean>;
  focus(field: SyncField): void;
}

/**
 * The host permission to ask for, when the typed URL can be a server at all; otherwise no
 * prompt, and the background's validation says what is wrong.
 */
export function accessFor(url: string): { pattern: string; origin: string } | null {
  try {
    const u = new URL(url.trim());
    const allowed = u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname));
    if (!allowed) return null;
    return { pattern: serverPermissionPattern(u.href), origin: u.origin };
  } catch {
    return null;
  }
}

/** Why sync cannot run after the user said no to the browser's prompt. */
export const refusedText = (origin: string, button: 'Save' | 'Test connection') =>
  button === 'Save'
    ? `Access to ${origin} was not granted: sync cannot reach the server. Press Save again and choose Allow.`
    : `Access to ${origin} was not granted: the test cannot reach the server. Press Test connection again and choose Allow.`;

/**
 * The options page's "Team sync" form. Save and Test connection ask for the server's host
 * permission inside the click itself: Firefox shows the prompt only during a user gesture, and
 * an `await` before the request would end it.
 */
export function createSyncFormModel(deps: SyncFormDeps) {
  const url = signal('');
  const database = signal('connections');
  const username = signal('');
  const password = signal('');
  const auth = signal<'basic' | 'cookie'>('basic');
  const enabled = signal(true);
  const hasPassword = signal(false);
  const errors = signal<Partial<Record<SyncField, string>>>({});
  const message = signal<{ kind: 'done' | 'error'; text: string } | null>(null);
  const check = signal<CheckResult | null>(null);
  const busy = signal<'save' | 'test' | 'now' | null>(null);

  const input = (): RequestOf<'sync.configure'> => ({
    enabled: enabled.value,
    url: url.value,
    database: database.value,
    username: username.value,
    password: password.value,
    auth: auth.value,
  });

  const fill = (view: SyncSettingsView | null) =>
    batch(() => {
      if (!view) return;
      url.value = view.url;
      database.value = view.database;
      username.value = view.username;
      auth.value = view.auth;
      enabled.value = view.enabled;
      hasPassword.value = view.hasPassword;
      password.value = '';
    });

  const start = (what: 'save' | 'test' | 'now') =>
    batch(() => {
      busy.value = what;
      errors.value = {};
      message.value = null;
      check.value = null;
    });

  /** An error that names a field goes next to it; anything else under the buttons. */
  function showError(e: unknown) {
    const field = e instanceof AppError && e.field && FIELDS.includes(e.field) ? (e.field as SyncField) : null;
    if (field) {
      errors.value = { [field]: (e as Error).message };
      deps.focus(field);
    } else {
      message.value = { kind: 'error', text: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * Asks for the server's access; the background hears first (not awaited: the request must stay
   * in the click) that this grant is the sync server's, not a CRM site to switch on.
   */
  const ask = (access: { pattern: string; origin: string }) => {
    void deps.call('sites.expectServer', { origin: access.origin }).catch(() => {});
    return deps.requestAccess([access.pattern]).catch(() => false);
  };

  return {
    url,
    database,
    username,
    password,
    auth,
    enabled,
    hasPassword,
    errors,
    message,
    check,
    busy,

    async load() {
      fill(await deps.call('sync.settings', {}));
    },

    /** Saves and asks for access in the same click; a refused prompt leaves the settings saved. */
    save(): Promise<void> {
      const payload = input();
      // Switching sync off needs no access to the server.
      const access = payload.enabled ? accessFor(payload.url) : null;
      const saved = deps.call('sync.configure', payload);
      const granted = access ? ask(access) : Promise.resolve(true);
      start('save');
      // Each outcome shows as soon as it is known: an invalid setting need not wait for the
      // user to answer the prompt, and a refusal shows even while the save is still running.
      let invalid = false;
      const stored = saved.then(
        () => true,
        (e: unknown) => {
          invalid = true;
          message.value = null;
          showError(e);
          return false;
        },
      );
      const allowed = granted.then((ok) => {
        if (!ok && access && !invalid) message.value = { kind: 'error', text: refusedText(access.origin, 'Save') };
        return ok;
      });
      return Promise.all([stored, allowed])
        .then(async ([isSaved, isAllowed]) => {
          if (!isSaved) return;
          if (isAllowed)
            message.value = { kind: 'done', text: payload.enabled ? 'Saved.' : 'Saved. Team sync is off.' };
          fill(await deps.call('sync.settings', {}));
        })
        .catch(showError)
        .finally(() => (busy.value = null));
    },

    /** Checks the typed settings (unsaved) step by step, after asking for access in the click. */
    test(): Promise<void> {
      const payload = input();
      const access = accessFor(payload.url);
      const granted = access ? ask(access) : Promise.resolve(true);
      start('test');
      return granted
        .then(async (ok) => {
          if (!ok && access) {
            message.value = { kind: 'error', text: refusedText(access.origin, 'Test connection') };
            return;
          }
          const result = await deps.call('sync.test', payload);
          check.value = result;
          if (!result.ok && result.field) {
            const failed = result.steps.find((st) => !st.ok);
            errors.value = { [result.field]: failed?.detail ?? 'This setting does not work with the server.' };
            deps.focus(result.field);
          }
        })
        .catch(showError)
        .finally(() => (busy.value = null));
    },

    async syncNow() {
      start('now');
      try {
        await deps.call('sync.now', {});
      } catch (e) {
        showError(e);
      } finally {
        busy.value = null;
      }
    },
  };
}

export type SyncFormModel = ReturnType<typeof createSyncFormModel>;
