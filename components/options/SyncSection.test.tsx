// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SYNC_OFF, type CheckResult, type SerializedError, type SyncStatus } from '../../lib/model';
import { SyncSection } from './SyncSection';

// The section talks to the background through runtime messages and asks the browser for the
// server's host permission; WXT's fake browser stands in for both (lib/messaging/client.ts
// runs for real). The change feed's port is not faked: the section then relies on its first read.
type Answer = { value: unknown } | { error: SerializedError };
let answers: Record<string, (payload: unknown) => Answer>;
let sent: { type: string; payload: unknown }[];
let grant: boolean;
let asked: string[][];

const root = document.createElement('div');
document.body.append(root);

beforeEach(() => {
  fakeBrowser.reset();
  sent = [];
  asked = [];
  grant = true;
  answers = {
    'sync.settings': () => ({ value: null }),
    'sync.status': () => ({ value: SYNC_OFF }),
    'sync.configure': () => ({ value: SYNC_OFF }),
  };
  // The fake delivers a reply through sendResponse, when the listener returns true.
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse: (reply: unknown) => void) => {
    const { type, payload } = message as { type: string; payload: unknown };
    sent.push({ type, payload });
    const answer = answers[type]?.(payload) ?? { error: { code: 'internal', message: `unexpected ${type}` } };
    sendResponse('value' in answer ? { ok: true, value: answer.value } : { ok: false, error: answer.error });
    return true;
  });
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(async (p) => {
    asked.push(p.origins ?? []);
    return grant;
  });
});
afterEach(() => render(null, root));

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
const button = (name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;
const type = (id: string, value: string) =>
  act(() => {
    const input = $<HTMLInputElement>(`#${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
const click = (name: string) => act(() => button(name).click());

async function mount() {
  act(() => render(<SyncSection />, root));
  await vi.waitFor(() => expect(sent.map((s) => s.type)).toContain('sync.settings'));
  await act(async () => {});
}

describe('SyncSection', () => {
  it('labels every input and offers the defaults of a first setup', async () => {
    await mount();
    for (const input of root.querySelectorAll('input')) {
      const label = input.id && root.querySelector(`label[for="${input.id}"]`);
      expect(label || input.closest('label'), `label of #${input.id}`).toBeTruthy();
    }
    expect($<HTMLInputElement>('#sync-database').value).toBe('connections');
    expect($<HTMLInputElement>('#sync-password').type).toBe('password');
    expect($<HTMLInputElement>('#sync-auth-basic').checked).toBe(true);
    expect($<HTMLInputElement>('#sync-enabled').checked).toBe(true);
    expect(button('Sync now').disabled).toBe(true);
    expect(root.textContent).toMatch(/stored only in this browser, sent only to that server, and never exported/);
  });

  it('shows "unchanged" in the password field when a password is saved', async () => {
    answers['sync.settings'] = () => ({
      value: {
        enabled: true,
        url: 'https://couch.example.com/',
        database: 'team',
        username: 'al',
        auth: 'cookie',
        hasPassword: true,
      },
    });
    await mount();
    await vi.waitFor(() => expect($<HTMLInputElement>('#sync-url').value).toBe('https://couch.example.com/'));
    expect($<HTMLInputElement>('#sync-password').placeholder).toBe('unchanged');
    expect($<HTMLInputElement>('#sync-auth-cookie').checked).toBe(true);
  });

  it('Save: an invalid setting appears next to its field, linked and focused', async () => {
    const message = 'Database must start with a lower-case letter and use only a–z, 0–9 and _ $ ( ) + - /.';
    answers['sync.configure'] = () => ({ error: { code: 'invalid', message, field: 'database' } });
    await mount();
    type('sync-url', 'https://couch.example.com');
    type('sync-database', 'Team');
    click('Save');
    await vi.waitFor(() => expect($('#sync-database-error').textContent).toBe(message));
    const input = $<HTMLInputElement>('#sync-database');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe('sync-database-error');
    expect(document.activeElement).toBe(input);
    // Nothing but the field's own error: no message under the buttons.
    expect(root.querySelectorAll('section > [role="alert"]')).toHaveLength(0);
    // The permission was asked in the same click, for the typed server.
    expect(asked).toEqual([['https://couch.example.com/*']]);
  });

  it('Save: a refused prompt says how to allow access', async () => {
    grant = false;
    await mount();
    type('sync-url', 'http://127.0.0.1:5984/');
    click('Save');
    await vi.waitFor(() =>
      expect(root.querySelector('[role="alert"]')?.textContent).toBe(
        'Access to http://127.0.0.1:5984 was not granted: sync cannot reach the server. Press Save again and choose Allow.',
      ),
    );
    expect(sent.find((s) => s.type === 'sync.configure')?.payload).toMatchObject({ url: 'http://127.0.0.1:5984/' });
  });

  it('Test connection: lists the steps with ✓ and ✗ and focuses the field to fix', async () => {
    const result: CheckResult = {
      ok: false,
      steps: [
        { step: 'reachable', ok: true, detail: 'CouchDB 3.4 answered.' },
        { step: 'credentials', ok: false, detail: 'The server refused the username or password.' },
      ],
      field: 'password',
    };
    answers['sync.test'] = () => ({ value: result });
    await mount();
    type('sync-url', 'http://127.0.0.1:5984/');
    click('Test connection');
    await vi.waitFor(() => expect(root.querySelectorAll('.sync-check li')).toHaveLength(2));
    const steps = [...root.querySelectorAll('.sync-check li')].map((li) => li.textContent);
    expect(steps).toEqual([
      '✓ Passed: Server: CouchDB 3.4 answered.',
      '✗ Failed: Sign-in: The server refused the username or password.',
    ]);
    expect(document.activeElement).toBe($('#sync-password'));
    expect($('#sync-password').getAttribute('aria-describedby')).toBe('sync-password-error');
  });

  it('shows the live status, and Sync now once sync is on', async () => {
    const on: SyncStatus = { ...SYNC_OFF, state: 'error', problem: 'auth', reason: 'The server refused the password.' };
    answers['sync.status'] = () => ({ value: on });
    answers['sync.now'] = () => ({ value: on });
    await mount();
    await vi.waitFor(() => expect($('.sync-status').dataset.syncState).toBe('error'));
    expect($('.sync-headline').textContent).toBe(
      'Error: The server refused the password. Check the username and password below.',
    );
    expect(button('Sync now').disabled).toBe(false);
    click('Sync now');
    await vi.waitFor(() => expect(sent.map((s) => s.type)).toContain('sync.now'));
  });
});
