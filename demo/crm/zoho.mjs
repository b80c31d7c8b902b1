// Zoho CRM look-alike (classic top-tab layout) at crm.zoho.com/crm/org{orgId}/tab/{Tab}/{id}.
// Deals live under the URL tab `Potentials` (docs/crm-url-patterns.md §2.5). The patterns file has no
// sourced name landmark ("Guess: record header / document.title"), so the name is the record
// header's h1, the only h1 inside <main>, and starts the title.
import { BELL_ICON, escapeHtml, SEARCH_ICON } from '../html.mjs';
import { ZOHO_LIST_VIEW_IDS, ZOHO_ORG_ID, ZOHO_TABS } from '../records.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each SPA navigation, in the page. */
const view = {
  origin: 'https://crm.zoho.com',
  orgId: ZOHO_ORG_ID,
  tabs: ZOHO_TABS,
  listViewIds: ZOHO_LIST_VIEW_IDS,
  types: {
    Contacts: { label: 'Contact', nameLabel: 'Contact Name', color: '#f29b2c' },
    Accounts: { label: 'Account', nameLabel: 'Account Name', color: '#3e8ef7' },
    Deals: { label: 'Deal', nameLabel: 'Deal Name', color: '#2fb67c' },
  },
  related: ['Notes', 'Attachments', 'Deals', 'Open Activities', 'Closed Activities', 'Emails', 'Campaigns'],

  /** The API module of a URL tab (`Potentials` → `Deals`). */
  moduleOf(tab) {
    return Object.keys(this.tabs).find((module) => this.tabs[module] === tab);
  },

  parse(href, records) {
    const { pathname } = new URL(href);
    const prefix = `/crm/org${this.orgId}/tab/`;
    if (!pathname.startsWith(prefix)) return null;
    const [tab, ...rest] = pathname.slice(prefix.length).replace(/\/$/, '').split('/');
    const module = this.moduleOf(tab);
    if (!module) return null;
    if (rest.length === 3 && rest[0] === 'custom-view' && rest[1] === this.listViewIds[module] && rest[2] === 'list') {
      return { kind: 'list', entityType: module, records: records.filter((r) => r.entityType === module) };
    }
    const record = rest.length === 1 && records.find((r) => r.entityType === module && r.recordId === rest[0]);
    return record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null;
  },

  // Unsourced: a plausible title, not a verified one.
  title(page) {
    return `${page.record ? page.record.name : page.entityType} - Zoho CRM`;
  },

  href(url) {
    return esc(url.slice(this.origin.length + 1));
  },

  listHref(module) {
    return esc(`crm/org${this.orgId}/tab/${this.tabs[module]}/custom-view/${this.listViewIds[module]}/list`);
  },

  initials(name) {
    return esc(
      name
        .split(/\s+/)
        .map((word) => word[0])
        .join('')
        .slice(0, 2),
    );
  },

  main(page) {
    return page.kind === 'record' ? this.recordMain(page) : this.listMain(page);
  },

  recordMain({ record, others }) {
    const type = this.types[record.entityType];
    const fields = [[type.nameLabel, record.name], ...Object.entries(record.fields)];
    const cell = ([label, value]) => `<div class="cell"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
    return `
<div class="record-header">
  <a class="back" href="${this.listHref(record.entityType)}" aria-label="Back to ${esc(record.entityType)}">&#8592;</a>
  <div class="avatar" style="background:${type.color}" aria-hidden="true">${this.initials(record.name)}</div>
  <div class="rh-titles">
    <h1 class="rh-name" data-demo-name>${esc(record.name)}</h1>
    <div class="muted">&#43; Add Tags</div>
  </div>
  <div class="rh-actions"><button type="button" class="primary">Send Email</button><button type="button">Edit</button><button type="button" data-demo-rename>Rename</button><button type="button" aria-label="More">&#8943;</button></div>
</div>
<div class="record">
  <nav class="related-nav" aria-label="Related list">
    <h2>Related List</h2>${this.related.map((r) => `<span>${esc(r)}</span>`).join('')}
    <h2>Links</h2><span>&#43; Add Link</span>
  </nav>
  <div class="record-body">
    <ul class="tabs" role="tablist"><li role="tab" aria-selected="true">Overview</li><li role="tab">Timeline</li></ul>
    <section class="section"><h2>${esc(type.label)} Information</h2><dl class="cells">${fields.map(cell).join('')}</dl></section>
    <section class="section"><h2>Recently Viewed</h2><ul class="recent">${others
      .map(
        (r) =>
          `<li><a href="${this.href(r.url)}">${esc(r.name)}</a> <span class="muted">${esc(this.types[r.entityType].label)}</span></li>`,
      )
      .join('')}</ul></section>
    <section class="section"><h2>Notes</h2><div class="note-box">Add a note</div></section>
  </div>
</div>`;
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
<div class="list-header"><button type="button" class="view-select">All ${esc(entityType)} &#9662;</button>
  <span class="rh-actions"><button type="button" class="primary">Create ${esc(type.label)}</button><button type="button">Actions &#9662;</button></span></div>
<div class="list">
  <aside class="filters"><h2>Filter ${esc(entityType)} by</h2><input placeholder="Search" readonly><h3>&#9662; System Defined Filters</h3>
    <label><input type="checkbox"> Touched Records</label><label><input type="checkbox"> Untouched Records</label><label><input type="checkbox"> Record Action</label></aside>
  <div class="list-body"><div class="muted count">Total Records ${records.length}</div>
    <table class="table"><thead><tr><th></th><th>${esc(type.nameLabel)}</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>
    <tbody>${rows}</tbody></table></div>
</div>`;
  },
};

