// HubSpot CRM look-alike: record pages use the real landmarks [data-test-id="left-sidebar"],
// [data-test-id="middle-pane"] and [data-test-id="records-right-sidebar"], with the name in the
// left sidebar's highlight card (docs/crm-url-patterns.md §2.3).
import { escapeHtml, SEARCH_ICON } from '../html.mjs';
import { HUBSPOT_OBJECT_TYPE_IDS, HUBSPOT_PORTAL_ID } from '../records.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each SPA navigation, in the page. */
const view = {
  origin: 'https://app.hubspot.com',
  objectTypeIds: HUBSPOT_OBJECT_TYPE_IDS,
  types: {
    contact: { label: 'Contact', plural: 'Contacts', color: '#ff7a59' },
    company: { label: 'Company', plural: 'Companies', color: '#00a4bd' },
    deal: { label: 'Deal', plural: 'Deals', color: '#6a78d1' },
  },

  typeOf(objectTypeId) {
    return Object.keys(this.objectTypeIds).find((type) => this.objectTypeIds[type] === objectTypeId);
  },

  parse(href, records) {
    const { pathname } = new URL(href);
    const list = /^\/contacts\/(\d+)\/objects\/([\d-]+)\/views\/[^/]+\/list\/?$/.exec(pathname);
    const portal = records.length ? records[0].tenant : '';
    if (list && list[1] === portal && this.typeOf(list[2])) {
      const entityType = this.typeOf(list[2]);
      return { kind: 'list', entityType, records: records.filter((r) => r.entityType === entityType) };
    }
    const match = /^\/contacts\/(\d+)\/record\/([\d-]+)\/(\d+)\/?$/.exec(pathname);
    const entityType = match && match[1] === portal && this.typeOf(match[2]);
    const record = entityType && records.find((r) => r.entityType === entityType && r.recordId === match[3]);
    return record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null;
  },

  title(page) {
    return page.record ? `${page.record.name} | HubSpot` : `${this.types[page.entityType].plural} | HubSpot`;
  },

  href(url) {
    return esc(url.slice(this.origin.length + 1));
  },

  listHref(type, portal) {
    return esc(`contacts/${portal}/objects/${this.objectTypeIds[type]}/views/all/list`);
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
    const fields = Object.entries(record.fields);
    const prop = ([label, value]) => `<div class="prop"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
    const association = (assocType) => {
      const linked = others.filter((r) => r.entityType === assocType);
      return `<section class="assoc"><h3>${esc(this.types[assocType].plural)} (${linked.length})</h3>${linked
        .map((r) => `<a class="assoc-card" href="${this.href(r.url)}">${esc(r.name)}</a>`)
        .join('')}</section>`;
    };
    return `
<div class="record">
  <aside class="left" data-test-id="left-sidebar">
    <div class="left-top"><a href="${this.listHref(record.entityType, record.tenant)}">&lsaquo; ${esc(type.plural)}</a>
      <span><button type="button" data-demo-rename>Rename</button> <button type="button">Actions &#9662;</button></span></div>
    <div class="highlight" data-selenium-test="highlightedPropertySidebar">
      <div class="avatar" style="background:${type.color}" aria-hidden="true">${this.initials(record.name)}</div>
      <h1 class="hl-name" data-selenium-test="highlightTitle" data-demo-name>${esc(record.name)}</h1>
      <div class="hl-sub">${esc(fields[0] ? fields[0][1] : '')}</div>
      <div class="hl-actions">${['Note', 'Email', 'Call', 'Task', 'Meeting', 'More']
        .map((a) => `<span><b aria-hidden="true">${a[0]}</b>${a}</span>`)
        .join('')}</div>
    </div>
    <h2 class="about">&#9662; About this ${esc(type.label.toLowerCase())}</h2>
    <dl class="props">${fields.map(prop).join('')}</dl>
  </aside>
  <section class="middle" data-test-id="middle-pane">
    <ul class="tabs" role="tablist"><li role="tab" aria-selected="true">Overview</li><li role="tab">Activities</li></ul>
    <div class="mcard" data-test-id="card-wrapper-highlights"><h3>Data highlights</h3>
      <dl class="highlights">${fields.slice(1, 4).map(prop).join('')}</dl></div>
    <div class="mcard" data-test-id="card-wrapper-activities"><h3>Recent activities</h3>
      <p class="muted">No activities. Log a call or send an email to see it here.</p></div>
  </section>
  <aside class="right" data-test-id="records-right-sidebar">
    ${Object.keys(this.types).map(association).join('')}
  </aside>
</div>`;
  },

  listMain({ entityType, records }) {
    const type = this.types[entityType];
    const labels = records.length ? Object.keys(records[0].fields).slice(0, 3) : [];
    const rows = records
      .map(
        (r) =>
          `<tr><td><input type="checkbox" aria-label="Select"></td><td><span class="mini" style="background:${type.color}">${this.initials(r.name)}</span><a href="${this.href(r.url)}">${esc(r.name)}</a></td>${labels
            .map((label) => `<td>${esc(r.fields[label])}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    return `
<div class="index">
  <div class="index-header"><h1>${esc(type.plural)} <span class="muted">${records.length} records</span></h1>
    <span><button type="button">Actions &#9662;</button> <button type="button">Import</button> <button type="button" class="primary">Create ${esc(type.label.toLowerCase())}</button></span></div>
  <ul class="view-tabs"><li aria-selected="true">All ${esc(type.plural.toLowerCase())}</li><li>My ${esc(type.plural.toLowerCase())}</li><li>+ Add view</li></ul>
  <table class="table"><thead><tr><th></th><th>NAME</th>${labels.map((l) => `<th>${esc(l.toUpperCase())}</th>`).join('')}</tr></thead>
  <tbody>${rows}</tbody></table>
</div>`;
  },
};

/** The app chrome around the main content, rendered once per full page load. */
function shell(page, mainHtml) {
  const active = page.record ? page.record.entityType : page.entityType;
  const nav = (type) =>
    `<a href="${view.listHref(type, HUBSPOT_PORTAL_ID)}" data-demo-nav="${type}"${type === active ? ' aria-current="page"' : ''}>${view.types[type].plural}</a>`;
  return `
<header class="nav">
  <svg class="sprocket" width="26" height="26" viewBox="0 0 26 26" aria-label="HubSpot"><circle cx="15" cy="15" r="6" fill="none" stroke="#ff7a59" stroke-width="3.5"/><path d="M15 9V4M8 4l6 8M6 20l4-3" stroke="#ff7a59" stroke-width="2.5" stroke-linecap="round"/><circle cx="15" cy="3" r="2.2" fill="#ff7a59"/><circle cx="7" cy="3" r="1.8" fill="#ff7a59"/><circle cx="5" cy="21" r="1.8" fill="#ff7a59"/></svg>
  ${nav('contact')}${nav('company')}${nav('deal')}<span>Marketing &#9662;</span><span>Sales &#9662;</span><span>Service &#9662;</span><span>Reporting &#9662;</span>
  <div class="search" role="search">${SEARCH_ICON} Search HubSpot</div>
  <span class="me" aria-label="Sam Rivera">SR</span>
</header>
<main class="main" data-demo-main>${mainHtml}</main>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Lexend Deca", Helvetica, Arial, sans-serif; color: #33475b; background: #f5f8fa; height: 100vh; display: flex; flex-direction: column; }
button { font: inherit; background: #eaf0f6; border: 1px solid #cbd6e2; color: #506e91; border-radius: 3px; padding: 4px 12px; }
button.primary { background: #ff7a59; border-color: #ff7a59; color: #fff; }
a { color: #0091ae; text-decoration: none; } a:hover { text-decoration: underline; }
.nav { height: 56px; background: #2d3e50; display: flex; align-items: center; gap: 4px; padding: 0 16px; flex: none; }
.nav > a, .nav > span { color: #fff; padding: 18px 12px; } .nav > a[aria-current="page"] { background: #425b76; text-decoration: none; }
.sprocket { margin-right: 12px; }
.search { margin-left: auto; width: 280px; background: #425b76; color: #cbd6e2; border-radius: 3px; padding: 6px 12px; }
.nav > .me { width: 28px; height: 28px; padding: 0; border-radius: 50%; background: #7fd1de; color: #2d3e50; display: grid; place-items: center; font-size: 11px; margin-left: 12px; }
.main { flex: 1; overflow: auto; min-height: 0; }
.record { display: grid; grid-template-columns: 300px 1fr 300px; height: 100%; }
.left, .right { background: #fff; border-right: 1px solid #dfe3eb; overflow: auto; padding: 12px 16px; }
.right { border-right: 0; border-left: 1px solid #dfe3eb; }
.left-top { display: flex; justify-content: space-between; align-items: center; }
.highlight { text-align: center; padding: 16px 0; border-bottom: 1px solid #dfe3eb; }
.avatar { width: 64px; height: 64px; margin: 0 auto 8px; border-radius: 50%; color: #fff; display: grid; place-items: center; font-size: 22px; }
.hl-name { font-size: 20px; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
.hl-sub { color: #516f90; font-size: 13px; }
.hl-actions { display: flex; justify-content: center; gap: 8px; margin-top: 12px; font-size: 11px; }
.hl-actions span { display: flex; flex-direction: column; align-items: center; gap: 2px; }
.hl-actions b { width: 32px; height: 32px; border-radius: 50%; border: 1px solid #cbd6e2; background: #f5f8fa; display: grid; place-items: center; font-weight: 400; }
.about { font-size: 14px; margin: 12px 0 4px; }
.props { margin: 0; } .prop { padding: 6px 0; } .prop dt { font-size: 12px; color: #516f90; } .prop dd { margin: 0; }
.middle { padding: 0 24px; overflow: auto; }
.tabs, .view-tabs { list-style: none; margin: 0 0 16px; padding: 0; display: flex; gap: 24px; border-bottom: 1px solid #cbd6e2; }
.tabs li, .view-tabs li { padding: 12px 0; } .tabs li[aria-selected="true"], .view-tabs li[aria-selected="true"] { border-bottom: 3px solid #33475b; font-weight: 600; }
.mcard { background: #fff; border: 1px solid #dfe3eb; border-radius: 4px; padding: 16px; margin-bottom: 16px; }
.mcard h3 { margin: 0 0 8px; font-size: 16px; }
.highlights { display: grid; grid-template-columns: repeat(3, 1fr); margin: 0; }
.assoc { border-bottom: 1px solid #dfe3eb; padding: 8px 0; } .assoc h3 { font-size: 14px; margin: 4px 0 8px; }
.assoc-card { display: block; border: 1px solid #dfe3eb; border-radius: 4px; padding: 8px 12px; margin-bottom: 8px; }
.muted { color: #7c98b6; font-size: 13px; font-weight: 400; }
.index { padding: 16px 24px; }
.index-header { display: flex; justify-content: space-between; align-items: center; }
.index-header h1 { font-size: 24px; margin: 0 0 8px; }
.table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #cbd6e2; }
.table th { background: #f5f8fa; text-align: left; font-size: 12px; padding: 8px 12px; border-bottom: 1px solid #cbd6e2; }
.table td { padding: 10px 12px; border-bottom: 1px solid #dfe3eb; }
.mini { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; color: #fff; font-size: 10px; margin-right: 8px; }
.demo-missing { padding: 24px; }
`;

export const hubspot = { host: 'app.hubspot.com', view, shell, css };
