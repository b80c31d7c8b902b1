// The in-page single-page-app runtime of the demo CRMs. The page's main content is rendered by
// the CRM's view (demo/crm/*.mjs) on the server for the first paint and by the same view's
// methods, serialised into the page, after every history.pushState or popstate (or, for views
// with `hashRouting`, every hashchange), the way the real CRMs swap content without reloading.
import { escapeHtml, jsonForScript } from './html.mjs';

/**
 * Runs in the page (serialised with toString, so it may only use its parameters and browser
 * globals). Clicks on links under the page's base URL navigate with pushState, except in views
 * with `hashRouting` (EspoCRM), whose `#…` links the browser follows itself and which re-render on
 * hashchange; clicks on `[data-demo-rename]` append " (renamed)" to the record's name in place.
 */
function runDemoSpa(view, data) {
  const main = document.querySelector('[data-demo-main]');
  let lateTimer;

  // Links are relative to <base>; the view parses real CRM URLs.
  const realUrl = (href) =>
    href.startsWith(document.baseURI) ? `${data.origin}/${href.slice(document.baseURI.length)}` : href;
  const currentPage = () => view.parse(realUrl(location.href), data.records);

  // Parts a real CRM paints after the URL changes (the Dynamics record title) come in late.
  function renderLate(page) {
    clearTimeout(lateTimer);
    if (!page || !view.late) return;
    lateTimer = setTimeout(() => {
      for (const slot of main.querySelectorAll('[data-demo-late]')) slot.outerHTML = view.late(page);
    }, data.lateMs);
  }

  function markNav(page) {
    const type = page && (page.record ? page.record.entityType : page.entityType);
    for (const link of document.querySelectorAll('[data-demo-nav]')) {
      if (link.dataset.demoNav === type) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  function show() {
    const page = currentPage();
    document.title = page ? view.title(page) : 'Page not found';
    main.innerHTML = page ? view.main(page) : '<p class="demo-missing">This page is not part of the demo.</p>';
    main.scrollTop = 0;
    markNav(page);
    renderLate(page);
  }

  function rename() {
    const page = currentPage();
    if (!page || !page.record) return;
    // The record object is shared with list pages, so they show the new name too.
    page.record.name += ' (renamed)';
    for (const el of document.querySelectorAll('[data-demo-name]')) {
      if (el instanceof HTMLInputElement) el.value = page.record.name;
      else el.textContent = page.record.name;
    }
    document.title = view.title(page);
  }

  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Element)) return;
    if (event.target.closest('[data-demo-rename]')) return rename();
    const link = event.target.closest('a[href]');
    if (view.hashRouting || !link || link.target || event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!link.href.startsWith(document.baseURI)) return; // another site: let the browser go there
    event.preventDefault();
    if (link.href !== location.href) history.pushState(null, '', link.href);
    show();
  });
  // Hash navigation fires popstate too; a hash-routed app listens to hashchange only, like
  // EspoCRM's router (docs/crm-url-patterns.md §1).
  addEventListener(view.hashRouting ? 'hashchange' : 'popstate', show);
  // The server never sees the fragment (/web#id=… in Odoo ≤17, #Contact/view/… in EspoCRM), so
  // the page renders what the full URL shows, as the real clients do on load.
  if (realUrl(location.href) !== data.url) show();
  else renderLate(currentPage());
}

/**
 * A view object as JavaScript source: methods keep their own source (so they must only use
 * `this`, their parameters and `esc`), other members become JSON.
 */
export function viewSource(view) {
  const members = Object.entries(view).map(([key, value]) => {
    if (typeof value !== 'function') return `${JSON.stringify(key)}: ${jsonForScript(value)}`;
    const source = String(value);
    return source.startsWith(`${key}(`) ? source : `${JSON.stringify(key)}: ${source}`;
  });
  return `{\n${members.join(',\n')}\n}`;
}

/** The inline script of a demo page: the view, `esc`, and the runtime reading #demo-data. */
export function spaScript(view) {
  return `'use strict';
const esc = ${escapeHtml};
const view = ${viewSource(view)};
(${runDemoSpa})(view, JSON.parse(document.getElementById('demo-data').textContent));
`;
}
