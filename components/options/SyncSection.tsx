import type { Signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { CheckStep } from '../../lib/model';
import { FieldError } from '../dialog/TextField';
import { SyncStatusView } from '../common/SyncStatus';
import { useSyncStatus } from '../common/use-sync-status';
import { createSyncFormModel, type SyncField, type SyncFormModel } from './sync-form-model';

/** The element that takes focus when the background names a field. */
const inputId = (field: SyncField) => (field === 'auth' ? 'sync-auth-basic' : `sync-${field}`);

const STEP_LABEL: Record<CheckStep['step'], string> = {
  reachable: 'Server',
  credentials: 'Sign-in',
  database: 'Database',
};

/** The props that tie an input to its error message. */
const invalidProps = (model: SyncFormModel, field: SyncField) => {
  const error = model.errors.value[field];
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': error ? `${inputId(field)}-error` : undefined,
  };
};

function Field(props: {
  model: SyncFormModel;
  field: 'url' | 'database' | 'username' | 'password';
  label: string;
  value: Signal<string>;
  type: 'url' | 'text' | 'password';
  autoComplete: string;
  placeholder?: string;
}) {
  const { model, field, value } = props;
  const id = inputId(field);
  const common = {
    id,
    value: value.value,
    autoComplete: props.autoComplete,
    spellcheck: false,
    placeholder: props.placeholder,
    onInput: (e: Event) => (value.value = (e.target as HTMLInputElement).value),
    ...invalidProps(model, field),
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {/* Preact types <input> per type, so each kind is written out. */}
      {props.type === 'password' ? (
        <input type="password" {...common} />
      ) : props.type === 'url' ? (
        <input type="url" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      <FieldError id={id} text={model.errors.value[field]} />
    </div>
  );
}

function CheckSteps({ model }: { model: SyncFormModel }) {
  const check = model.check.value;
  if (!check) return null;
  return (
    <div class="sync-check">
      <p role="status">
        <strong>{check.ok ? 'The connection works.' : 'The connection does not work yet.'}</strong>
      </p>
      <ul aria-label="Connection test steps">
        {check.steps.map((s) => (
          <li key={s.step} class={s.ok ? 'ok' : 'failed'}>
            <span aria-hidden="true">{s.ok ? '✓' : '✗'} </span>
            <span class="visually-hidden">{s.ok ? 'Passed: ' : 'Failed: '}</span>
            {STEP_LABEL[s.step]}: {s.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Team sync with a CouchDB-protocol server: settings, a step-by-step test, and the live status. */
export function SyncSection() {
  const model = useMemo(
    () =>
      createSyncFormModel({
        call,
        requestAccess: (origins) => browser.permissions.request({ origins }),
        focus: (field) => document.getElementById(inputId(field))?.focus(),
      }),
    [],
  );
  const status = useSyncStatus();
  useEffect(() => void model.load().catch(() => {}), [model]);
  const busy = model.busy.value;
  const msg = model.message.value;
  const authError = model.errors.value.auth;

  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Team sync</h2>
      <p class="hint">
        Share connections and roles with your team through a CouchDB server. The username and password are stored only
        in this browser, sent only to that server, and never exported. The server must use HTTPS (plain http is allowed
        only for localhost).
      </p>
      <SyncStatusView status={status.value} inOptions />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <Field
          model={model}
          field="url"
          label="Server URL"
          value={model.url}
          type="url"
          autoComplete="url"
          placeholder="https://couch.example.com/"
        />
        <Field model={model} field="database" label="Database" value={model.database} type="text" autoComplete="off" />
        <Field
          model={model}
          field="username"
          label="Username"
          value={model.username}
          type="text"
          autoComplete="username"
        />
        <Field
          model={model}
          field="password"
          label="Password"
          value={model.password}
          type="password"
          autoComplete="current-password"
          placeholder={model.hasPassword.value ? 'unchanged' : undefined}
        />
        <fieldset class="field">
          <legend>Sign-in</legend>
          {(['basic', 'cookie'] as const).map((kind) => (
            <label key={kind} class="choice">
              <input
                type="radio"
                name="sync-auth"
                id={`sync-auth-${kind}`}
                checked={model.auth.value === kind}
                onChange={() => (model.auth.value = kind)}
                {...invalidProps(model, 'auth')}
              />{' '}
              {kind === 'basic' ? 'Basic (credentials sent with each request)' : 'Cookie session (signs in once)'}
            </label>
          ))}
          <FieldError id="sync-auth-basic" text={authError} />
        </fieldset>
        <label class="choice">
          <input
            type="checkbox"
            id="sync-enabled"
            checked={model.enabled.value}
            onChange={(e) => (model.enabled.value = (e.target as HTMLInputElement).checked)}
          />{' '}
          Enable sync
        </label>
        <div class="inline sync-actions">
          <button type="submit" class="primary">
            Save
          </button>
          <button type="button" onClick={() => void model.test()}>
            Test connection
          </button>
          <button
            type="button"
            disabled={!status.value || status.value.state === 'off'}
            onClick={() => void model.syncNow()}
          >
            Sync now
          </button>
          <span class="status" aria-live="polite">
            {busy === 'save' ? 'Saving…' : busy === 'test' ? 'Testing…' : busy === 'now' ? 'Starting sync…' : ''}
          </span>
        </div>
      </form>
      {msg && (
        <p role={msg.kind === 'error' ? 'alert' : 'status'} class={msg.kind === 'error' ? 'error' : undefined}>
          {msg.text}
        </p>
      )}
      <CheckSteps model={model} />
    </section>
  );
}
