import { batch, computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { adapterById, detectRecord } from '../../lib/crm';
import { call } from '../../lib/messaging/client';
import type { ConnectionView, RoleView } from '../../lib/messaging/views';
import { AppError } from '../../lib/model/errors';
import { ME_CRM, meRecord } from '../../lib/model/me';
import { appliesToRecord, recordKey, type SeenRecord } from '../../lib/model/record-ref';
import type { RecordFields } from '../../lib/model/record-schema';
import type { Identity } from '../../lib/model/settings';
import type { PanelRecord } from '../panel/panel-model';

/** The record chosen in "Name". */
export type Target = RecordFields & { key: string };

export interface Form {
  target: Target | null;
  toRoleId: string;
  fromRoleId: string;
  description: string;
  owner: string;
  effectiveStart: string;
  effectiveEnd: string;
}

/** A suggestion in the Name picker, with where it came from. */
export interface Suggestion {
  target: Target;
  source: 'url' | 'open' | 'seen';
}

export type FieldName = keyof Omit<Form, 'target'> | 'target' | 'identityName' | 'identityEmail' | 'general';

const EMPTY: Form = {
  target: null,
  toRoleId: '',
  fromRoleId: '',
  description: '',
  owner: '',
  effectiveStart: '',
  effectiveEnd: '',
};

/** Maps the field an error from the background names to the field of the form. */
function fieldOf(field: string | undefined): FieldName {
  if (!field) return 'general';
  const head = field.split('.')[0]!;
  const map: Record<string, FieldName> = {
    to: 'target',
    from: 'general',
    toRoleId: 'toRoleId',
    fromRoleId: 'fromRoleId',
    description: 'description',
    owner: 'owner',
    effectiveStart: 'effectiveStart',
    effectiveEnd: 'effectiveEnd',
    name: 'identityName',
    email: 'identityEmail',
  };
  return map[head] ?? 'general';
}

const toTarget = (r: RecordFields): Target => ({
  crm: r.crm,
  tenant: r.tenant,
  entityType: r.entityType,
  recordId: r.recordId,
  name: r.name,
  url: r.url,
  key: recordKey(r),
});

/** Human label for a CRM id. */
export const crmLabel = (crm: string) => (crm === 'me' ? 'You' : (adapterById(crm)?.label ?? crm));

interface Deps {
  record: ReadonlySignal<PanelRecord | null>;
  roles: ReadonlySignal<RoleView[]>;
  identity: Signal<Identity | null>;
  onSaved(message: string): void;
  onIdentity(identity: Identity): void;
  /** Resolves once roles and identity are loaded: only the dialog needs them. */
  ready(): Promise<void>;
}

/**
 * The New / Edit Connection dialog: its form, the role pickers' choices, the Name search and
 * saving. Nothing here depends on the service worker staying alive: what the user typed lives
 * in this page, and a create carries its own id, so a retried save cannot make two.
 */
export function createDialogModel(deps: Deps) {
  const open = signal(false);
  const editingId = signal<string | null>(null);
  const form = signal<Form>(EMPTY);
  const initial = signal<Form>(EMPTY);
  const errors = signal<Partial<Record<FieldName, string>>>({});
  const saving = signal(false);
  const confirmingDiscard = signal(false);
  const askIdentity = signal(false);
  const identityForm = signal({ name: '', email: '' });
  const query = signal('');
  const suggestions = signal<Suggestion[]>([]);
  const status = signal('');
  let clientId = crypto.randomUUID();
  let searchSeq = 0;

  const dirty = computed(() => JSON.stringify(form.value) !== JSON.stringify(initial.value));
  const byId = computed(() => new Map(deps.roles.value.map((r) => [r.id, r])));
  /** Roles the user may pick: active ones, plus the one already set when editing. */
  const pickable = (r: RoleView, current: string) => r.active || r.id === current;

  /** "As this role": roles that apply to the target's record type. */
  const targetRoles = computed(() => {
    // "To Me" before the identity is known: the target will be the user record.
    const t = form.value.target ?? (askIdentity.value ? { crm: ME_CRM, entityType: 'user' } : null);
    if (!t) return [];
    return deps.roles.value.filter((r) => pickable(r, form.value.toRoleId) && appliesToRecord(r.appliesTo, t));
  });

  /** "My role": the chosen target role's matches, or any role when no target role is set. */
  const myRoles = computed(() => {
    const rec = deps.record.value;
    if (!rec) return [];
    const current = form.value.fromRoleId;
    const to = byId.value.get(form.value.toRoleId);
    const candidates = to
      ? to.matchingRoleIds.map((id) => byId.value.get(id)).filter((r): r is RoleView => !!r)
      : deps.roles.value;
    return candidates.filter((r) => pickable(r, current) && appliesToRecord(r.appliesTo, rec));
  });

  const reset = (next: Form, editId: string | null) =>
    batch(() => {
      form.value = next;
      initial.value = next;
      editingId.value = editId;
      errors.value = {};
      confirmingDiscard.value = false;
      query.value = next.target?.name ?? '';
      suggestions.value = [];
      clientId = crypto.randomUUID();
    });

  const newForm = (target: Target | null = null): Form => ({
    ...EMPTY,
    target,
    owner: deps.identity.value?.name ?? '',
  });

  function setField<K extends keyof Form>(key: K, value: Form[K]) {
    const next = { ...form.value, [key]: value };
    if (key === 'toRoleId' && value) {
      // Pre-fill "My role" with the default reciprocal (the first usable match), as Dynamics does.
      next.fromRoleId = myRolesFor(value as string)[0]?.id ?? '';
    }
    batch(() => {
      form.value = next;
      const { [key]: _dropped, ...rest } = errors.value as Record<string, string>;
      errors.value = rest;
    });
  }

  function myRolesFor(toRoleId: string) {
    const rec = deps.record.value;
    const to = byId.value.get(toRoleId);
    if (!rec || !to) return [];
    return to.matchingRoleIds
      .map((id) => byId.value.get(id))
      .filter((r): r is RoleView => !!r && r.active && appliesToRecord(r.appliesTo, rec));
  }

  function chooseTarget(t: Target | null) {
    const next = { ...form.value, target: t };
    // A role that does not apply to the new target's type cannot stay.
    const to = byId.value.get(next.toRoleId);
    if (t && to && !appliesToRecord(to.appliesTo, t)) Object.assign(next, { toRoleId: '', fromRoleId: '' });
    batch(() => {
      form.value = next;
      query.value = t?.name ?? query.value;
      suggestions.value = [];
      const { target: _dropped, ...rest } = errors.value;
      errors.value = rest;
    });
  }

  /** Suggestions for what the user typed: a pasted record URL, records in other tabs, remembered ones. */
  async function search(text: string) {
    query.value = text;
    const seq = ++searchSeq;
    const self = deps.record.value?.key;
    const out: Suggestion[] = [];
    const detected = text.trim() ? detectRecord(text.trim()) : null;
    try {
      if (detected) {
        const key = recordKey(detected);
        const known = await call('records.get', { key });
        out.push({
          source: 'url',
          target: known ? toTarget(known) : toTarget({ ...detected, name: '', url: text.trim() }),
        });
      } else {
        const [openTabs, seen] = await Promise.all([
          text.trim() ? Promise.resolve([] as SeenRecord[]) : call('records.open', {}),
          call('records.search', { query: text.slice(0, 200), limit: 20 }),
        ]);
        const add = (source: Suggestion['source']) => (r: SeenRecord) => {
          if (r.key !== self && !out.some((s) => s.target.key === r.key)) out.push({ source, target: toTarget(r) });
        };
        openTabs.forEach(add('open'));
        seen.forEach(add('seen'));
      }
      if (seq === searchSeq) suggestions.value = out;
    } catch (e) {
      if (seq === searchSeq) errors.value = { ...errors.value, target: (e as Error).message };
    }
  }

  function close(force = false) {
    if (!force && dirty.value && !confirmingDiscard.value) {
      confirmingDiscard.value = true;
      return;
    }
    batch(() => {
      open.value = false;
      confirmingDiscard.value = false;
      askIdentity.value = false;
    });
  }

  async function save(then: 'stay' | 'close' | 'new') {
    const rec = deps.record.value;
    const f = form.value;
    const problems: Partial<Record<FieldName, string>> = {};
    if (askIdentity.value) {
      if (!identityForm.value.name.trim()) problems.identityName = 'Your name is required.';
      if (!identityForm.value.email.trim()) problems.identityEmail = 'Your email is required.';
    } else if (!f.target) problems.target = 'Choose the record to connect to: type its name or paste its address.';
    if (f.effectiveStart && f.effectiveEnd && f.effectiveStart > f.effectiveEnd) {
      problems.effectiveEnd = `Ending (${f.effectiveEnd}) is before Starting (${f.effectiveStart}).`;
    }
    if (!rec || Object.keys(problems).length) return void (errors.value = problems);
    saving.value = true;
    try {
      let target = f.target;
      if (askIdentity.value) {
        const settings = await call('settings.setIdentity', identityForm.value);
        deps.onIdentity(settings.identity!);
        target = toTarget(meRecord(settings.identity!));
        askIdentity.value = false;
      }
      const fields = {
        toRoleId: f.toRoleId || null,
        fromRoleId: f.fromRoleId || null,
        description: f.description,
        owner: f.owner,
        effectiveStart: f.effectiveStart || null,
        effectiveEnd: f.effectiveEnd || null,
      };
      const from = {
        crm: rec.crm,
        tenant: rec.tenant,
        entityType: rec.entityType,
        recordId: rec.recordId,
        name: rec.name,
        url: rec.url,
      };
      const saved = editingId.value
        ? await call('connections.update', { id: editingId.value, patch: editPatch(fields) })
        : await call('connections.create', { id: clientId, from, to: stripKey(target!), ...fields });
      deps.onSaved(`Connection with ${target?.name || 'the record'} saved`);
      if (then === 'close') return close(true);
      if (then === 'new') {
        reset(newForm(), null);
        status.value = 'Saved. Ready for a new connection.';
      } else {
        reset({ ...f, target }, saved.id);
        status.value = 'Saved.';
      }
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('internal', (e as Error).message);
      errors.value = { [fieldOf(err.field)]: err.message };
    } finally {
      saving.value = false;
    }
  }

  // Editing from the target's page: the form's "As this role" is the connection's source role.
  let editingFromTarget = false;
  const editPatch = (fields: { toRoleId: string | null; fromRoleId: string | null } & Record<string, unknown>) =>
    editingFromTarget ? { ...fields, toRoleId: fields.fromRoleId, fromRoleId: fields.toRoleId } : fields;

  return {
    open,
    editingId,
    form,
    errors,
    saving,
    dirty,
    confirmingDiscard,
    askIdentity,
    identityForm,
    query,
    suggestions,
    status,
    targetRoles,
    myRoles,
    setField,
    chooseTarget,
    search,
    save,
    close,

    async openNew() {
      await deps.ready();
      reset(newForm(), null);
      editingFromTarget = false;
      status.value = '';
      open.value = true;
      void search('');
    },
    /** "To Me": the target is the person using the extension (asked for once if unknown). */
    async openToMe() {
      await deps.ready();
      const me = deps.identity.value;
      reset(newForm(me ? toTarget(meRecord(me)) : null), null);
      editingFromTarget = false;
      batch(() => {
        askIdentity.value = !me;
        identityForm.value = { name: '', email: '' };
        status.value = '';
        open.value = true;
      });
    },
    async openEdit(v: ConnectionView) {
      await deps.ready();
      editingFromTarget = !v.isSource;
      reset(
        {
          target: { ...v.other },
          toRoleId: v.otherRole?.id ?? '',
          fromRoleId: v.thisRole?.id ?? '',
          description: v.description,
          owner: v.owner,
          effectiveStart: v.effectiveStart ?? '',
          effectiveEnd: v.effectiveEnd ?? '',
        },
        v.id,
      );
      status.value = '';
      open.value = true;
    },
  };
}

const stripKey = ({ key: _key, ...r }: Target): RecordFields => r;

export type DialogModel = ReturnType<typeof createDialogModel>;
