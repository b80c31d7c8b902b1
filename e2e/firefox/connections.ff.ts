import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS, type DemoRecord } from '../../demo/records.mjs';
import { recordKey } from '../../lib/model';
import {
  clickOurs,
  fill,
  find,
  frameOf,
  pageState,
  selectLabel,
  send,
  type Session,
  startSession,
  waitFor,
} from './harness';
import { ourFrame } from './in-page';

const rec = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;
const fabrikam = rec('dynamics365'); // Fabrikam, Inc. (account)
const jose = rec('salesforce', 1); // José Núñez (contact)
const amelie = rec('hubspot'); // Amélie Dubois (contact)

describe('Firefox: New Connection, the panel and role administration', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
    // Visit the targets once so the dialog can find them by name, as a user would have.
    for (const r of [jose, amelie]) await (await open(r)).close();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A record page once it has settled: record detected, name remembered, count loaded. */
  async function open(r: DemoRecord) {
    const page = await s.newPage();
    await page.goto(r.url);
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(r) && st.count !== null,
    );
    const ext = await s.extensionPage();
    await waitFor(
      async () => (await send(ext, 'records.get', { key: recordKey(r) }))?.name,
      (n) => n === r.name,
    );
    return page;
  }
  /** Connect → To Another, then the target found by typing part of its name; resolves to the dialog's frame. */
  async function startNew(page: Page, search: string, target: string) {
    await clickOurs(page, 'Connect');
    await clickOurs(page, 'To Another');
    const dialog = await frameOf(page, 'dialog');
    await fill(await find(dialog, '[role=dialog] #target'), search);
    await (await find(dialog, '[role=option]', new RegExp(target))).click();
    return dialog;
  }
  const roleChosen = (dialog: Frame, id: string) =>
    find(dialog, `[role=dialog] #${id}`).then((el) =>
      el.evaluate((e) => (e as HTMLSelectElement).selectedOptions[0]?.text),
    );
  const saved = (page: Page) =>
    waitFor(
      () => ourFrame(page, 'dialog'),
      (f) => f === null,
    );
  const row = async (page: Page, name: string) => {
    if (!(await pageState(page)).panel) await clickOurs(page, 'Connections');
    return find(await frameOf(page, 'panel'), 'li.row', new RegExp(name));
  };

  it('creates a connection in the New Connection dialog, shown with both roles', async () => {
    const page = await open(fabrikam);
    const dialog = await startNew(page, 'jose', jose.name);
    await selectLabel(await find(dialog, '[role=dialog] #toRoleId'), 'Employee');
    expect(await roleChosen(dialog, 'fromRoleId')).toBe('Employer'); // pre-filled with the match
    await fill(await find(dialog, '[role=dialog] #description'), 'Head of purchasing');
    await (await find(dialog, '[role=dialog] button', 'Save & Close')).click();
    await saved(page);
    const text = await (await row(page, jose.name)).evaluate((e) => e.textContent);
    expect(text).toContain('as Employee');
    expect(text).toContain('this record: Employer');
    expect(text).toContain('Head of purchasing');
    await waitFor(
      async () => (await pageState(page)).count,
      (c) => c === '1',
    );
    await page.close();
  });

  it('shows it from the other record’s panel with the reciprocal roles', async () => {
    const page = await open(jose);
    const text = await (await row(page, fabrikam.name)).evaluate((e) => e.textContent);
    expect(text).toContain('as Employer');
    expect(text).toContain('this record: Employee');
    await page.close();
  });

  it('creates a role in the popup page and offers it in the dialog with its match as My role', async () => {
    const popup = await s.openExtensionPage('popup.html#/roles', 'li.role');
    await (await find(popup, 'button', 'New role')).click();
    await fill(await find(popup, '#name'), 'Sponsor');
    await selectLabel(await find(popup, '#category'), 'Stakeholder');
    await selectLabel(await find(popup, '#add-match'), 'Account Manager (Sales Team)');
    await fill(await find(popup, '[aria-label="Add a record type"]'), 'contact');
    await (await find(popup, 'button', 'Add')).click();
    await (await find(popup, 'button', 'Save')).click();
    await find(popup, 'li.role .role-name', 'Sponsor');
    const sponsor = (await send(popup, 'roles.list', {})).find((r) => r.name === 'Sponsor');
    expect(sponsor).toMatchObject({ matchingRoleIds: ['builtin-account-manager'], appliesTo: ['contact'] });
    await popup.close();

    const page = await open(fabrikam);
    const dialog = await startNew(page, 'amelie', amelie.name);
    await selectLabel(await find(dialog, '[role=dialog] #toRoleId'), 'Sponsor');
    expect(await roleChosen(dialog, 'fromRoleId')).toBe('Account Manager');
    await (await find(dialog, '[role=dialog] button', 'Save & Close')).click();
    await saved(page);
    expect(await (await row(page, amelie.name)).evaluate((e) => e.textContent)).toContain('as Sponsor');
    await page.close();
  });
});
