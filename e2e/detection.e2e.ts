import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS, type DemoRecord } from '../demo/records.mjs';
import { recordKey } from '../lib/model';
import { recordInput, send, type Session, startSession } from './harness';
import { inPageNodes, pageUi } from './page-ui';

const first = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;

describe('record pages at their real CRM URLs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  const remembered = async (r: DemoRecord) =>
    (await send(await s.extensionPage(), 'records.get', { key: recordKey(r) }))?.name;

  for (const crm of ['dynamics365', 'salesforce', 'hubspot', 'pipedrive', 'zoho', 'odoo']) {
    it(`${crm}: detects the record, shows the UI and remembers the name`, async () => {
      const record = first(crm);
      const page = await s.context.newPage();
      await page.goto(record.url);
      await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(recordKey(record));
      await expect.poll(() => remembered(record), { timeout: 5_000 }).toBe(record.name);
      await page.close();
    });
  }

  it('frames its panel and dialog into a page with a strict Content-Security-Policy (Salesforce)', async () => {
    const record = first('salesforce');
    const page = await s.context.newPage();
    const response = await page.goto(record.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'; frame-src 'self'");
    const ui = pageUi(page);
    const panel = await ui.openPanel();
    await expect.poll(() => panel.locator('.record-name').textContent()).toContain(record.name);
    const dialog = await ui.startNew();
    await expect.poll(() => dialog.getByRole('heading').first().textContent()).toBe('New Connection');
    // The policy is in force: a frame of another origin that the page makes itself is refused.
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
          const frame = document.createElement('iframe');
          frame.src = 'https://example.com/';
          document.body.append(frame);
        }),
    );
    expect(violated).toBe('frame-src');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => ui.dialogOpen()).toBe(false);
    // Collapsed again, as the next tests on this CRM expect it (the panel's state is kept per CRM).
    await panel.getByRole('button', { name: 'Collapse the Connections panel' }).click();
    await expect.poll(() => ui.panelOpen()).toBe(false);
    await page.close();
  });

  it('stays out of non-record pages', async () => {
    const page = await s.context.newPage();
    await page.goto('https://contoso.lightning.force.com/lightning/o/Account/list');
    await page.waitForTimeout(500);
    expect(await pageUi(page).hasConnect()).toBe(false);
    await page.close();
  });

  it('follows in-app navigation to another record, never showing the previous record’s count', async () => {
    const a = first('salesforce');
    const b = first('salesforce', 1);
    const ext = await s.extensionPage();
    await send(ext, 'connections.create', { from: recordInput(a), to: recordInput(first('hubspot')) });
    const page = await s.context.newPage();
    await page.goto(a.url);
    await expect.poll(pageUi(page).count, { timeout: 10_000 }).toBe('1');
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));
    await page.locator(`a[href*="${b.recordId}"]`).first().click();
    await expect.poll(pageUi(page).recordKey, { timeout: 5_000 }).toBe(recordKey(b));
    expect(await pageUi(page).count()).not.toBe('1');
    await expect.poll(pageUi(page).count).toBe('0');
    await expect.poll(() => remembered(b), { timeout: 5_000 }).toBe(b.name);
    expect(loads).toEqual([]); // it really was an in-app navigation
    await page.goBack();
    await expect.poll(pageUi(page).recordKey, { timeout: 5_000 }).toBe(recordKey(a));
    await page.close();
  });

  it('closes a dialog opened for one record when the CRM moves straight on to the next', async () => {
    const [a, b] = [first('salesforce'), first('salesforce', 1)];
    const page = await s.context.newPage();
    await page.goto(a.url);
    const ui = pageUi(page);
    await expect.poll(ui.recordKey, { timeout: 10_000 }).toBe(recordKey(a));
    await ui.startNew();
    // The CRM's own script navigates (the dialog covers its links), as an SPA redirect would.
    await page.evaluate((id) => document.querySelector<HTMLAnchorElement>(`a[href*="${id}"]`)!.click(), b.recordId);
    await expect.poll(ui.recordKey, { timeout: 5_000 }).toBe(recordKey(b));
    await expect.poll(ui.dialogOpen).toBe(false);
    await page.close();
  });

  it('picks up a name that renders late and a rename, in the page and in connections', async () => {
    const record = first('dynamics365', 1);
    const other = first('pipedrive');
    const ext = await s.extensionPage();
    await send(ext, 'connections.create', { from: recordInput(other), to: { ...recordInput(record), name: '' } });
    const page = await s.context.newPage();
    await page.goto(record.url);
    await expect.poll(() => remembered(record), { timeout: 5_000 }).toBe(record.name);
    await page.locator('[data-demo-rename]').first().click();
    await expect.poll(() => remembered(record), { timeout: 5_000 }).toBe(`${record.name} (renamed)`);
    const [view] = await send(ext, 'connections.listForRecord', { key: recordKey(other) });
    expect(view?.other.name).toBe(`${record.name} (renamed)`);
    await page.close();
  });

  it('shows Connect beside a title the CRM paints late, never first floating elsewhere', async () => {
    const record = first('dynamics365', 1);
    const page = await s.context.newPage();
    await page.goto(record.url);
    // Every place Connect is seen in, from the first moment it is on the page until the name is in.
    const seen = new Set<string>();
    const end = Date.now() + 10_000;
    while (Date.now() < end) {
      const wrap = (await inPageNodes(page)).find((n) => n.attrs.class?.split(' ').includes('connect'));
      if (wrap) seen.add(wrap.attrs.class!);
      if (seen.size && (await remembered(record)) === record.name) break;
      await page.waitForTimeout(20);
    }
    expect([...seen]).toEqual(['connect']);
    // Without the title at all (a CRM that changed its markup), it floats once the wait is over.
    await page.evaluate(() => document.querySelector('h1[data-id="header_title"]')?.remove());
    await expect
      .poll(async () => (await inPageNodes(page)).find((n) => n.attrs.class?.includes('connect'))?.attrs.class, {
        timeout: 5_000,
      })
      .toBe('connect floating');
    await page.close();
  });

  it('treats a hostile record name as text', async () => {
    const record = DEMO_RECORDS.find((r) => r.name.startsWith('<img'))!;
    const page = await s.context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => (dialogs++, void d.dismiss()));
    await page.goto(record.url);
    const ui = pageUi(page);
    await expect.poll(ui.recordKey, { timeout: 10_000 }).toBe(recordKey(record));
    const panel = await ui.openPanel();
    await expect.poll(() => panel.locator('.record-name').textContent()).toContain(record.name);
    expect(await panel.locator('img').count()).toBe(0);
    expect((await inPageNodes(page)).filter((n) => n.tag === 'img')).toEqual([]);
    expect(await remembered(record)).toBe(record.name);
    expect(dialogs).toBe(0);
    await page.close();
  });

  it('keeps a 10,000-character name with right-to-left marks as text, clipped to the name limit', async () => {
    const id = 'abcdef01-2345-4678-9abc-def012345678';
    const url = `https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${id}`;
    const name = `\u202eevil\u202c ${'x'.repeat(10_000)}`;
    const page = await s.context.newPage();
    await page.route(url, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><title>x</title><h1 data-id="header_title"></h1>`,
      }),
    );
    await page.goto(url);
    await page.evaluate((n) => (document.querySelector('h1')!.textContent = n), name);
    const key = `dynamics365:contoso.crm.dynamics.com:*:${id}`;
    await expect.poll(pageUi(page).recordKey, { timeout: 10_000 }).toBe(key);
    await expect
      .poll(async () => (await send(await s.extensionPage(), 'records.get', { key }))?.name.length, { timeout: 5_000 })
      .toBe(1000);
    expect((await send(await s.extensionPage(), 'records.get', { key }))?.name.startsWith('\u202eevil\u202c x')).toBe(
      true,
    );
    await page.close();
  });
});
