// A self-hosted CRM switched on per site, in Firefox MV2: the run-time content script
// (scripting.registerContentScripts), its injection into the open tab, and a browser restart.
// The extension is the store package installed for good (a temporary add-on would not survive
// the restart). The toolbar popup's document is out of BiDi's reach, so "Enable on this site" →
// Allow is stood in for by the grant Firefox makes on Allow (Session.grantOrigin); the
// background's own permissions.onAdded handler does the rest, as after a real Allow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelfHostedDemo, type SelfHostedDemo } from '../../demo/self-hosted.mjs';
import { recordKey } from '../../lib/model';
import { pageState, send, type Session, startSession, waitFor } from './harness';

describe('Firefox: a self-hosted CRM switched on per site', () => {
  const profile = mkdtempSync(join(tmpdir(), 'connections-ff-profile-'));
  let crm: SelfHostedDemo;
  let s: Session;
  beforeAll(async () => {
    crm = await startSelfHostedDemo();
    s = await startSession({ profile, permanent: true });
  });
  afterAll(async () => {
    await s?.close();
    await crm?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  const site = () => `http://${new URL(crm.origin).hostname}`; // sites are per host, any port
  const pattern = () => `${site()}/*`;
  const openRecord = async (): Promise<Page> => {
    const page = await s.newPage();
    await page.goto(crm.records[0]!.url);
    return page;
  };
  /** What the browser itself holds for the extension: granted origins and registered scripts. */
  const browserState = async () =>
    (await s.extensionPage()).evaluate(async () => {
      const b = (
        globalThis as unknown as {
          browser: {
            permissions: { getAll(): Promise<{ origins?: string[] }> };
            scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
          };
        }
      ).browser;
      return {
        origins: (await b.permissions.getAll()).origins ?? [],
        scripts: (await b.scripting.getRegisteredContentScripts()).map((c) => c.id),
      };
    });

  it('is off until enabled: no UI on the page', async () => {
    const page = await openRecord();
    await new Promise((r) => setTimeout(r, 500));
    expect((await pageState(page)).connect).toBe(false);
    expect(await send(await s.extensionPage(), 'sites.status', { url: crm.records[0]!.url })).toMatchObject({
      builtIn: false,
      enabled: false,
    });
    await page.close();
  });

  it('granted: the UI appears on the open page, the script is registered, the record remembered', async () => {
    const page = await openRecord();
    await s.grantOrigin(pattern());
    const record = crm.records[0]!;
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(record),
    );
    expect(await send(await s.extensionPage(), 'sites.list', {})).toEqual([site()]);
    // The SaaS CRM hosts are granted at install (the manifest's permissions); the site joins them.
    expect(await browserState()).toMatchObject({
      origins: expect.arrayContaining([pattern()]),
      scripts: [`site:${site()}`],
    });
    await waitFor(
      async () => (await send(await s.extensionPage(), 'records.get', { key: recordKey(record) }))?.name,
      (n) => n === record.name,
    );
    await page.close();
  });

  it('stays enabled after Firefox restarts', async () => {
    await s.close();
    s = await startSession({ profile, permanent: true });
    const page = await openRecord();
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(crm.records[0]!),
    );
    expect((await browserState()).scripts).toEqual([`site:${site()}`]);
    await page.close();
  });

  it('disabled: the UI leaves the page, the registration and the permission are gone', async () => {
    const page = await openRecord();
    await waitFor(
      async () => (await pageState(page)).connect,
      (shown) => shown,
    );
    await send(await s.extensionPage(), 'sites.disable', { origin: site() });
    await waitFor(
      async () => (await pageState(page)).connect,
      (shown) => !shown,
    );
    const after = await browserState();
    expect(after.origins).not.toContain(pattern());
    expect(after.scripts).toEqual([]);
    await page.reload();
    await new Promise((r) => setTimeout(r, 500));
    expect((await pageState(page)).connect).toBe(false);
  });
});
