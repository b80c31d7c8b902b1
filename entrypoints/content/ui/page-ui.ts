import type { PageUi } from '../../../lib/messaging/protocol';
import css from './page-ui.css?inline';
import { connectButton } from './connect-button';
import { dialogOverlay } from './dialog-overlay';
import { createHost, ourElements } from './host';
import { panelDock } from './panel-dock';

/**
 * How long Connect waits for the record's title, where the CRM paints it after the address
 * changes (Dynamics), before it floats instead: it never shows in one place and then jumps to
 * the other under the user's pointer.
 */
const TITLE_WAIT_MS = 1_500;

/**
 * Everything the extension puts into a CRM record page: "Connect" beside the record's title
 * (floating where the CRM's title landmark is unknown), the Connections panel docked right and
 * the dialog over the page, both extension frames. Nothing from other records is in the page.
 */
export function createPageUi(signal: AbortSignal) {
  const dialog = dialogOverlay(css);
  const openDialog = (mode: 'new' | 'me' | 'edit', connectionId?: string) => {
    // Focus comes back to what had it: our Connect button, or the CRM's own element.
    const active = document.activeElement;
    const refocus = active && ourElements.has(active) ? connect.focus : () => (active as HTMLElement | null)?.focus?.();
    void dialog.open(mode, connectionId, refocus);
  };
  const connect = connectButton(signal, (choice) => openDialog(choice));
  const beside = createHost(css);
  beside.root.append(connect.element);
  const panel = panelDock(css, signal);
  let titleSelector: string | undefined;
  let shown = false;
  let showing: string | null = null;
  let showingSince = 0;
  let titleWait = 0;
  signal.addEventListener('abort', () => clearTimeout(titleWait));

  // Between records (an SPA on its way to the next one, or to a list), the panel only hides: an
  // iframe taken out of the document unloads, and the next record would pay for a fresh load.
  const hide = () => {
    showing = null;
    clearTimeout(titleWait);
    dialog.close();
    beside.host.remove();
    panel.host.hidden = true;
  };
  const remove = () => {
    hide();
    panel.host.remove();
  };

  const ui = {
    /** The page shows a record of this CRM (or none): the UI comes or goes with it. */
    show(record: { id: string; crm: string; titleSelector?: string } | null) {
      shown = !!record;
      if (!record) return hide();
      // Another record (an SPA went straight from one to the next): a dialog opened for the
      // one before would save from it while the user looks at this one.
      if (record.id !== showing) {
        dialog.close();
        showingSince = performance.now();
      }
      showing = record.id;
      titleSelector = record.titleSelector;
      void panel.useCrm(record.crm);
      panel.host.hidden = false;
      ui.place();
    },
    /** The record's key (as the background made it) and its active connections (null: unknown). */
    setRecord(key: string | null, n: number | null) {
      connect.setRecord(key, n);
      panel.setCount(n);
    },
    /** Keeps "Connect" beside the title as SPAs re-render it; floating when there is none. */
    place() {
      if (!shown) return;
      const title = titleSelector ? document.querySelector(titleSelector) : null;
      const waited = performance.now() - showingSince;
      clearTimeout(titleWait);
      if (title) {
        if (title.nextElementSibling !== beside.host) connect.keepThrough(() => title.after(beside.host));
        connect.element.classList.remove('floating');
      } else if (titleSelector && waited < TITLE_WAIT_MS) {
        // Not yet: the page's changes call place() again when the title comes, or this does.
        beside.host.remove();
        titleWait = window.setTimeout(() => ui.place(), TITLE_WAIT_MS - waited + 1);
      } else {
        if (beside.host.parentElement !== document.body) connect.keepThrough(() => document.body.append(beside.host));
        connect.element.classList.add('floating');
      }
      if (!panel.host.isConnected) document.body.append(panel.host);
    },
    /** A keyboard shortcut or the popup's "Open Connections". */
    newConnection: () => shown && openDialog('new'),
    togglePanel: (open?: boolean) => shown && panel.toggle(open),
    /** What one of our frames asked for, relayed by the background. */
    fromFrame(ui: PageUi) {
      if (ui.action === 'open-dialog') openDialog(ui.mode, ui.connectionId);
      else if (ui.action === 'close-dialog') dialog.close();
      else if (ui.action === 'collapse-panel') panel.toggle(false);
    },
    remove,
  };
  return ui;
}
