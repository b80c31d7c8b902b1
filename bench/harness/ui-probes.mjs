// In-page timers for the UI scenarios, passed to page.evaluate: Playwright serialises each
// function on its own into the CRM page's main world, so they may use only their argument and
// browser globals (no shared helpers). The UI lives in the content script's isolated world, but
// its shadow root is open and DOM mutations are seen from every world, so a MutationObserver
// here sees each render the moment it is committed. Each starts its clock just before a
// synthetic click in the same task, so no Playwright round trip falls inside a measurement.
// Results are in ms from that click. `painted` is when the main thread has produced the frame
// that shows the change: a task queued from the next requestAnimationFrame callback runs once
// that frame's style, layout and paint are done. (A double rAF would wait one frame longer.)
/* global location, MutationObserver, requestAnimationFrame, MessageChannel, HTMLInputElement, addEventListener, removeEventListener */

/**
 * Clicks the link `selector` (an in-app pushState navigation in the demo CRMs) and resolves when
 * the UI shows record `key` (`shown`), then its count of connections (`counted`).
 */
export function timeRecordSwitch([host, selector, key]) {
  const root = document.querySelector(host).shadowRoot;
  const link = document.querySelector(selector);
  if (!link) throw new Error(`No link ${selector} on ${location.href}`);
  let t0 = 0;
  let shown;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (observer.disconnect(), reject(new Error(`UI did not show ${key}`))), 10_000);
    const observer = new MutationObserver(() => {
      const app = root.querySelector('.app');
      if (app?.getAttribute('data-record-key') !== key) return;
      shown ??= performance.now() - t0;
      // The switch drops the previous record's count: a count from now on is the new record's.
      if (!app.hasAttribute('data-active-count')) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve({ shown, counted: performance.now() - t0 });
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true });
    t0 = performance.now();
    link.click();
  });
}

/**
 * Clicks the collapsed panel's tab; resolves when the panel's list has rows (`rows`) and when
 * that frame is painted (`painted`), with how many rows the panel rendered (`rendered`).
 */
export function timePanelOpen(host) {
  const root = document.querySelector(host).shadowRoot;
  const tab = root.querySelector('button.tab');
  if (!tab) throw new Error('The panel is not collapsed: no tab to click');
  let t0 = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (observer.disconnect(), reject(new Error('No rows in the panel'))), 10_000);
    const observer = new MutationObserver(() => {
      if (!root.querySelector('section.panel li.row')) return;
      observer.disconnect();
      clearTimeout(timer);
      const rows = performance.now() - t0;
      const rendered = root.querySelectorAll('li.row').length;
      const done = () => resolve({ rows, painted: performance.now() - t0, rendered });
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = done;
        channel.port2.postMessage(null);
      });
    });
    observer.observe(root, { subtree: true, childList: true });
    t0 = performance.now();
    tab.click();
  });
}

/**
 * Clicks "Save & Close" in the open dialog; resolves when a row that was not in the panel
 * before appears (`rows`) and when that frame is painted (`painted`).
 */
export function timeSaveToRow(host) {
  const root = document.querySelector(host).shadowRoot;
  const ids = (node) => [...node.querySelectorAll('li.row')].map((li) => li.dataset.connectionId);
  const before = new Set(ids(root));
  const save = [...root.querySelectorAll('[role=dialog] button')].find((b) => b.textContent === 'Save & Close');
  if (!save) throw new Error('No "Save & Close" button: is the dialog open?');
  let t0 = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (observer.disconnect(), reject(new Error('The new row never appeared'))), 15_000);
    const observer = new MutationObserver(() => {
      if (ids(root).every((id) => before.has(id))) return;
      observer.disconnect();
      clearTimeout(timer);
      const rows = performance.now() - t0;
      const done = () => resolve({ rows, painted: performance.now() - t0 });
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = done;
        channel.port2.postMessage(null);
      });
    });
    observer.observe(root, { subtree: true, childList: true });
    t0 = performance.now();
    save.click();
  });
}

/**
 * Clicks `trigger` (an in-app navigation to record `key` named `name`) and times four moments
 * from the click: the address changing (`route`), the page showing the name (`named`), the first
 * task that could run after that (`free`: the CRM's own work in the task that showed the name is
 * done), and the UI showing the record (`shown`). The name shows as `probe.selector`'s text, or as its `value` when
 * `probe.value` (sao sets a form field's value, which no observer sees: the field's own setter
 * is wrapped, in the page's world, for the one measurement).
 */
export function timeNameToUi([host, trigger, key, name, probe]) {
  const root = document.querySelector(host).shadowRoot;
  const button = document.querySelector(trigger);
  if (!button) throw new Error(`No ${trigger} on ${location.href}`);
  const times = {};
  let t0 = 0;
  const mark = (what) => {
    if (times[what] !== undefined) return;
    times[what] = performance.now() - t0;
    if (what === 'named') setTimeout(() => mark('free'), 0);
  };
  const startHref = location.href;
  const cleanups = [];
  return new Promise((resolve, reject) => {
    const finish = (error) => {
      for (const undo of cleanups) undo();
      if (error) reject(error);
      else resolve(times);
    };
    const timer = setTimeout(() => finish(new Error(`UI did not show ${key}: ${JSON.stringify(times)}`)), 15_000);
    const check = () => {
      if (location.href !== startHref) mark('route');
      const el = document.querySelector(probe.selector);
      if (!probe.value && el?.textContent?.trim() === name) mark('named');
      if (root.querySelector('.app')?.getAttribute('data-record-key') === key) mark('shown');
      if (['route', 'named', 'free', 'shown'].every((t) => times[t] !== undefined)) {
        clearTimeout(timer);
        finish();
      }
    };
    if (probe.value) {
      const field = document.querySelector(probe.selector);
      const own = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
      Object.defineProperty(field, 'value', {
        configurable: true,
        get: () => own.get.call(field),
        set(v) {
          own.set.call(field, v);
          if (v === name) mark('named');
          check();
        },
      });
      cleanups.push(() => delete field.value);
    }
    const pageObserver = new MutationObserver(check);
    pageObserver.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    const uiObserver = new MutationObserver(check);
    uiObserver.observe(root, { subtree: true, childList: true, attributes: true });
    addEventListener('hashchange', check);
    addEventListener('popstate', check);
    cleanups.push(
      () => pageObserver.disconnect(),
      () => uiObserver.disconnect(),
      () => removeEventListener('hashchange', check),
      () => removeEventListener('popstate', check),
    );
    t0 = performance.now();
    button.click();
    check();
    // The last mark may be `free`, which no event follows.
    const settle = setInterval(() => {
      check();
      if (times.shown !== undefined && times.free !== undefined) clearInterval(settle);
    }, 5);
    cleanups.push(() => clearInterval(settle));
  });
}
