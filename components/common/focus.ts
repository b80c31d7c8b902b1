const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The element focused inside a shadow root (document.activeElement is only its host). */
export function activeIn(root: Element): Element | null {
  const shadow = root.getRootNode() as ShadowRoot | Document;
  return shadow.activeElement;
}

/**
 * Keeps Tab and Shift+Tab inside `container` (a modal dialog): from the last focusable element
 * Tab goes to the first, and the reverse.
 */
export function trapTab(event: KeyboardEvent, container: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const current = activeIn(container);
  if (event.shiftKey && (current === first || !container.contains(current))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (current === last || !container.contains(current))) {
    event.preventDefault();
    first.focus();
  }
}
