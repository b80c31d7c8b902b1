import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { call } from '../../lib/messaging/client';
import { AppError } from '../../lib/model/errors';
import { TextField } from '../dialog/TextField';

/** Who the user is: the "To Me" record and the default owner of new connections. */
export function IdentitySection() {
  const name = useSignal('');
  const email = useSignal('');
  const errors = useSignal<Record<string, string>>({});
  const status = useSignal('');
  useEffect(() => {
    void call('settings.get', {}).then(({ identity }) => {
      name.value = identity?.name ?? '';
      email.value = identity?.email ?? '';
    });
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    try {
      await call('settings.setIdentity', { name: name.value, email: email.value });
      errors.value = {};
      status.value = 'Saved.';
    } catch (err) {
      const field = err instanceof AppError && err.field ? err.field : 'name';
      errors.value = { [field]: (err as Error).message };
      status.value = '';
    }
  };
  return (
    <section aria-labelledby="identity-title">
      <h2 id="identity-title">You</h2>
      <p class="hint">Used for “To Me” connections and as the owner of the connections you make.</p>
      <form onSubmit={save} noValidate>
        <TextField
          id="name"
          label="Your name"
          value={name.value}
          error={errors.value.name}
          onInput={(v) => (name.value = v)}
        />
        <TextField
          id="email"
          label="Email"
          type="email"
          value={email.value}
          error={errors.value.email}
          onInput={(v) => (email.value = v)}
        />
        <button type="submit" class="primary">
          Save
        </button>
        <span role="status" class="status">
          {status.value}
        </span>
      </form>
    </section>
  );
}
