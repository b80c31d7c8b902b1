import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS, type DemoRecord } from '../demo/records.mjs';
import { recordKey } from '../lib/model';
import { recordInput, send, type Session, startSession, stopServiceWorker, until } from './harness';
import { pageUi } from './page-ui';

const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
const fabrikam = rec('dynamics365'); // Fabrikam, Inc. (account)
const jose = rec('salesforce', 1); // José Núñez (contact)
const amelie = rec('hubspot'); // Amélie Dubois (contact)

describe('Connect, the Connections panel and the New Connection dialog', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
    // Visit the targets once so the dialog can find them by name, as a user would have.
    const page = await s.context.newPage();
    for (const r of [jose, amelie]) {
      await page.goto(r.url);
      await until(pageUi(page).recordKey, recordKey(r));
    }
    const ext = await s.extensionPage();
    await until(async () => (await send(ext, 'records.get', { key: recordKey(jose) }))?.name, jose.name);
    await page.close();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A record page once it has settled: record detected, name rendered, count loaded. */
  const open = async (r: DemoRecord) => {
    const page = await s.context.newPage();
    await page.goto(r.url);
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(r));
    const ext = await s.extensionPage();
    await expect.poll(async () => (await send(ext, 'records.get', { key: recordKey(r) }))?.name).toBe(r.name);
    await expect.poll(pageUi(page).count, { timeout: 5_000 }).not.toBeNull();
    return page;
  };
  const openPanel = async (page: Page) => {
    const ui = pageUi(page);
    await ui.openPanel();
    return ui;
  };
  const startNew = (page: Page) => pageUi(page).startNew();
  const dialogGone = (page: Page) => expect.poll(() => pageUi(page).dialogOpen()).toBe(false);
  const pickTarget = async (page: Page, text: string, option: string) => {
    const dialog = await pageUi(page).dialog();
    await dialog.getByRole('combobox', { name: 'Name' }).fill(text);
    await dialog.getByRole('listbox').getByRole('option').filter({ hasText: option }).first().click();
  };

  it('creates A→B with both roles from A’s page; the row appears with both roles', async () => {
    const page = await open(fabrikam);
    const dialog = await startNew(page);
    expect(await dialog.getByRole('heading').first().textContent()).toBe('New Connection');
    await pickTarget(page, 'jose', jose.name);
    await dialog.getByLabel('As this role').selectOption({ label: 'Employee' });
    // "My role" is pre-filled with the first matching role.
    expect(await dialog.getByLabel('My role').locator('option:checked').textContent()).toBe('Employer');
    await dialog.getByLabel('Description').fill('Head of purchasing');
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await dialogGone(page);
    const ui = await openPanel(page);
    const row = await ui.row(jose.name);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('as Employee');
    expect(await row.textContent()).toContain('this record: Employer');
    expect(await row.textContent()).toContain('Head of purchasing');
    expect(await pageUi(page).count()).toBe('1');
    await page.close();
  });

  it('shows A on B’s page with the reciprocal roles', async () => {
    const page = await open(jose);
    const ui = await openPanel(page);
    const row = await ui.row(fabrikam.name);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('as Employer');
    expect(await row.textContent()).toContain('this record: Employee');
    await page.close();
  });

  it('Save & New saves and clears the form for the next one', async () => {
    const page = await open(amelie);
    const dialog = await startNew(page);
    await pickTarget(page, 'fabrikam', fabrikam.name);
    await dialog.getByLabel('As this role').selectOption({ label: 'Champion' });
    await dialog.getByRole('button', { name: 'Save & New' }).click();
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Name' }).inputValue()).toBe('');
    await pickTarget(page, 'jose', jose.name);
    await dialog.getByLabel('As this role').selectOption({ label: 'Colleague' });
    expect(await dialog.getByLabel('My role').locator('option:checked').textContent()).toBe('Colleague');
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await dialogGone(page);
    await expect.poll(pageUi(page).count).toBe('2');
    await page.close();
  });

  it('edits, deactivates and activates a connection', async () => {
    const page = await open(fabrikam);
    const ui = await openPanel(page);
    const row = await ui.row(jose.name);
    await row.getByRole('button', { name: 'Edit' }).click();
    const dialog = await ui.dialog();
    expect(await dialog.getByRole('heading').first().textContent()).toBe('Edit Connection');
    await dialog.getByLabel('Description').fill('Head of purchasing since May');
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await expect.poll(() => row.textContent()).toContain('since May');
    await row.getByRole('button', { name: 'Deactivate' }).click();
    // The panel shows active ones by default: the row leaves, and comes back under "Inactive".
    await expect.poll(() => row.count()).toBe(0);
    await (await ui.panel()).getByLabel('Inactive').check();
    await expect.poll(() => row.textContent()).toContain('Inactive');
    expect(await row.getByRole('button', { name: 'Edit' }).isDisabled()).toBe(true);
    await row.getByRole('button', { name: 'Activate' }).click();
    await (await ui.panel()).getByLabel('Active', { exact: true }).check();
    await expect.poll(() => row.count()).toBe(1);
    await page.close();
  });

  it('deletes after confirmation and brings it back with Undo', async () => {
    const page = await open(fabrikam);
    const ui = await openPanel(page);
    const row = await ui.row(jose.name);
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('group').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await (await ui.panel()).getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('since May');
    await page.close();
  });

  it('a role pair that stopped matching shows an inline error next to My role and saves nothing', async () => {
    const page = await open(fabrikam);
    const dialog = await startNew(page);
    await pickTarget(page, 'amelie', amelie.name);
    await dialog.getByLabel('As this role').selectOption({ label: 'Parent' });
    expect(await dialog.getByLabel('My role').locator('option:checked').textContent()).toBe('Child');
    // Meanwhile an administrator takes Child out of Parent's matching roles.
    const ext = await s.extensionPage();
    await send(ext, 'roles.update', { id: 'builtin-parent', patch: { matchingRoleIds: [] } });
    const before = await send(ext, 'connections.listForRecord', { key: recordKey(fabrikam) });
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    const error = dialog.locator('#fromRoleId-error');
    await expect.poll(() => error.textContent()).toContain('does not match');
    expect(await dialog.getByLabel('My role').getAttribute('aria-invalid')).toBe('true');
    expect(await send(ext, 'connections.listForRecord', { key: recordKey(fabrikam) })).toHaveLength(before.length);
    await send(ext, 'roles.update', { id: 'builtin-parent', patch: { matchingRoleIds: ['builtin-child'] } });
    await page.keyboard.press('Escape'); // dirty: asks first
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await dialogGone(page);
    await page.close();
  });

  it('finds a target in another CRM by its pasted address', async () => {
    const page = await open(fabrikam);
    const dialog = await startNew(page);
    const hubspotDeal = rec('hubspot', 2);
    await dialog.getByRole('combobox', { name: 'Name' }).fill(hubspotDeal.url);
    await dialog.getByRole('listbox').getByRole('option').filter({ hasText: 'From the pasted address' }).click();
    expect(await dialog.locator('#target-chosen').textContent()).toContain('HubSpot · deal');
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await dialogGone(page);
    const ui = await openPanel(page);
    const panel = await ui.panel();
    await expect.poll(() => panel.locator('li.row .meta').allTextContents()).toContain('HubSpot · deal');
    await page.close();
  });

  it('"To Me" asks who you are once, then connects the record to you', async () => {
    const page = await open(rec('pipedrive'));
    const ui = pageUi(page);
    await ui.clickConnect();
    await ui.clickMenuItem('To Me');
    const dialog = await ui.dialog();
    await dialog.getByLabel('Your name').fill('Dana Seller');
    await dialog.getByLabel('Email').fill('dana@example.com');
    await dialog.getByLabel('As this role').selectOption({ label: 'Account Manager' });
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await dialogGone(page);
    await openPanel(page);
    const row = await ui.row('Dana Seller');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('as Account Manager');
    expect(await row.textContent()).toContain('Owner: Dana Seller');
    await page.close();
  });

  it('two tabs on the same record update each other live', async () => {
    const [a, b] = [await open(rec('zoho')), await open(rec('zoho'))];
    await openPanel(b);
    await a.bringToFront();
    const dialog = await startNew(a);
    await pickTarget(a, 'fabrikam', fabrikam.name);
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await expect.poll(async () => (await pageUi(b).row(fabrikam.name)).count(), { timeout: 5_000 }).toBe(1);
    await a.close();
    await b.close();
  });

  it('keeps what was typed when the service worker restarts while the dialog is open', async () => {
    const page = await open(rec('odoo'));
    const dialog = await startNew(page);
    await pickTarget(page, 'amelie', amelie.name);
    await dialog.getByLabel('Description').fill('Typed before the restart');
    await stopServiceWorker(s);
    expect(await dialog.getByLabel('Description').inputValue()).toBe('Typed before the restart');
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await dialogGone(page);
    const ui = await openPanel(page);
    const row = await ui.row(amelie.name);
    await expect.poll(() => row.textContent()).toContain('Typed before the restart');
    await page.close();
  });

  it('renders hostile names and descriptions as text; long descriptions wrap', async () => {
    const hostile = DEMO_RECORDS.find((r) => r.name.startsWith('<img'))!;
    const ext = await s.extensionPage();
    await send(ext, 'connections.create', {
      from: recordInput(hostile),
      to: recordInput(rec('pipedrive', 1)),
      description: `<script>alert(1)</script> ${'word '.repeat(399)}`.slice(0, 2000),
    });
    const page = await open(hostile);
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, void d.dismiss()));
    const ui = await openPanel(page);
    const panel = await ui.panel();
    const description = panel.locator('.description');
    await expect.poll(() => description.textContent()).toContain('<script>alert(1)</script>');
    expect(await panel.locator('script, img').count()).toBe(0);
    const overflow = await description.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(dialogs).toBe(0);
    await page.close();
  });
});
