// The extension's UI on a CRM page, as the Chromium tests reach it. Its in-page part (Connect, its
// menu, the slim tab) lives in closed shadow roots, which neither the page nor Playwright's
// selectors can enter: the tests read it through the DevTools protocol (scripts/in-page.mjs) and
// click it where it is on screen with the real mouse, as a user does. The panel and the dialog
// are extension frames: Playwright reaches them as frames.
import type { Frame, Locator, Page } from 'playwright-core';
import { clickInPage, inPageNodes, type InPageNode } from '../scripts/in-page.mjs';

export { clickInPage, inPageNodes };

/** Polls `read` until it gives a value (not null or undefined). */
async function eventually<T>(read: () => Promise<T | null | undefined>, what: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await read().catch(() => null);
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Our frame `panel.html` or `dialog.html` on the page, if there. */
export const ourFrame = (page: Page, name: 'panel' | 'dialog'): Frame | null =>
  page.frames().find((f) => new URL(f.url()).pathname === `/${name}.html`) ?? null;

/** The extension's UI on a CRM page, as tests look at it (roles and names as users know them). */
export function pageUi(page: Page) {
  const find = async (match: (n: InPageNode) => boolean) => (await inPageNodes(page)).find(match) ?? null;
  const connectWrap = () => find((n) => n.tag === 'div' && n.attrs.class?.split(' ').includes('connect') === true);
  const button = () => find((n) => n.tag === 'button' && n.attrs.class === 'connect-button');
  const clickWhenThere = async (what: string, match: (n: InPageNode) => boolean) =>
    clickInPage(page, await eventually(() => find(match), what));

  const frame = (name: 'panel' | 'dialog') => eventually(async () => ourFrame(page, name), `the ${name} frame`);
  const panel = async (): Promise<Locator> => (await frame('panel')).getByRole('region', { name: 'Connections' });

  return {
    /** The record the UI shows (the key our in-page part carries), or null when it shows none. */
    recordKey: async () => (await connectWrap())?.attrs['data-record-key'] ?? null,
    /** The record's active connections as Connect's badge shows them; null while unknown. */
    count: async () => (await connectWrap())?.attrs['data-active-count'] ?? null,
    /** Whether our Connect is on the page. */
    hasConnect: async () => (await button()) !== null,
    clickConnect: () => clickWhenThere('Connect', (n) => n.tag === 'button' && n.attrs.class === 'connect-button'),
    clickMenuItem: (name: 'To Another' | 'To Me') =>
      clickWhenThere(name, (n) => n.attrs.role === 'menuitem' && n.text === name),
    /** The slim tab of the collapsed panel: its text ("Connections 3"), or null when open or absent. */
    tabText: async () => {
      const tab = await find((n) => n.tag === 'button' && n.attrs.class === 'tab');
      return tab && !('hidden' in tab.attrs) ? tab.text : null;
    },
    clickTab: () =>
      clickWhenThere('the panel tab', (n) => n.tag === 'button' && n.attrs.class === 'tab' && !('hidden' in n.attrs)),
    /** Whether the panel is docked open (its frame shown). */
    panelOpen: async () => {
      const dock = await find((n) => n.attrs.class === 'dock');
      return !!dock && !('hidden' in dock.attrs);
    },
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
