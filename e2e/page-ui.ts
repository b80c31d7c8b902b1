// The extension's UI on a CRM page, as the Chromium tests reach it. Its in-page part (Connect, its
// menu, the slim tab) lives in closed shadow roots, which neither the page nor Playwright's
// selectors can enter: the tests read it through the DevTools protocol (scripts/in-page.mjs) and
// click it where it is on screen with the real mouse, as a user does. The panel and the dialog
// are extension frames: Playwright reaches them as frames.
import type { Locator, Page } from 'playwright-core';
import {
  clickInPage,
  clickOurs,
  findOurs,
  inPageNodes,
  ourFrame,
  OURS,
  panelOpen,
  waitForFrame,
  type InPageNode,
} from '../scripts/in-page.mjs';

export { clickInPage, inPageNodes, ourFrame };

/** The extension's UI on a CRM page, as tests look at it (roles and names as users know them). */
export function pageUi(page: Page) {
  const find = (match: (n: InPageNode) => boolean) => findOurs(page, match);
  const connectWrap = () => find((n) => n.tag === 'div' && n.attrs.class?.split(' ').includes('connect') === true);
  const button = () => find(OURS.connect);
  const frame = (name: 'panel' | 'dialog') => waitForFrame(page, name);
  const panel = async (): Promise<Locator> => (await frame('panel')).getByRole('region', { name: 'Connections' });

  return {
    /** The record the UI shows (the key our in-page part carries), or null when it shows none. */
    recordKey: async () => (await connectWrap())?.attrs['data-record-key'] ?? null,
    /** The record's active connections as Connect's badge shows them; null while unknown. */
    count: async () => (await connectWrap())?.attrs['data-active-count'] ?? null,
    /** Whether our Connect is on the page. */
    hasConnect: async () => (await button()) !== null,
    clickConnect: () => clickOurs(page, 'Connect', OURS.connect),
    clickMenuItem: (name: 'To Another' | 'To Me') => clickOurs(page, name, OURS.menuItem(name)),
    /** The slim tab of the collapsed panel: its text ("Connections 3"), or null when open or absent. */
    tabText: async () => {
      const tab = await find((n) => n.tag === 'button' && n.attrs.class === 'tab');
      return tab && !('hidden' in tab.attrs) ? tab.text : null;
    },
    clickTab: () => clickOurs(page, 'the panel tab', OURS.tab),
    /** Whether the panel is docked open (its frame shown). */
    panelOpen: () => panelOpen(page),
    panelFrame: () => frame('panel'),
    dialogFrame: () => frame('dialog'),
    /** The panel's region, once its frame is there. */
    panel,
    /** Opens the panel when it is collapsed, and resolves to its region. */
    async openPanel(): Promise<Locator> {
      if (!(await this.panelOpen())) await this.clickTab();
      const region = await panel();
      await region.waitFor();
      return region;
    },
    /** The dialog, once its frame is there. */
    dialog: async (): Promise<Locator> => (await frame('dialog')).getByRole('dialog'),
    /** Whether the dialog's frame is on the page. */
    dialogOpen: async () => ourFrame(page, 'dialog') !== null,
    /** Connect → To Another, resolving to the open dialog. */
    async startNew(): Promise<Locator> {
      await this.clickConnect();
      await this.clickMenuItem('To Another');
      const d = await this.dialog();
      await d.waitFor();
      return d;
    },
    /** The panel's rows, and the row of the other record named `name`. */
    rows: async () => (await panel()).locator('li.row'),
    row: async (name: string) =>
      (await panel()).locator('li.row').filter({ has: (await frame('panel')).locator('.name', { hasText: name }) }),
  };
}
