/** Every element we put into the CRM page, so our own changes are not taken for the page's. */
export const ourElements = new WeakSet<Element>();

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A custom element name the page cannot guess (so it cannot define it first and take the shadow
 * root before us), e.g. `qwhzt-kdmsrpa`.
 */
function randomName() {
  const pick = (n: number) =>
    Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => LETTERS[b % LETTERS.length]).join('');
  return `${pick(5)}-${pick(7)}`;
}

/**
 * An element of ours for the CRM page, with a closed shadow root: the page sees that it exists
 * and nothing inside it. Our styles inside; the page's styles do not reach in. Key events stop at
 * it, so keys pressed in our UI never fire the CRM's own shortcuts.
 */
export function createHost(css: string) {
  const host = document.createElement(randomName());
  ourElements.add(host);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  return { host, root };
}

/** An element made in our shadow root: `el('button', { class: 'x' }, 'Text')`. Text only, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Listens for real user events only: a page script's dispatched or `.click()` events are ignored. */
export function onTrusted<K extends keyof HTMLElementEventMap>(
  target: HTMLElement,
  type: K,
  handler: (e: HTMLElementEventMap[K]) => void,
  signal: AbortSignal,
) {
  target.addEventListener(type, (e) => e.isTrusted && handler(e), { signal });
}
