// A hostile CRM page's own script, for the browser tests: it runs in the page before the
// extension's content script (in <head>), replaces the DOM's hooks, and then, every 150 ms,
// searches everything it can reach for what the extension shows of other records, and tries to
// drive the extension's UI with synthetic events and forged messages. It keeps what it learns in
// `window.__attack` for the test to read. Serialised into the page: it may use only browser globals.
/* global EventTarget, customElements, PointerEvent, MouseEvent, KeyboardEvent */

/** Runs in the page (serialised with toString). */
export function attack() {
  const loot = { texts: [], captured: 0, listeners: 0, frames: [], windows: 0, clicks: 0, errors: [] };
  window.__attack = loot;
  const keep = (text) => {
    const t = String(text ?? '').trim();
    if (t && !loot.texts.includes(t)) loot.texts.push(t.slice(0, 500));
  };

  // Before anyone else: every shadow root made in this world, and every listener added.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, { ...init, mode: 'open' });
    loot.captured++;
    (window.__roots ??= []).push(root);
    return root;
  };
  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (...args) {
    loot.listeners++;
    return addEventListener.apply(this, args);
  };

  /** Everything readable: the document, open shadow roots, captured roots, frames' documents. */
  function harvest() {
    const roots = [document, ...(window.__roots ?? [])];
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i];
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot && !roots.includes(el.shadowRoot)) roots.push(el.shadowRoot);
        if (el.localName === 'iframe' || el.localName === 'frame') {
          try {
            keep(el.contentDocument?.body?.textContent);
            loot.frames.push(el.src);
          } catch (e) {
            loot.errors.push(`contentDocument: ${e.name}`);
          }
        }
        for (const attr of el.getAttributeNames()) keep(el.getAttribute(attr));
      }
      keep(root.textContent ?? root.body?.textContent);
    }
    loot.windows = Math.max(loot.windows, window.frames.length);
    for (let i = 0; i < window.frames.length; i++) {
      try {
        keep(window.frames[i].document.body.textContent);
      } catch (e) {
        loot.errors.push(`frames[${i}]: ${e.name}`);
      }
    }
  }

  /** Elements the page did not make: custom elements it never defined (an extension's). */
  const strangers = () =>
    [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-') && !customElements.get(el.localName));

  /** Clicks, keys and messages a user did not make, at everything that looks like a control. */
  function drive() {
    for (const el of strangers()) {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const opts = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, view: window };
      for (const target of [el, document.elementFromPoint(x, y)]) {
        if (!target) continue;
        target.dispatchEvent(new PointerEvent('pointerdown', opts));
        target.dispatchEvent(new MouseEvent('mousedown', opts));
        target.dispatchEvent(new MouseEvent('mouseup', opts));
        target.dispatchEvent(new MouseEvent('click', opts));
        target.click?.();
        loot.clicks++;
      }
      for (const key of ['Enter', ' ', 'Escape', 'ArrowDown', 'Delete']) {
        el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
      }
    }
    // The extension's shortcut, as keys.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'J', altKey: true, shiftKey: true, bubbles: true }));
    // Forged messages to any frame: a protocol request, a frame command, a token guess.
    for (let i = 0; i < window.frames.length; i++) {
      for (const message of [
        { type: 'connections.delete', payload: { id: '*' } },
        { ui: { action: 'open-dialog', mode: 'new' } },
        { t: '00000000-0000-0000-0000-000000000000', action: 'save' },
      ]) {
        try {
          window.frames[i].postMessage(message, '*');
        } catch (e) {
          loot.errors.push(`postMessage: ${e.name}`);
        }
      }
      // A parent may navigate its child frames: ours would show the page's own content instead.
      try {
        window.frames[i].location.replace('about:blank#taken-over');
      } catch (e) {
        loot.errors.push(`navigate: ${e.name}`);
      }
    }
  }

  const tick = () => {
    try {
      harvest();
      drive();
    } catch (e) {
      loot.errors.push(String(e));
    }
  };
  setInterval(tick, 150);
  addEventListener.call(document, 'DOMContentLoaded', tick);
}
