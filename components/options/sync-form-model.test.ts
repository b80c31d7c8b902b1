import { describe, expect, it, vi } from 'vitest';
import { AppError, SYNC_OFF, type CheckResult, type SyncSettingsView } from '../../lib/model';
import { accessFor, createSyncFormModel, refusedText, type SyncField, type SyncFormDeps } from './sync-form-model';

const SAVED: SyncSettingsView = {
  enabled: true,
  url: 'http://127.0.0.1:5984/',
  database: 'team',
  username: 'alice',
  auth: 'cookie',
  hasPassword: true,
};

type Answers = Record<string, (payload: unknown) => unknown>;

/**
 * The background and the browser's permission prompt, scripted. `log` records every call in
 * order, so a test can check what was started before the first `await`.
 */
function setup(answers: Answers = {}, grant: () => Promise<boolean> = async () => true) {
  const log: string[] = [];
  const payloads: Record<string, unknown> = {};
  const focused: SyncField[] = [];
  const deps: SyncFormDeps = {
    call: ((type: string, payload: unknown) => {
      log.push(type);
      payloads[type] = payload;
      const answer = answers[type];
      return answer ? Promise.resolve().then(() => answer(payload)) : Promise.reject(new Error(`unexpected ${type}`));
    }) as SyncFormDeps['call'],
    requestAccess: (origins) => {
      log.push(`request ${origins.join(' ')}`);
      return grant();
    },
    focus: (field) => void focused.push(field),
  };
  const model = createSyncFormModel(deps);
  const type = (o: { url?: string; password?: string; enabled?: boolean }) => {
    model.url.value = o.url ?? 'http://127.0.0.1:5984/';
    model.username.value = 'alice';
    model.password.value = o.password ?? 'secret';
    if (o.enabled !== undefined) model.enabled.value = o.enabled;
  };
  return { model, log, payloads, focused, type };
}

const ok = { 'sync.configure': () => SYNC_OFF, 'sync.settings': () => SAVED };

describe('accessFor', () => {
  it('gives the pattern and origin of a web address, port left out of the pattern', () => {
    expect(accessFor(' http://127.0.0.1:5984/couch/ ')).toEqual({
      pattern: 'http://127.0.0.1/*',
      origin: 'http://127.0.0.1:5984',
    });
    expect(accessFor('https://couch.example.com')).toEqual({
      pattern: 'https://couch.example.com/*',
      origin: 'https://couch.example.com',
    });
  });
  it('has nothing to ask for when the text is not a web address', () => {
    expect(accessFor('couch.example.com')).toBeNull();
    // Plain http only for this machine: the background refuses the rest, so no prompt for it.
    expect(accessFor('http://couch.example.com/')).toBeNull();
    expect(accessFor('http://localhost:5984/')?.pattern).toBe('http://localhost/*');
    expect(accessFor('ftp://couch.example.com/')).toBeNull();
    expect(accessFor('')).toBeNull();
  });
});

describe('sync form: load', () => {
  it('fills the form from the saved settings, never with a password', async () => {
    const { model } = setup({ 'sync.settings': () => SAVED });
    model.password.value = 'typed';
    await model.load();
    expect([model.url.value, model.database.value, model.username.value, model.auth.value]).toEqual([
      'http://127.0.0.1:5984/',
      'team',
      'alice',
      'cookie',
    ]);
    expect([model.password.value, model.hasPassword.value, model.enabled.value]).toEqual(['', true, true]);
  });
  it('keeps the defaults for a first setup: database "connections", Basic sign-in, sync enabled', async () => {
    const { model } = setup({ 'sync.settings': () => null });
    await model.load();
    expect([model.database.value, model.auth.value, model.enabled.value, model.hasPassword.value]).toEqual([
      'connections',
      'basic',
      true,
      false,
    ]);
  });
});

