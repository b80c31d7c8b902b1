import type { Page } from 'playwright-core';

/** The extension's UI on a CRM page, as tests look at it (roles and names as users know them). */
export function pageUi(page: Page) {
  const main = page.locator('crm-connections');
  const app = main.locator('.app');
  return {
    app,
    recordKey: () => app.getAttribute('data-record-key', { timeout: 2_000 }).catch(() => null),
    /** Active connections of the record on screen, as the UI shows them. */
    count: () => app.getAttribute('data-active-count', { timeout: 2_000 }).catch(() => null),
    /** "Connect" beside the title, else the floating one, else the panel's. */
    connect: page.locator('crm-connections-connect, crm-connections').getByRole('button', { name: 'Connect' }).first(),
    menuItem: (name: 'To Another' | 'To Me') => page.getByRole('menuitem', { name }),
    tab: main.locator('button.tab'),
    panel: main.getByRole('region', { name: 'Connections' }),
    dialog: main.getByRole('dialog'),
    rows: main.getByRole('region', { name: 'Connections' }).locator('li.row'),
    row: (name: string) => main.locator('li.row').filter({ has: page.locator('.name', { hasText: name }) }),
  };
}
