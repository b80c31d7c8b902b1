// Dynamics 365 Unified Interface look-alike: the landmarks the extension reads are the real
// ones (div[data-id="topBar"], h1[data-id="header_title"] with its " - Saved" suffix,
// [data-id="entity_name_span"]); see docs/crm-url-patterns.md §2.1.
import { escapeHtml, SEARCH_ICON } from '../html.mjs';
import { DYNAMICS_APP_ID } from '../records.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each SPA navigation, in the page. */
const view = {
  origin: 'https://contoso.crm.dynamics.com',
  appId: DYNAMICS_APP_ID,
  types: {
    account: { label: 'Account', plural: 'Accounts', nameLabel: 'Account Name', color: '#2e7bcf' },
    contact: { label: 'Contact', plural: 'Contacts', nameLabel: 'Full Name', color: '#8764b8' },
    opportunity: { label: 'Opportunity', plural: 'Opportunities', nameLabel: 'Topic', color: '#c4314b' },
  },

  parse(href, records) {
    const url = new URL(href);
    const query = url.searchParams;
    const etn = query.get('etn');
    if (url.pathname.toLowerCase() !== '/main.aspx' || !this.types[etn]) return null;
    if (query.get('pagetype') === 'entitylist') {
      return { kind: 'list', entityType: etn, records: records.filter((r) => r.entityType === etn) };
    }
    if (query.get('pagetype') !== 'entityrecord') return null;
    // Dynamics accepts {GUID} in any case; normalise like the adapters do.
    const id = (query.get('id') || '').replace(/[{}]/g, '').toLowerCase();
    const record = records.find((r) => r.entityType === etn && r.recordId === id);
    return record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null;
  },

  // The tab title names the form, not the record (docs/crm-url-patterns.md §2.1).
  title(page) {
    const type = this.types[page.record ? page.record.entityType : page.entityType];
    return page.record ? `${type.label}: Information - Dynamics 365` : `Active ${type.plural} - Dynamics 365`;
  },

  href(url) {
    return esc(url.slice(this.origin.length + 1));
  },

  listHref(etn) {
    return esc(`main.aspx?appid=${this.appId}&pagetype=entitylist&etn=${etn}`);
  },

  main(page) {
    return page.kind === 'record' ? this.recordMain(page) : this.listMain(page);
  },

  recordMain({ record, others }) {
    const type = this.types[record.entityType];
    const fields = Object.entries(record.fields);
    const initials = record.name
      .split(/\s+/)
      .map((word) => word[0])
      .join('')
      .slice(0, 2);
    return `
<div class="cmd-bar" role="menubar" aria-label="${esc(type.label)} commands">
  <button type="button" aria-label="Back">&#8592;</button>
  <button type="button">Save</button><button type="button">Save &amp; Close</button>
  <button type="button">+ New</button><button type="button">Deactivate</button>
  <button type="button" data-demo-rename>&#9998; Rename</button><button type="button">&#8943;</button>
</div>
<div class="form-header" data-id="form-header">
  <div class="entity-image" style="background:${type.color}" aria-hidden="true">${esc(initials)}</div>
  <div class="header-titles">
    <div class="title-placeholder" data-demo-late aria-busy="true"></div>
    <div class="header-sub"><span data-id="entity_name_span">${esc(type.label)}</span> &middot; Information</div>
  </div>
  <dl class="header-fields">
    ${fields
      .slice(0, 2)
      .map(([label, value]) => `<div><dd>${esc(value)}</dd><dt>${esc(label)}</dt></div>`)
      .join('')}
    <div><dd class="lookup">Sam Rivera</dd><dt>Owner</dt></div>
  </dl>
</div>
<ul class="tabs" role="tablist">
  <li role="tab" aria-selected="true">Summary</li><li role="tab">Details</li><li role="tab">Related</li>
</ul>
<div class="form-body">
  <section class="card">
    <h2>${esc(type.label.toUpperCase())} INFORMATION</h2>
    <div class="field"><label>${esc(type.nameLabel)}</label><input readonly data-demo-name value="${esc(record.name)}"></div>
    ${fields.map(([label, value]) => `<div class="field"><label>${esc(label)}</label><span>${esc(value)}</span></div>`).join('')}
  </section>
  <section class="card">
    <h2>Timeline</h2>
    <input class="note" placeholder="Enter a note..." readonly>
    <p class="muted">Almost there… Capture and manage all records in your timeline.</p>
  </section>
  <section class="card">
    <h2>Recent records</h2>
    <ul class="related">${others
      .map(
        (r) =>
          `<li><a href="${this.href(r.url)}">${esc(r.name)}</a> <span class="muted">${esc(this.types[r.entityType].label)}</span></li>`,
      )
      .join('')}</ul>
  </section>
</div>`;
  },

  // The title slot fills in ~300 ms after navigation, like the real form header.
  late({ record }) {
    return `<h1 data-id="header_title" class="header-title"><span data-demo-name>${esc(record.name)}</span><span class="save-state"> - Saved</span></h1>`;
  },

  listMain({ entityType, records }) {
    const type = this.types[entityType];
    const labels = records.length ? Object.keys(records[0].fields).slice(0, 3) : [];
    const rows = records
      .map(
        (r) =>
          `<tr><td><input type="checkbox" aria-label="Select"></td><td><a href="${this.href(r.url)}">${esc(r.name)}</a></td>${labels
            .map((label) => `<td>${esc(r.fields[label])}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    return `
<div class="cmd-bar" role="menubar" aria-label="${esc(type.plural)} commands">
  <button type="button">Show Chart</button><button type="button">+ New</button>
  <button type="button">&#10227; Refresh</button><button type="button">Delete</button>
</div>
<div class="view-header"><h1 class="view-title">Active ${esc(type.plural)} &#8964;</h1>
  <input class="filter" placeholder="Filter by keyword" readonly></div>
<div class="card grid-card"><table class="grid" role="grid">
  <thead><tr><th></th><th>${esc(type.nameLabel)} &#8593;</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>
  <tbody>${rows}</tbody></table>
  <div class="grid-footer">1 - ${records.length} of ${records.length}</div></div>`;
  },
};

/** The app chrome around the main content, rendered once per full page load. */
function shell(page, mainHtml) {
  const active = page.record ? page.record.entityType : page.entityType;
  const nav = (etn) =>
    `<a href="${view.listHref(etn)}" data-demo-nav="${etn}"${etn === active ? ' aria-current="page"' : ''}>${view.types[etn].plural}</a>`;
  return `
<div class="top-bar" data-id="topBar">
  <button class="waffle" data-id="officewaffle" aria-label="App launcher">&#8759;&#8759;</button>
  <span class="brand">Dynamics 365</span><span class="divider">|</span><span class="app-name">Sales Hub</span>
  <div class="search" role="search">${SEARCH_ICON} Search</div>
  <span class="icons" aria-hidden="true">&#43; &#9881; ?</span><span class="me" aria-label="Sam Rivera">SR</span>
</div>
<div class="app">
  <nav class="sitemap" aria-label="Site map">
    <span class="burger">&#9776;</span>
    <span>Home</span><span>Recent</span><span>Pinned</span>
    <h3>My Work</h3><span>Dashboards</span><span>Activities</span>
    <h3>Customers</h3>${nav('account')}${nav('contact')}
    <h3>Sales</h3><span>Leads</span>${nav('opportunity')}
  </nav>
  <main class="main" data-demo-main>${mainHtml}</main>
</div>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 "Segoe UI", "Segoe UI Web", system-ui, sans-serif; color: #323130; background: #f8f8f8; height: 100vh; display: flex; flex-direction: column; }
button { font: inherit; }
a { color: #115ea3; text-decoration: none; } a:hover { text-decoration: underline; }
.top-bar { height: 48px; background: #002050; color: #fff; display: flex; align-items: center; gap: 12px; padding-right: 12px; flex: none; }
.waffle { width: 48px; height: 48px; border: 0; background: transparent; color: #fff; font-size: 18px; }
.brand { font-weight: 600; font-size: 16px; } .divider { opacity: .6; } .app-name { font-size: 16px; }
.search { margin: 0 auto; width: 420px; background: #fff; color: #605e5c; border-radius: 4px; padding: 6px 10px; }
.icons { letter-spacing: 12px; } .me { width: 32px; height: 32px; border-radius: 50%; background: #8a8886; display: grid; place-items: center; font-size: 12px; }
.app { flex: 1; display: flex; min-height: 0; }
.sitemap { width: 208px; background: #efefef; border-right: 1px solid #d1d1d1; display: flex; flex-direction: column; padding: 6px 0; flex: none; }
.sitemap > * { padding: 8px 16px; color: #323130; border-left: 3px solid transparent; }
.sitemap h3 { margin: 10px 0 2px; font-size: 14px; font-weight: 600; }
.sitemap a[aria-current="page"] { background: #fff; border-left-color: #0f6cbd; font-weight: 600; }
.main { flex: 1; overflow: auto; min-width: 0; }
.cmd-bar { background: #fff; border-bottom: 1px solid #e1dfdd; display: flex; gap: 2px; padding: 4px 8px; }
.cmd-bar button { border: 0; background: transparent; padding: 6px 10px; color: #323130; border-radius: 4px; }
.cmd-bar button:hover { background: #f3f2f1; }
.form-header { display: flex; align-items: center; gap: 16px; padding: 16px 24px 8px; background: #fff; }
.entity-image { width: 56px; height: 56px; border-radius: 50%; color: #fff; display: grid; place-items: center; font-size: 20px; font-weight: 600; flex: none; }
.header-titles { flex: 1; min-width: 0; }
.header-title { font-size: 20px; font-weight: 600; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.save-state { font-weight: 400; color: #605e5c; font-size: 14px; }
.title-placeholder { height: 24px; width: 260px; border-radius: 4px; background: linear-gradient(90deg, #edebe9, #f8f8f8, #edebe9); }
.header-sub { color: #605e5c; }
.header-fields { display: flex; gap: 24px; margin: 0; }
.header-fields div { border-left: 1px solid #e1dfdd; padding-left: 16px; } .header-fields dd { margin: 0; font-weight: 600; } .lookup { color: #115ea3; } .header-fields dt { color: #605e5c; font-size: 12px; }
.tabs { list-style: none; margin: 0; padding: 0 24px; display: flex; gap: 24px; background: #fff; border-bottom: 1px solid #e1dfdd; }
.tabs li { padding: 10px 0; } .tabs li[aria-selected="true"] { border-bottom: 2px solid #0f6cbd; font-weight: 600; }
.form-body { display: grid; grid-template-columns: 1.2fr 1fr 1fr; gap: 16px; padding: 16px 24px; align-items: start; }
.card { background: #fff; border-radius: 4px; box-shadow: 0 1.6px 3.6px rgba(0,0,0,.13), 0 .3px .9px rgba(0,0,0,.11); padding: 12px 16px; }
.card h2 { font-size: 14px; font-weight: 600; margin: 0 0 12px; }
.field { display: grid; grid-template-columns: 130px 1fr; align-items: center; min-height: 36px; border-bottom: 1px solid #f3f2f1; }
.field label { color: #605e5c; } .field input { font: inherit; border: 0; background: #f5f5f5; padding: 4px 8px; border-radius: 2px; color: #323130; }
.note { width: 100%; font: inherit; border: 1px solid #8a8886; border-radius: 2px; padding: 6px 8px; }
.muted { color: #605e5c; font-size: 12px; }
.related { list-style: none; margin: 0; padding: 0; } .related li { padding: 6px 0; border-bottom: 1px solid #f3f2f1; }
.view-header { display: flex; align-items: center; justify-content: space-between; padding: 12px 24px; }
.view-title { font-size: 20px; font-weight: 600; margin: 0; }
.filter { font: inherit; border: 1px solid #8a8886; border-radius: 2px; padding: 5px 8px; width: 240px; }
.grid-card { margin: 0 24px; padding: 0; }
.grid { width: 100%; border-collapse: collapse; } .grid th, .grid td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #edebe9; }
.grid th { font-weight: 600; } .grid tr:hover td { background: #f5f5f5; }
.grid-footer { padding: 8px 12px; color: #605e5c; font-size: 12px; }
.demo-missing { padding: 24px; }
`;

export const dynamics = { host: 'contoso.crm.dynamics.com', view, shell, css };
