import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { recordKey } from '../lib/model';
import { send, startSession, type Session } from './harness';
import { pageUi } from './page-ui';

const fabrikam = DEMO_RECORDS[0]; // Dynamics account
const amelie = DEMO_RECORDS.find((r) => r.crm === 'hubspot')!; // HubSpot contact

describe('role administration in the popup', () => {
  let s: Session;
  let popup: Page;
  beforeAll(async () => {
    s = await startSession();
    popup = await s.context.newPage();
    await popup.goto(s.extensionUrl('popup.html#/roles'));
  });
  afterAll(async () => {
    await s?.close();
  });

  const role = (name: string) =>
    popup.locator('li.role').filter({ has: popup.locator('.role-name', { hasText: name }) });

  it('lists the roles by category with how many connections use each', async () => {
    await popup.getByRole('heading', { name: 'Stakeholder (7)' }).waitFor();
    expect(await role('Champion').locator('.usage').textContent()).toBe('0');
  });

  it('creates a role with a matching role, limited to a record type', async () => {
    await popup.getByRole('button', { name: 'New role' }).click();
    await popup.getByLabel('Name').fill('Sponsor');
    await popup.getByLabel('Category').selectOption('Stakeholder');
    await popup.getByLabel('Add a matching role').selectOption({ label: 'Account Manager (Sales Team)' });
    await popup.getByLabel('Add a record type').fill('contact');
    await popup.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByRole('button', { name: 'Save' }).click();
    await role('Sponsor').waitFor();
    const roles = await send(popup, 'roles.list', {});
    const sponsor = roles.find((r) => r.name === 'Sponsor')!;
    expect(sponsor).toMatchObject({
      category: 'Stakeholder',
      matchingRoleIds: ['builtin-account-manager'],
      appliesTo: ['contact'],
    });
    expect(roles.find((r) => r.id === 'builtin-account-manager')?.matchingRoleIds).toEqual([sponsor.id]);
  });

  it('offers the new role in New Connection for contacts only, with its match as My role', async () => {
    const page = await s.context.newPage();
    await page.goto(amelie.url); // seen, so it can be found by name
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(amelie));
    await page.goto(fabrikam.url);
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(fabrikam));
    await expect
      .poll(async () => (await send(popup, 'records.get', { key: recordKey(fabrikam) }))?.name)
      .toBe(fabrikam.name);
    const ui = pageUi(page);
    let dialog = await ui.startNew();
    await dialog.getByRole('combobox', { name: 'Name' }).fill('amelie');
    await dialog.getByRole('listbox').getByRole('option').first().click();
    await dialog.getByLabel('As this role').selectOption({ label: 'Sponsor' });
    expect(await dialog.getByLabel('My role').locator('option:checked').textContent()).toBe('Account Manager');
    await dialog.getByRole('button', { name: 'Save & Close' }).click();
    await expect.poll(() => ui.dialogOpen()).toBe(false);
    // Fabrikam is an account: "Sponsor" (contacts only) is not offered for it as a target.
    await page.goto(amelie.url);
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(amelie));
    dialog = await ui.startNew();
    await dialog.getByRole('combobox', { name: 'Name' }).fill('fabrikam');
    await dialog.getByRole('listbox').getByRole('option').filter({ hasText: fabrikam.name }).click();
    const offered = await dialog.getByLabel('As this role').locator('option').allTextContents();
    expect(offered).not.toContain('Sponsor');
    expect(offered).toContain('Account Manager');
    await page.close();
  });

  it('a deactivated role leaves the pickers but stays named on its connections', async () => {
    await popup.reload();
    await role('Sponsor').getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => role('Sponsor').textContent()).toContain('Inactive');
    const page = await s.context.newPage();
    await page.goto(fabrikam.url);
    const ui = pageUi(page);
    await expect.poll(ui.count, { timeout: 10_000 }).toBe('1');
    const panel = await ui.openPanel();
    const row = await ui.row(amelie.name);
    await expect.poll(() => row.textContent()).toContain('as Sponsor');
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
    await panel.getByRole('menuitem', { name: 'To Another' }).click();
    const dialog = await ui.dialog();
    await dialog.getByRole('combobox', { name: 'Name' }).fill('amelie');
    await dialog.getByRole('listbox').getByRole('option').first().click();
    expect(await dialog.getByLabel('As this role').locator('option').allTextContents()).not.toContain('Sponsor');
    await page.close();
  });

  it('refuses to delete a role in use, then clears it from the connections and deletes it', async () => {
    await popup.reload();
    await role('Sponsor').getByRole('button', { name: 'Delete' }).click();
    await role('Sponsor').getByRole('group').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => role('Sponsor').textContent()).toContain('used by 1 connection');
    await role('Sponsor').getByRole('button', { name: 'Clear from connections and delete' }).click();
    await expect.poll(() => role('Sponsor').count()).toBe(0);
    const [view] = await send(popup, 'connections.listForRecord', { key: recordKey(fabrikam) });
    expect(view?.otherRole).toBeNull();
  });

  it('refuses a name that exists already, next to the field', async () => {
    await popup.goto(s.extensionUrl('popup.html#/roles/new'));
    await popup.getByLabel('Name').fill('account manager');
    await popup.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => popup.locator('#name-error').textContent()).toContain('already exists');
    await popup.getByRole('button', { name: 'Cancel' }).click();
  });

  it('restores deleted default roles without duplicating', async () => {
    await send(popup, 'roles.delete', { id: 'builtin-friend' });
    await popup.goto(s.extensionUrl('popup.html#/roles'));
    await popup.getByRole('button', { name: 'Restore default roles' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toContain('Restored 1 default role');
    await expect.poll(() => role('Friend').count()).toBe(1);
  });

  it('has no serious or critical accessibility problems', async () => {
    // Extension pages forbid inline scripts (CSP); evaluating through DevTools is allowed.
    await popup.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const problems = await popup.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string }[] }> } })
        .axe;
      return (await axe.run()).violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id);
    });
    expect(problems).toEqual([]);
  });
});