describe('sync form: Save', () => {
  it('starts saving and asks for access before any await (the click is still a user gesture)', async () => {
    const { model, log, payloads, type } = setup(ok);
    type({});
    const done = model.save();
    // The background hears first that this grant is the sync server's, no CRM site.
    expect(log).toEqual(['sync.configure', 'sites.expectServer', 'request http://127.0.0.1/*']);
    expect(payloads['sites.expectServer']).toEqual({ origin: 'http://127.0.0.1:5984' });
    expect(model.busy.value).toBe('save');
    await done;
    expect(payloads['sync.configure']).toEqual({
      enabled: true,
      url: 'http://127.0.0.1:5984/',
      database: 'connections',
      username: 'alice',
      password: 'secret',
      auth: 'basic',
    });
    expect(model.message.value).toEqual({ kind: 'done', text: 'Saved.' });
    expect(model.busy.value).toBeNull();
    // The settings are read back: the password field empties and says "unchanged".
    expect([model.password.value, model.hasPassword.value, model.database.value]).toEqual(['', true, 'team']);
  });

  it('a refused prompt: the settings are saved, and the message says how to allow access', async () => {
    const { model, log, type } = setup(ok, async () => false);
    type({});
    await model.save();
    expect(log).toContain('sync.configure');
    expect(model.message.value).toEqual({ kind: 'error', text: refusedText('http://127.0.0.1:5984', 'Save') });
    expect(model.message.value?.text).toBe(
      'Access to http://127.0.0.1:5984 was not granted: sync cannot reach the server. Press Save again and choose Allow.',
    );
  });

  it('a prompt that fails (no such optional permission) counts as refused', async () => {
    const { model, type } = setup(ok, () => Promise.reject(new Error('Only permissions specified in the manifest')));
    type({});
    await model.save();
    expect(model.message.value?.text).toMatch(/^Access to http:\/\/127\.0\.0\.1:5984 was not granted/);
  });

  it('an invalid setting goes next to its field and takes focus; nothing else is said', async () => {
    const message = 'Server URL must use https:// (plain http is allowed only for localhost).';
    const { model, focused, type } = setup(
      {
        'sync.configure': () => {
          throw new AppError('invalid', message, 'url');
        },
      },
      async () => false,
    );
    type({ url: 'http://couch.example.com/' });
    await model.save();
    expect(model.errors.value).toEqual({ url: message });
    expect(focused).toEqual(['url']);
    expect(model.message.value).toBeNull();
    expect(model.busy.value).toBeNull();
  });

  it('an invalid setting shows at once, without waiting for the prompt to be answered', async () => {
    const { model, type } = setup(
      {
        'sync.configure': () => {
          throw new AppError('invalid', 'Database is required.', 'database');
        },
      },
      () => new Promise<boolean>(() => {}),
    );
    type({});
    void model.save();
    await vi.waitFor(() => expect(model.errors.value).toEqual({ database: 'Database is required.' }));
  });

  it('a refusal shows while the save is still under way', async () => {
    const { model, type } = setup({ 'sync.configure': () => new Promise(() => {}) }, async () => false);
    type({});
    void model.save();
    await vi.waitFor(() =>
      expect(model.message.value?.text).toMatch(/^Access to http:\/\/127\.0\.0\.1:5984 was not granted/),
    );
    expect(model.busy.value).toBe('save');
  });

  it('a URL that is not a web address goes straight to the background, which says what is wrong', async () => {
    const { model, log, type } = setup({
      'sync.configure': () => {
        throw new AppError('invalid', 'Server URL must be a web address like https://couch.example.com/.', 'url');
      },
    });
    type({ url: 'couch.example.com' });
    await model.save();
    expect(log).toEqual(['sync.configure']);
    expect(model.errors.value.url).toMatch(/web address/);
  });

  it('switching sync off asks for no access', async () => {
    const { model, log, type } = setup(ok);
    type({ enabled: false });
    await model.save();
    expect(log).toEqual(['sync.configure', 'sync.settings']);
    expect(model.message.value).toEqual({ kind: 'done', text: 'Saved. Team sync is off.' });
  });

  it('an error that names no field of the form shows under the buttons', async () => {
    const { model, focused, type } = setup({
      'sync.configure': () => {
        throw new AppError('internal', 'The extension did not answer; reload the page and try again.');
      },
    });
    type({});
    await model.save();
    expect(model.errors.value).toEqual({});
    expect(focused).toEqual([]);
    expect(model.message.value).toEqual({
      kind: 'error',
      text: 'The extension did not answer; reload the page and try again.',
    });
  });

  it('clears the previous errors when saving again', async () => {
    const { model, type } = setup(ok);
    model.errors.value = { database: 'Database is required.' };
    type({});
    const done = model.save();
    expect(model.errors.value).toEqual({});
    await done;
  });
});

describe('sync form: Test connection', () => {
  const failed: CheckResult = {
    ok: false,
    steps: [
      { step: 'reachable', ok: true, detail: 'CouchDB 3.4 answered.' },
      { step: 'credentials', ok: false, detail: 'The server refused the username or password.' },
    ],
    field: 'password',
  };

  it('asks for access in the click, then tests the typed (unsaved) settings', async () => {
    const passed: CheckResult = { ok: true, steps: [], field: null };
    const { model, log, payloads, type } = setup({ 'sync.test': () => passed });
    type({ password: 'typed' });
    const done = model.test();
    expect(log).toEqual(['sites.expectServer', 'request http://127.0.0.1/*']);
    await done;
    expect(log).toEqual(['sites.expectServer', 'request http://127.0.0.1/*', 'sync.test']);
    expect(payloads['sync.test']).toMatchObject({ password: 'typed', username: 'alice' });
    expect(model.check.value).toEqual(passed);
    expect(model.busy.value).toBeNull();
  });

  it('a failed step marks and focuses the field to fix, with the step as its error', async () => {
    const { model, focused, type } = setup({ 'sync.test': () => failed });
    type({});
    await model.test();
    expect(model.check.value).toEqual(failed);
    expect(model.errors.value).toEqual({ password: 'The server refused the username or password.' });
    expect(focused).toEqual(['password']);
  });

  it('a refused prompt: no test, and the message says how to allow access', async () => {
    const { model, log, type } = setup({ 'sync.test': () => failed }, async () => false);
    type({});
    await model.test();
    expect(log).toEqual(['sites.expectServer', 'request http://127.0.0.1/*']);
    expect(model.message.value?.text).toBe(
      'Access to http://127.0.0.1:5984 was not granted: the test cannot reach the server. Press Test connection again and choose Allow.',
    );
    expect(model.check.value).toBeNull();
  });

  it('the background refusing the settings puts its message next to the field', async () => {
    const { model, focused, type } = setup({
      'sync.test': () => {
        throw new AppError('forbidden', 'Access to http://127.0.0.1:5984 is not granted; allow it when asked.', 'url');
      },
    });
    type({});
    await model.test();
    expect(model.errors.value.url).toMatch(/not granted/);
    expect(focused).toEqual(['url']);
  });
});

describe('sync form: Sync now', () => {
  it('asks the background to sync now', async () => {
    const { model, log } = setup({ 'sync.now': () => SYNC_OFF });
    const done = model.syncNow();
    expect(model.busy.value).toBe('now');
    await done;
    expect(log).toEqual(['sync.now']);
    expect(model.busy.value).toBeNull();
  });
});
