import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../../demo/records.mjs';
import { recordKey } from '../../lib/model';
import { clickOurs, find, frameOf, pageState, send, type Session, startSession, waitFor } from './harness';
import { ourFrame } from './in-page';

const first = (crm: string, skip = 0) => DEMO_RECORDS.filter((r) => r.crm === crm)[skip]!;

describe('Firefox: record pages at their real CRM URLs', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const crm of ['dynamics365', 'salesforce', 'hubspot', 'pipedrive', 'zoho', 'odoo']) {
    it(`${crm}: detects the record, shows the UI and remembers the name`, async () => {
      const record = first(crm);
      const page = await s.newPage();
      await page.goto(record.url);
      await waitFor(
        () => pageState(page),
        (st) => st.key === recordKey(record),
      );
      const ext = await s.extensionPage();
      await waitFor(
        async () => (await send(ext, 'records.get', { key: recordKey(record) }))?.name,
        (n) => n === record.name,
      );
      await page.close();
    });
  }

  it('frames its panel and dialog into a page with a strict Content-Security-Policy (Salesforce)', async () => {
    const record = first('salesforce');
    const page = await s.newPage();
    const response = await page.goto(record.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'; frame-src 'self'");
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(record),
    );
    await clickOurs(page, 'Connections');
    await find(await frameOf(page, 'panel'), '.record-name', new RegExp(record.name));
    await clickOurs(page, 'Connect');
    await clickOurs(page, 'To Another');
    await find(await frameOf(page, 'dialog'), '[role=dialog] h2', 'New Connection');
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
    await (await find(await frameOf(page, 'dialog'), '[role=dialog] button', 'Cancel')).click();
    await waitFor(
      () => ourFrame(page, 'dialog'),
      (f) => f === null,
    );
    // Collapsed again, as the next tests on this CRM expect it (the panel's state is kept per CRM).
    await (await find(await frameOf(page, 'panel'), 'button[aria-label="Collapse the Connections panel"]')).click();
    await waitFor(
      async () => (await pageState(page)).panel,
      (open) => !open,
    );
    await page.close();
  });

  it('stays out of non-record pages', async () => {
    const page = await s.newPage();
    await page.goto('https://contoso.lightning.force.com/lightning/o/Account/list');
    await new Promise((r) => setTimeout(r, 500));
    expect((await pageState(page)).connect).toBe(false);
    await page.close();
  });

  it('follows in-app navigation to another record', async () => {
    const [a, b] = [first('salesforce'), first('salesforce', 1)];
    const page = await s.newPage();
    await page.goto(a.url);
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(a),
    );
    await (await find(page, `a[href*="${b.recordId}"]`)).click();
    await waitFor(
      () => pageState(page),
      (st) => st.key === recordKey(b),
    );
    await page.close();
  });

  it('has the Firefox keyboard shortcuts, the popup one as _execute_browser_action (MV2)', async () => {
    const shortcuts = await send(await s.extensionPage(), 'commands.list', {});
    expect(Object.fromEntries(shortcuts.map((c) => [c.name, c.shortcut]))).toEqual({
      'new-connection': 'Alt+Shift+C',
      'toggle-panel': 'Alt+Shift+K',
      _execute_browser_action: 'Alt+Shift+O',
    });
  });
});
