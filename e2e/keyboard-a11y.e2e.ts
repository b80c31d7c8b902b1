import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RECORDS } from '../demo/records.mjs';
import { recordKey } from '../lib/model';
import { recordInput, send, type Session, startSession } from './harness';
import { pageUi } from './page-ui';
import { startDisplay } from './xvfb';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const fabrikam = DEMO_RECORDS[0];

/**
 * axe-core inside one of our frames (evaluated, as the frame's policy allows no injected script
 * tag); only serious and critical findings fail.
 */
async function axeProblems(frame: Frame, selector: string) {
  await frame.evaluate(axeSource);
  return frame.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ include: [sel] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.map((n) => (n as { target: unknown; failureSummary: string }).target + ' ' + (n as { failureSummary: string }).failureSummary))}`,
      );
  }, selector);
}

/** Escape closes an open suggestion list first, then the dialog (its frame goes). */
async function closeDialog(page: Page) {
  const ui = pageUi(page);
  for (let i = 0; i < 3 && (await ui.dialogOpen()); i++) {
    await page.keyboard.press('Escape');
    await new Promise((r) => setTimeout(r, 150));
  }
  await expect.poll(() => ui.dialogOpen()).toBe(false);
}

// Real key presses in a real window: headless Chromium does not deliver extension shortcuts.
describe('keyboard shortcuts and accessibility', () => {
  let display: Awaited<ReturnType<typeof startDisplay>>;
  let s: Session;
  let page: Page;

  beforeAll(async () => {
    display = await startDisplay();
    s = await startSession({ display: display.display });
    const ext = await s.extensionPage();
    for (const other of DEMO_RECORDS.slice(4, 7)) {
      await send(ext, 'connections.create', {
        from: recordInput(fabrikam),
        to: recordInput(other),
        toRoleId: 'builtin-colleague',
        fromRoleId: 'builtin-colleague',
        description: 'Worked together on the FY26 rollout',
      });
    }
    page = s.context.pages()[0] ?? (await s.context.newPage());
    await page.goto(fabrikam.url);
    await page.bringToFront();
  });
  afterAll(async () => {
    await s?.close();
    display?.stop();
  });

  it('Alt+Shift+K toggles the Connections panel', async () => {
    const ui = pageUi(page);
    await expect.poll(ui.recordKey, { timeout: 10_000 }).toBe(recordKey(fabrikam));
    await display.keys('alt+shift+k');
    await expect.poll(() => ui.panelOpen(), { timeout: 5_000 }).toBe(true);
    await (await ui.panel()).waitFor();
    await display.keys('alt+shift+k');
    await expect.poll(() => ui.panelOpen(), { timeout: 5_000 }).toBe(false);
  });

  it('the shortcuts are registered as the panel help shows them', async () => {
    const shortcuts = await s.worker.evaluate(async () =>
      Object.fromEntries((await chrome.commands.getAll()).map((c) => [c.name, c.shortcut])),
    );
    expect(shortcuts).toMatchObject({
      'new-connection': 'Alt+Shift+J',
      'toggle-panel': 'Alt+Shift+K',
      _execute_action: 'Alt+Shift+O',
    });
  });

  it('Alt+Shift+J (Chromium refuses Alt+Shift+C) opens New Connection with the focus in Name; Esc closes it', async () => {
    const ui = pageUi(page);
    await display.keys('alt+shift+j');
    await (await ui.dialog()).waitFor({ timeout: 5_000 });
    const frame = await ui.dialogFrame();
    await expect.poll(() => frame.evaluate(() => document.hasFocus() && document.activeElement?.id)).toBe('target');
    await display.keys('Escape');
    await expect.poll(() => ui.dialogOpen(), { timeout: 5_000 }).toBe(false);
    // The focus is back on the CRM's page, which the shortcut left.
    expect(await page.evaluate(() => document.hasFocus())).toBe(true);
  });

  it('the popup opened with Alt+Shift+O opens the panel with Enter ("Open Connections")', async () => {
    const ui = pageUi(page);
    await display.keys('alt+shift+o');
    await new Promise((r) => setTimeout(r, 800));
    await display.keys('Return');
    await expect.poll(() => ui.panelOpen(), { timeout: 5_000 }).toBe(true);
    await display.keys('alt+shift+k');
    await expect.poll(() => ui.panelOpen(), { timeout: 5_000 }).toBe(false);
  });

  it('the panel has no serious or critical accessibility problems, in light and dark themes', async () => {
    const ui = pageUi(page);
    await ui.openPanel();
    await (await ui.rows()).first().waitFor();
    const frame = await ui.panelFrame();
    expect(await axeProblems(frame, '.panel')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeProblems(frame, '.panel')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the dialog has no serious or critical accessibility problems, also showing errors', async () => {
    const ui = pageUi(page);
    const panel = await ui.openPanel();
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
    await panel.getByRole('menuitem', { name: 'To Another' }).click();
    const dialog = await ui.dialog();
    await dialog.waitFor();
    const frame = await ui.dialogFrame();
    expect(await axeProblems(frame, '.dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Save & Close' }).click(); // no Name: an inline error
    await dialog.locator('#target-error').waitFor();
    expect(await axeProblems(frame, '.dialog')).toEqual([]);
    await closeDialog(page);
  });

  it('keeps Tab inside the dialog', async () => {
    const ui = pageUi(page);
    const panel = await ui.openPanel();
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
    await panel.getByRole('menuitem', { name: 'To Another' }).click();
    await (await ui.dialog()).waitFor();
    const frame = await ui.dialogFrame();
    await expect.poll(() => frame.evaluate(() => document.hasFocus())).toBe(true);
    const inside: boolean[] = [];
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      inside.push(
        await frame.evaluate(
          () => document.hasFocus() && !!document.querySelector('.dialog')?.contains(document.activeElement),
        ),
      );
    }
    expect(inside.every(Boolean)).toBe(true);
    await closeDialog(page);
  });
});

describe('a record with 1,000 connections', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens its panel with a window of rows, loads more on scroll and filters', async () => {
    const ext = await s.extensionPage();
    const hub = recordInput(DEMO_RECORDS[8]!);
    await ext.evaluate(async (from) => {
      const sends = [];
      for (let i = 0; i < 1000; i++) {
        const to = {
          crm: 'hubspot',
          tenant: '999',
          entityType: 'contact',
          recordId: String(10_000 + i),
          name: `Contact ${i}`,
          url: `https://app.hubspot.com/contacts/999/record/0-1/${10_000 + i}`,
        };
        sends.push(
          chrome.runtime.sendMessage({
            type: 'connections.create',
            payload: { from, to, toRoleId: 'builtin-influencer' },
          }),
        );
      }
      await Promise.all(sends);
    }, hub);
    const page = await s.context.newPage();
    await page.goto(hub.url);
    const ui = pageUi(page);
    await expect.poll(ui.count, { timeout: 15_000 }).toBe('1000');
    const panel = await ui.openPanel();
    const rows = await ui.rows();
    await rows.first().waitFor();
    const first = await rows.count();
    expect(first).toBeLessThan(1000);
    await panel.locator('.list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => rows.count()).toBeGreaterThan(first);
    await panel.getByRole('searchbox', { name: 'Filter connections' }).fill('Contact 999');
    await expect.poll(() => rows.count()).toBe(1);
    await page.close();
  });
});