/** The app chrome around the main content, rendered once per full page load. */
function shell(page, mainHtml) {
  const active = page.record ? page.record.entityType : page.entityType;
  const nav = (module) =>
    `<a href="${view.listHref(module)}" data-demo-nav="${module}"${module === active ? ' aria-current="page"' : ''}>${esc(module)}</a>`;
  return `
<header class="topbar">
  <span class="logo" aria-label="Zoho CRM"><i style="background:#e42527">Z</i><i style="background:#089949">O</i><i style="background:#226db4">H</i><i style="background:#f9b21d">O</i> <b>CRM</b></span>
  <nav class="modules" aria-label="Modules">
    <span>Home</span><span>Leads</span>${nav('Contacts')}${nav('Accounts')}${nav('Deals')}<span>Activities</span><span>Reports</span><span>Analytics</span><span>&#8943;</span>
  </nav>
  <span class="top-icons" aria-hidden="true">${SEARCH_ICON} &#43; ${BELL_ICON} &#9881;</span>
  <span class="me" aria-label="Sam Rivera">SR</span>
</header>
<main class="main" data-demo-main>${mainHtml}</main>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.5 "Lato", "Open Sans", Arial, sans-serif; color: #313949; background: #f3f5f8; height: 100vh; display: flex; flex-direction: column; }
button { font: inherit; background: #fff; border: 1px solid #c6cdd8; border-radius: 3px; padding: 5px 14px; color: #313949; }
button.primary { background: #0a7cf8; border-color: #0a7cf8; color: #fff; }
a { color: #0a7cf8; text-decoration: none; } a:hover { text-decoration: underline; }
.topbar { height: 48px; background: #1e2a3d; display: flex; align-items: center; gap: 16px; padding: 0 16px; flex: none; }
.logo { display: flex; align-items: center; gap: 1px; color: #fff; margin-right: 8px; }
.logo i { font: 700 11px/18px Arial, sans-serif; color: #fff; width: 16px; text-align: center; border-radius: 2px; font-style: normal; }
.logo b { margin-left: 6px; font-size: 15px; letter-spacing: .5px; }
.modules { display: flex; align-self: stretch; }
.modules > * { color: #d3dae6; padding: 0 14px; display: flex; align-items: center; border-bottom: 3px solid transparent; }
.modules a[aria-current="page"] { color: #fff; background: #2c3b55; border-bottom-color: #0a7cf8; text-decoration: none; }
.top-icons { margin-left: auto; color: #d3dae6; letter-spacing: 10px; }
.me { width: 28px; height: 28px; border-radius: 50%; background: #7ac4e4; color: #1e2a3d; display: grid; place-items: center; font-size: 11px; }
.main { flex: 1; overflow: auto; min-height: 0; }
.record-header { display: flex; align-items: center; gap: 12px; background: #fff; padding: 12px 20px; border-bottom: 1px solid #e1e5eb; position: sticky; top: 0; }
.back { font-size: 18px; color: #313949; }
.avatar { width: 44px; height: 44px; border-radius: 50%; color: #fff; display: grid; place-items: center; font-size: 16px; flex: none; }
.rh-titles { flex: 1; min-width: 0; }
.rh-name { font-size: 20px; font-weight: 700; margin: 0; overflow-wrap: anywhere; }
.rh-actions { display: flex; gap: 8px; }
.record { display: grid; grid-template-columns: 220px 1fr; }
.related-nav { background: #fff; border-right: 1px solid #e1e5eb; padding: 12px 0; display: flex; flex-direction: column; min-height: calc(100vh - 118px); }
.related-nav h2 { font-size: 12px; text-transform: uppercase; color: #77839a; margin: 8px 20px; }
.related-nav span { padding: 6px 20px; } .related-nav span:hover { background: #eef4fe; }
.record-body { padding: 0 20px 20px; }
.tabs { list-style: none; margin: 0 0 12px; padding: 0; display: flex; gap: 24px; border-bottom: 1px solid #e1e5eb; }
.tabs li { padding: 10px 0; } .tabs li[aria-selected="true"] { border-bottom: 2px solid #0a7cf8; font-weight: 700; color: #0a7cf8; }
.section { background: #fff; border: 1px solid #e1e5eb; border-radius: 4px; padding: 12px 20px; margin-bottom: 12px; }
.section h2 { font-size: 15px; margin: 0 0 10px; }
.cells { display: grid; grid-template-columns: 1fr 1fr; column-gap: 40px; margin: 0; }
.cell { display: grid; grid-template-columns: 140px 1fr; gap: 16px; padding: 6px 0; }
.cell dt { text-align: right; color: #77839a; } .cell dd { margin: 0; overflow-wrap: anywhere; }
.recent { margin: 0; padding-left: 18px; } .recent li { padding: 3px 0; }
.note-box { border: 1px dashed #c6cdd8; border-radius: 3px; padding: 10px; color: #77839a; }
.muted { color: #77839a; font-size: 12px; }
.list-header { display: flex; justify-content: space-between; align-items: center; background: #fff; padding: 10px 20px; border-bottom: 1px solid #e1e5eb; }
.view-select { font-weight: 700; border: 0; font-size: 15px; }
.list { display: grid; grid-template-columns: 240px 1fr; }
.filters { background: #fff; border-right: 1px solid #e1e5eb; padding: 12px 16px; min-height: calc(100vh - 100px); display: flex; flex-direction: column; gap: 6px; }
.filters h2 { font-size: 14px; margin: 0; } .filters h3 { font-size: 12px; margin: 8px 0 0; color: #77839a; }
.filters > input { font: inherit; border: 1px solid #c6cdd8; border-radius: 3px; padding: 4px 8px; }
.list-body { padding: 0 16px; } .count { padding: 8px 0; }
.table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #e1e5eb; }
.table th { text-align: left; background: #f7f8fa; color: #77839a; font-weight: 400; padding: 8px 10px; border-bottom: 1px solid #e1e5eb; }
.table td { padding: 8px 10px; border-bottom: 1px solid #eef0f3; }
.demo-missing { padding: 24px; }
`;

export const zoho = { host: 'crm.zoho.com', view, shell, css };
