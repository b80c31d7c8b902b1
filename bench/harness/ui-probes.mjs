// In-page and in-frame timers for the UI scenarios, passed to page.evaluate / frame.evaluate:
// Playwright serialises each function on its own into the page's or the frame's world, so they
// may use only their argument and browser globals (no shared helpers). The in-page UI lives in
// closed shadow roots and the panel and dialog in extension frames (other processes), so a
// measurement starts in one document and ends in another: every time here is absolute,
// `performance.timeOrigin + performance.now()` (a shared wall clock, sub-millisecond), and the
// runner subtracts. `painted` is when the document's main thread has produced the frame that
// shows the change: a task queued from the next requestAnimationFrame runs once that frame's
// style, layout and paint are done.
/* global location, IntersectionObserver, MutationObserver, requestAnimationFrame, MessageChannel, PerformanceObserver, HTMLInputElement, addEventListener, removeEventListener */

/**
 * In the CRM page: from now on, remember when each click happened (for clicks the runner makes
 * with the real mouse, which our in-page UI requires) and every long task of the page's main thread.
 */
export function watchPage() {
  const w = window;
  if (w.__bench) return;
  w.__bench = { clicks: [], longTasks: [] };
  addEventListener('click', (e) => w.__bench.clicks.push(performance.timeOrigin + e.timeStamp), true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      w.__bench.longTasks.push({ start: performance.timeOrigin + e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** In the CRM page: the clicks seen since the last call (absolute times), and the long tasks since `since`. */
export function takePage(since) {
  const b = window.__bench;
  const clicks = b.clicks.splice(0);
  return { clicks, longTasks: b.longTasks.filter((t) => t.start >= since) };
}

/** In the CRM page: clicks the CRM's own link `selector` (an in-app navigation); resolves its time. */
export function clickLink(selector) {
  const link = document.querySelector(selector);
  if (!link) throw new Error(`No link ${selector} on ${location.href}`);
  const t = performance.timeOrigin + performance.now();
  link.click();
  return t;
}

/** In a frame of ours: now, on the shared clock. */
export function now() {
  return performance.timeOrigin + performance.now();
}

/**
 * Frame probes arm themselves: each keeps its promise in `window.__probe` and returns at once,
 * so the runner can act right after and collect the result with `collect`.
 */
export function collect() {
  return window.__probe;
}

/**
 * In the panel frame: resolves when it shows record `key` (`at`), with that record's count
 * (`counted`: its list has arrived), and when that was painted; absolute times.
 */
export function panelShows(key) {
  const abs = () => performance.timeOrigin + performance.now();
  const app = () => document.querySelector('.app');
  window.__probe = new Promise((resolve, reject) => {
    const times = {};
    const timer = setTimeout(
      () => reject(new Error(`The panel did not show ${key}: ${JSON.stringify(times)}`)),
      15_000,
    );
    const observer = new MutationObserver(() => check());
    const check = () => {
      if (app()?.getAttribute('data-record-key') !== key) return;
      times.at ??= abs();
      if (!app().hasAttribute('data-active-count')) return;
      observer.disconnect();
      clearTimeout(timer);
      times.counted = abs();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ...times, painted: abs() });
        channel.port2.postMessage(null);
      });
    };
    observer.observe(document, { subtree: true, childList: true, attributes: true });
    check();
  });
}

/**
 * In the panel frame, already loaded but collapsed (its dock hidden): resolves when it is on
 * screen again (an IntersectionObserver, which sees through frames to the tab's viewport) and
 * painted, with how many rows it holds.
 */
export function panelShown() {
  const abs = () => performance.timeOrigin + performance.now();
  window.__probe = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The panel was not shown')), 15_000);
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      clearTimeout(timer);
      const at = abs();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () =>
          resolve({ at, painted: abs(), rendered: document.querySelectorAll('li.row').length });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document.querySelector('.app'));
  });
}

