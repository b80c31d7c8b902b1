import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CrmAdapter } from '../../lib/crm';

/** `ctrl+s` as the user presses it (⌘ counts as Ctrl on a Mac). */
function matchesShortcut(e: KeyboardEvent, shortcut: string) {
  const keys = shortcut.toLowerCase().split('+');
  const key = keys.pop();
  return (
    e.key.toLowerCase() === key &&
    keys.includes('ctrl') === (e.ctrlKey || e.metaKey) &&
    keys.includes('shift') === e.shiftKey &&
    keys.includes('alt') === e.altKey
  );
}

/**
 * Whether the user is editing the record on screen, for CRMs whose name is a form field
 * (`CrmAdapter.recordForm`): from their first keystroke in its form until they save or reload
 * it, what the field holds is a draft, not the record's name. Only trusted events count: a page
 * script cannot stand in for the user. `onCommit` runs after a save or reload, so the saved
 * name is read again.
 */
export function watchEdits(ctx: ContentScriptContext, adapterOf: () => CrmAdapter | null, onCommit: () => void) {
  let editing = false;
  ctx.addEventListener(
    document,
    'input',
    (e) => {
      const form = adapterOf()?.recordForm?.(document);
      if (e.isTrusted && form && e.target instanceof Node && form.contains(e.target)) editing = true;
    },
    { capture: true },
  );
  const commit = () => {
    if (!editing) return;
    editing = false;
    onCommit();
  };
  ctx.addEventListener(
    document,
    'click',
    (e) => {
      const selector = adapterOf()?.commitSelector;
      if (e.isTrusted && selector && e.target instanceof Element && e.target.closest(selector)) commit();
    },
    { capture: true },
  );
  ctx.addEventListener(
    document,
    'keydown',
    (e) => {
      if (e.isTrusted && adapterOf()?.commitShortcuts?.some((s) => matchesShortcut(e, s))) commit();
    },
    { capture: true },
  );
  return {
    get editing() {
      return editing;
    },
    /** Another record opened: nothing of it is being edited yet. */
    reset() {
      editing = false;
    },
  };
}
