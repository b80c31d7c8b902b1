import type { CheckResult, CheckStep, SyncSettings } from '../model';
import { CouchError, couchClient } from './couch';

type Conn = Pick<SyncSettings, 'url' | 'database' | 'username' | 'password' | 'auth'>;

/**
 * "Test connection": is the server a CouchDB-protocol server, does it accept these credentials,
 * does the database exist (created when the user may create it). Each step says what it found.
 */
export async function checkServer(settings: Conn, doFetch: typeof fetch = fetch): Promise<CheckResult> {
  const client = couchClient(settings, doFetch);
  const anonymous = couchClient({ ...settings, username: '', password: '' }, doFetch);
  const steps: CheckStep[] = [];
  const fail = (step: CheckStep['step'], detail: string, field: CheckResult['field']): CheckResult => ({
    ok: false,
    steps: [...steps, { step, ok: false, detail }],
    field,
  });

  try {
    const hello = await anonymous.request<{ version?: string; vendor?: { name?: string } }>({ path: '', server: true });
    // CouchDB and Cloudant greet with `couchdb`, PouchDB Server with `express-pouchdb`.
    if (!hello || typeof hello !== 'object' || !('couchdb' in hello || 'express-pouchdb' in hello)) {
      return fail('reachable', 'The server answered, but not as a CouchDB-protocol server.', 'url');
    }
    const name = hello.vendor?.name ?? 'CouchDB';
    steps.push({ step: 'reachable', ok: true, detail: `${name}${hello.version ? ` ${hello.version}` : ''} answered.` });
  } catch (e) {
    // Some servers require a login even for their welcome page: that still proves they are there.
    if (!(e instanceof CouchError && e.kind === 'auth')) return fail('reachable', messageOf(e), 'url');
    steps.push({ step: 'reachable', ok: true, detail: 'The server answered (it asks for a login everywhere).' });
  }

  if (settings.username) {
    try {
      const s = await client.request<{ userCtx?: { name?: string | null } }>({ path: '_session', server: true });
      if (s.userCtx?.name !== settings.username) {
        return fail('credentials', 'The server refused the username or password.', 'password');
      }
      steps.push({ step: 'credentials', ok: true, detail: `Signed in as ${settings.username}.` });
    } catch (e) {
      return fail('credentials', messageOf(e), e instanceof CouchError && e.kind === 'auth' ? 'password' : 'url');
    }
  } else {
    steps.push({ step: 'credentials', ok: true, detail: 'No username: requests go without credentials.' });
  }

  try {
    await client.request({ path: '' });
    steps.push({ step: 'database', ok: true, detail: `Database ${settings.database} is there and readable.` });
  } catch (e) {
    if (!(e instanceof CouchError && e.kind === 'database')) return fail('database', messageOf(e), 'database');
    try {
      await client.request({ method: 'PUT', path: '' });
      steps.push({
        step: 'database',
        ok: true,
        detail: `Database ${settings.database} did not exist; it was created.`,
      });
    } catch (e2) {
      const why =
        e2 instanceof CouchError && e2.kind === 'auth' ? ' and this user may not create it (ask an admin)' : '';
      return fail('database', `Database ${settings.database} does not exist${why}.`, 'database');
    }
  }
  return { ok: true, steps, field: null };
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