/**
 * In the panel frame, just loaded: when its first rows were painted (the row names carry
 * `elementtiming`, so the browser reports their paint), absolute; and how many it rendered.
 */
export function firstRowsPainted() {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('No rows painted')), 15_000);
    new PerformanceObserver((list, observer) => {
      const rows = list.getEntries().filter((e) => e.identifier === 'connection-row');
      if (!rows.length) return;
      observer.disconnect();
      clearTimeout(timer);
      const first = Math.min(...rows.map((e) => e.renderTime || e.loadTime));
      resolve({ painted: performance.timeOrigin + first, rendered: document.querySelectorAll('li.row').length });
    }).observe({ type: 'element', buffered: true });
  });
}

/** In the panel frame: resolves when a row appears that is not among `ids` (`{ at, painted }`). */
export function newRow(ids) {
  const before = new Set(ids);
  const abs = () => performance.timeOrigin + performance.now();
  const ready = () => [...document.querySelectorAll('li.row')].some((li) => !before.has(li.dataset.connectionId));
  window.__probe = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('The new row never appeared')), 15_000);
    const observer = new MutationObserver(() => ready() && finish());
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      const at = abs();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ at, painted: abs() });
        channel.port2.postMessage(null);
      });
    };
    observer.observe(document, { subtree: true, childList: true });
  });
}

/** In the panel frame: the ids of the rows it shows. */
export function rowIds() {
  return [...document.querySelectorAll('li.row')].map((li) => li.dataset.connectionId);
}

/** In the dialog frame: clicks "Save & Close" (our own frame: no page stands in between) and resolves when. */
export function clickSave() {
  const save = [...document.querySelectorAll('[role=dialog] button')].find((b) => b.textContent === 'Save & Close');
  if (!save) throw new Error('No "Save & Close" button: is the dialog open?');
  const t = performance.timeOrigin + performance.now();
  save.click();
  return t;
}

/**
 * In the CRM page: clicks `trigger` (an in-app navigation to a record named `name`) and resolves
 * when the address changed (`route`), when the page shows the name (`named`) and when a task
 * queued then runs (`free`: the page's own work for it is done), absolute. The
 * name shows as `probe.selector`'s text, or as its `value` when `probe.value` (sao sets a form
 * field's value, which no observer sees: the field's own setter is wrapped, in the page's world,
 * for the one measurement).
 */
export function navigate([trigger, name, probe]) {
  const button = document.querySelector(trigger);
  if (!button) throw new Error(`No ${trigger} on ${location.href}`);
  const abs = () => performance.timeOrigin + performance.now();
  const times = {};
  const startHref = location.href;
  const cleanups = [];
  let recheck = () => {};
  const mark = (what) => {
    if (times[what] !== undefined) return;
    times[what] = abs();
    // The page's own work for the name: when a task queued now gets to run.
    if (what === 'named') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => ((times.free = abs()), recheck());
      channel.port2.postMessage(null);
    }
  };
  return new Promise((resolve, reject) => {
    const finish = (error) => {
      for (const undo of cleanups) undo();
      if (error) reject(error);
      else resolve(times);
    };
    const timer = setTimeout(
      () => finish(new Error(`The page did not show ${name}: ${JSON.stringify(times)}`)),
      15_000,
    );
    const check = () => {
      if (location.href !== startHref) mark('route');
      const el = document.querySelector(probe.selector);
      if (!probe.value && el?.textContent?.trim() === name) mark('named');
      if (times.route !== undefined && times.free !== undefined) {
        clearTimeout(timer);
        finish();
      }
    };
    recheck = check;
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
    const observer = new MutationObserver(check);
    observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    addEventListener('hashchange', check);
    addEventListener('popstate', check);
    cleanups.push(
      () => observer.disconnect(),
      () => removeEventListener('hashchange', check),
      () => removeEventListener('popstate', check),
    );
    mark('clicked');
    button.click();
    check();
  });
}
