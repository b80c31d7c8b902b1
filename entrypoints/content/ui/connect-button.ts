import { el, onTrusted } from './host';

/** What "Connect" offers: a connection to another record, or to the user. */
export type ConnectChoice = 'new' | 'me';

let ids = 0;

/**
 * "Connect" with its menu (To Another, To Me) and the count of the record's active connections,
 * built without a framework: it lives in the CRM page (in a closed shadow root), and reacts to
 * the user's own clicks and keys only.
 */
export function connectButton(signal: AbortSignal, onChoose: (choice: ConnectChoice) => void) {
  const describedBy = `connect-count-${++ids}`;
  const badge = el('span', { class: 'badge-count', 'aria-hidden': 'true' });
  const spoken = el('span', { class: 'visually-hidden', id: describedBy });
  const button = el(
    'button',
    { type: 'button', class: 'connect-button', 'aria-haspopup': 'menu', 'aria-expanded': 'false' },
    'Connect',
    badge,
  );
  const toAnother = el('button', { type: 'button', role: 'menuitem' }, 'To Another');
  const toMe = el('button', { type: 'button', role: 'menuitem' }, 'To Me');
  const menu = el('div', { role: 'menu', class: 'menu', 'aria-label': 'Connect', hidden: '' }, toAnother, toMe);
  const element = el('div', { class: 'connect' }, button, spoken, menu);
  const items = [toAnother, toMe];

  const setOpen = (open: boolean) => {
    menu.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) toAnother.focus();
  };
  const choose = (choice: ConnectChoice) => {
    setOpen(false);
    onChoose(choice);
  };
  onTrusted(button, 'click', () => setOpen(menu.hidden), signal);
  onTrusted(toAnother, 'click', () => choose('new'), signal);
  onTrusted(toMe, 'click', () => choose('me'), signal);
  onTrusted(
    element,
    'keydown',
    (e) => {
      if (menu.hidden) return;
      const at = items.indexOf(e.target as HTMLButtonElement);
      if (e.key === 'Escape') {
        setOpen(false);
        button.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]!.focus();
      } else return;
      e.preventDefault();
    },
    signal,
  );
  // The menu closes when the focus leaves it (a click elsewhere, Tab away), not when we move it.
  let moving = false;
  onTrusted(
    element,
    'focusout',
    (e) => !moving && !element.contains(e.relatedTarget as Node) && setOpen(false),
    signal,
  );

  return {
    element,
    /**
     * The record it connects (its key) and that record's active connections (null while not
     * known), also kept as attributes inside the closed root, where tests read them.
     */
    setRecord(key: string | null, n: number | null) {
      if (key) element.dataset.recordKey = key;
      else delete element.dataset.recordKey;
      if (n === null) delete element.dataset.activeCount;
      else element.dataset.activeCount = String(n);
      badge.textContent = n === null ? '' : String(n);
      spoken.textContent = n === null ? '' : `${n} active connection${n === 1 ? '' : 's'}`;
      if (n === null) button.removeAttribute('aria-describedby');
      else button.setAttribute('aria-describedby', describedBy);
    },
    focus: () => button.focus(),
    /**
     * Runs `move`, which takes Connect elsewhere in the page (beside a title the CRM painted
     * late): an element taken out of the document loses the focus, and the user would lose
     * the menu they just opened. Both stay.
     */
    keepThrough(move: () => void) {
      const root = element.getRootNode() as ShadowRoot | Document;
      const focused = root.activeElement;
      moving = true;
      try {
        move();
      } finally {
        moving = false;
      }
      if (focused instanceof HTMLElement && element.contains(focused) && root.activeElement !== focused)
        focused.focus();
    },
  };
}
