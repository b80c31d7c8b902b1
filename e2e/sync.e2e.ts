// Team sync between two separate Chromium profiles through one real sync server: live
// propagation, concurrent edits, deletes, a server outage, a refused password and a large
// initial sync. Headed on a virtual display: granting the server's origin is the browser's own
// permission prompt, answered with real key presses.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { recordKey, serverPermissionPattern, type SyncStatus } from '../lib/model';
import { canonicalJson } from '../lib/sync/conflict';
import { ALICE, testServer, type TestServer } from '../tests/sync-server';
import { faultProxy } from '../tests/fault-proxy';
import { seedConnection } from '../server/seed.mjs';
import { recordInput, send, sendRaw, type Session, startSession, stopServiceWorker } from './harness';
import { pageUi } from './page-ui';
import { startDisplay } from './xvfb';

const fabrikam = DEMO_RECORDS.find((r) => r.crm === 'dynamics365')!;
const others = DEMO_RECORDS.filter((r) => r !== fabrikam);

describe('team sync between two browsers', () => {
  let display: Awaited<ReturnType<typeof startDisplay>>;
  let server: TestServer;
  let database: string;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    display = await startDisplay();
    server = await testServer();
    database = await server.createDatabase('team');
    a = await startSession({ display: display.display });
    b = await startSession({ display: display.display });
    for (const s of [a, b]) await configure(s, { url: server.url, database, password: ALICE.password });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.dispose();
    display?.stop();
  });

  /** Fills "Team sync" in the options page, saves and allows the server's origin when asked. */
  async function configure(
    s: Session,
    o: { url: string; database: string; password: string },
    answer: 'allow' | 'deny' = 'allow',
  ) {
    const page = await s.context.newPage();
    await page.goto(s.extensionUrl('options.html'));
    await page.bringToFront();
    const form = page.getByRole('region', { name: 'Team sync' });
    await form.getByLabel('Server URL').fill(o.url);
    await form.getByLabel('Database').fill(o.database);
    await form.getByLabel('Username').fill(ALICE.name);
    await form.getByLabel('Password').fill(o.password);
    const enabled = form.getByLabel('Enable sync');
    if (!(await enabled.isChecked())) await enabled.check();
    const granted = await (
      await s.extensionPage()
    ).evaluate(
      (origin) =>
        (chrome.permissions as unknown as { contains(p: object): Promise<boolean> }).contains({ origins: [origin] }),
      serverPermissionPattern(o.url),
    );
    await form.getByRole('button', { name: 'Save' }).click();
    if (!granted) {
      await new Promise((r) => setTimeout(r, 1_000)); // the prompt opens and takes the focus
      // Deny is the prompt's default button; Tab moves to Allow.
      await display.keys(...(answer === 'allow' ? ['Tab', 'Return'] : ['Return']));
    }
    return page;
  }

  const status = async (s: Session) => send(await s.extensionPage(), 'sync.status', {});
  const waitSynced = (s: Session, timeout = 15_000) =>
    expect.poll(async () => (await status(s)).state, { timeout }).toBe('synced');

  /** B's panel on Fabrikam, open, as someone keeps it while working. */
  async function openPanel(s: Session): Promise<Page> {
    const page = await s.context.newPage();
    await page.goto(fabrikam.url);
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(fabrikam));
    const ui = pageUi(page);
    await ui.openPanel();
    return page;
  }

  const create = async (s: Session, other: (typeof others)[number], description = '') =>
    send(await s.extensionPage(), 'connections.create', {
      from: recordInput(fabrikam),
      to: recordInput(other),
      description,
    });

  it('both profiles sync with the server once the origin is granted', async () => {
    await waitSynced(a);
    await waitSynced(b);
    const s: SyncStatus = await status(a);
    expect(s.server).toContain(database);
    expect(s.pending).toBe(0);
  });

  it('a connection made in one browser appears in the other one’s open panel within 2 s', async () => {
    const page = await openPanel(b);
    const started = Date.now();
    await create(a, others[0]!, 'made in A');
    await expect
      .poll(
        () =>
          pageUi(page)
            .row(others[0]!.name)
            .then((r) => r.count()),
        { timeout: 2_000, interval: 50 },
      )
      .toBe(1);
    const ms = Date.now() - started;
    console.log(`propagation A → B panel: ${ms} ms`);
    // The panel's foot and the popup say how sync is doing.
    await expect.poll(async () => (await pageUi(page).panel()).locator('.panel-foot').textContent()).toMatch(/Synced/);
    const popup = await a.context.newPage();
    await popup.goto(a.extensionUrl('popup.html'));
    await expect.poll(() => popup.locator('[data-sync-state]').first().textContent()).toMatch(/Team sync: Synced/);
    await popup.close();
    await page.close();
  });

  it('concurrent edits of one connection converge to the same result in both', async () => {
    const c = await create(a, others[1]!, 'base');
    await expect
      .poll(
        async () =>
          (await send(await b.extensionPage(), 'connections.get', { id: c.id }).catch(() => null))?.description,
        { timeout: 5_000 },
      )
      .toBe('base');
    await Promise.all([
      send(await a.extensionPage(), 'connections.update', { id: c.id, patch: { description: 'edited in A' } }),
      send(await b.extensionPage(), 'connections.update', { id: c.id, patch: { description: 'edited in B' } }),
    ]);
    // Compared as canonical JSON: the same document, whatever order its fields were written in.
    const read = async (s: Session) =>
      canonicalJson(await send(await s.extensionPage(), 'connections.get', { id: c.id }));
    await expect
      .poll(async () => (await read(a)) === (await read(b)) && (await status(a)).pending + (await status(b)).pending, {
        timeout: 10_000,
      })
      .toBe(0);
    const final = JSON.parse(await read(a));
    expect(['edited in A', 'edited in B']).toContain(final.description);
  });

  it('a delete in one browser removes the row in the other', async () => {
    const page = await openPanel(b);
    const c = await create(a, others[2]!, 'to delete');
    await expect
      .poll(
        () =>
          pageUi(page)
            .row(others[2]!.name)
            .then((r) => r.count()),
        { timeout: 5_000 },
      )
      .toBe(1);
    await send(await a.extensionPage(), 'connections.delete', { id: c.id });
    await expect
      .poll(
        () =>
          pageUi(page)
            .row(others[2]!.name)
            .then((r) => r.count()),
        { timeout: 5_000 },
      )
      .toBe(0);
    await page.close();
  });

  it('server stopped and restarted: everything made meanwhile arrives, nothing lost or doubled', async () => {
    await server.stop();
    const made = [await create(a, others[3]!, 'offline A'), await create(b, others[4]!, 'offline B')];
    await expect.poll(async () => (await status(a)).state, { timeout: 10_000 }).toBe('offline');
    expect((await status(a)).pending).toBeGreaterThan(0);
    await server.start();
    // The retry comes by itself (backoff), no button pressed.
    for (const s of [a, b]) await expect.poll(async () => (await status(s)).pending, { timeout: 30_000 }).toBe(0);
    for (const s of [a, b]) {
      const list = await send(await s.extensionPage(), 'connections.listForRecord', {
        key: recordKey(fabrikam),
        status: 'all',
      });
      await expect
        .poll(
          async () =>
            (
              await send(await s.extensionPage(), 'connections.listForRecord', {
                key: recordKey(fabrikam),
                status: 'all',
              })
            ).filter((c) => made.some((m) => m.id === c.id)).length,
          { timeout: 10_000 },
        )
        .toBe(2);
      expect(new Set(list.map((c) => c.id)).size).toBe(list.length);
    }
  });

  it('resumes after the service workers stop: the change still reaches the open panel', async () => {
    const page = await openPanel(b);
    await stopServiceWorker(a);
    await stopServiceWorker(b);
    // B's panel reconnects its change feed, which starts B's worker and its live wait again.
    const started = Date.now();
    await create(a, others[7]!, 'after a restart');
    await expect
      .poll(
        () =>
          pageUi(page)
            .row(others[7]!.name)
            .then((r) => r.count()),
        { timeout: 10_000, interval: 50 },
      )
      .toBe(1);
    console.log(`propagation after both workers stopped: ${Date.now() - started} ms`);
    await page.close();
  });

  it('signs in with a cookie session instead of sending the password each time', async () => {
    const ext = await a.extensionPage();
    const settings = (await send(ext, 'sync.settings', {}))!;
    await send(ext, 'sync.configure', { ...settings, password: '', auth: 'cookie' });
    await waitSynced(a);
    const c = await create(a, others[8]!, 'over a cookie session');
    await expect
      .poll(async () => (await sendRaw(await b.extensionPage(), 'connections.get', { id: c.id })).ok, {
        timeout: 10_000,
      })
      .toBe(true);
    expect((await send(ext, 'sync.settings', {}))!.auth).toBe('cookie');
  });

  it('shows roles read-only, with the reason, to a member who is no role admin of the team', async () => {
    await waitSynced(a);
    await expect.poll(async () => (await status(a)).rolesReadOnly).toMatch(/connections-admin/);
    const popup = await a.context.newPage();
    await popup.goto(a.extensionUrl('popup.html#/roles'));
    const roles = popup.getByRole('region', { name: 'Connection roles' });
    await expect.poll(() => roles.getByRole('note').textContent()).toMatch(/managed by your team's admins/);
    expect(await roles.getByRole('button', { name: 'New role' }).count()).toBe(0);
    expect(await roles.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await popup.close();
  });

  it('a wrong password: a clear status, and no retry storm against the server', async () => {
    const proxy = await faultProxy(server.url); // passes everything on, and logs it
    const c = await startSession({ display: display.display });
    try {
      await configure(c, { url: proxy.url, database, password: 'wrong' });
      await expect.poll(async () => (await status(c)).problem, { timeout: 15_000 }).toBe('auth');
      const s = await status(c);
      expect(s.state).toBe('error');
      expect(s.reason).toMatch(/username or password/);
      const page = await c.context.newPage();
      await page.goto(c.extensionUrl('options.html'));
      await expect.poll(() => page.locator('[data-sync-state]').first().getAttribute('data-sync-state')).toBe('error');
      const before = proxy.log.length;
      await send(await c.extensionPage(), 'connections.create', {
        from: recordInput(fabrikam),
        to: recordInput(others[5]!),
      });
      await new Promise((r) => setTimeout(r, 3_000));
      expect(proxy.log.length - before).toBe(0);
    } finally {
      await c.close();
      await proxy.close();
    }
  });

  it('takes a document PouchDB wrote in our format; the team’s server refuses a malformed one', async () => {
    const { default: PouchDB } = await import('pouchdb-node');
    const remote = new PouchDB(`${server.url}${database}`, {
      auth: { username: ALICE.name, password: ALICE.password },
      skip_setup: true,
    });
    const mine = { createdBy: ALICE.name, updatedBy: ALICE.name };
    const good = { ...seedConnection(1, 'pouchdb'), ...mine };
    const malformed = { ...seedConnection(2, 'pouchdb'), ...mine, status: 'archived' };
    const results = await remote.bulkDocs([good, malformed]);
    await remote.close();
    const [taken, refused] = [good, malformed].map((d) => results.find((r) => r.id === d._id));
    expect(taken).toMatchObject({ ok: true });
    // The rules' own words (a replica refuses such a document too: lib/sync/sync.test.ts).
    expect(refused).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/^status: /) });
    const id = good._id.slice('connection:'.length);
    await expect
      .poll(async () => (await sendRaw(await b.extensionPage(), 'connections.get', { id })).ok, { timeout: 10_000 })
      .toBe(true);
    const bad = await sendRaw(await b.extensionPage(), 'connections.get', { id: malformed._id.slice(11) });
    expect(bad.ok).toBe(false);
  });

  it('refused access to the server: the status says what is missing and how to grant it', async () => {
    const c = await startSession({ display: display.display });
    try {
      const options = await configure(c, { url: server.url, database, password: ALICE.password }, 'deny');
      await expect.poll(async () => (await status(c)).problem, { timeout: 10_000 }).toBe('permission');
      const form = options.getByRole('region', { name: 'Team sync' });
      await expect.poll(() => form.textContent(), { timeout: 5_000 }).toMatch(/not granted/);
      expect((await status(c)).reason).toMatch(/press Save to allow it/);
      // Nothing else broke: the extension still works locally.
      await send(await c.extensionPage(), 'connections.create', {
        from: recordInput(fabrikam),
        to: recordInput(others[6]!),
      });
      expect((await status(c)).pending).toBe(1);
    } finally {
      await c.close();
    }
  });

  it('an initial sync of 10,000 connections shows progress and completes', async () => {
    const big = await server.createDatabase('big');
    await server.seed(big, 10_000);
    const c = await startSession({ display: display.display });
    try {
      const options = await configure(c, { url: server.url, database: big, password: ALICE.password });
      const bar = options.getByRole('region', { name: 'Team sync' }).locator('progress');
      await expect.poll(() => bar.count(), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
      await waitSynced(c, 60_000);
      const stats = await send(await c.extensionPage(), 'data.stats', {});
      expect(stats.connections).toBe(10_000);
    } finally {
      await c.close();
    }
  });
});
