// EspoCRM look-alike (default "Espo" theme, side navbar) for the self-hosted demo
// (demo/self-hosted.mjs). Like the real client it routes on the hash — `#{Entity}/view/{id}`,
// `#{Entity}` lists, empty for the dashboard — and re-renders on hashchange (client/src/router.js).
// The name is in the detail header `h3.header-title` as `{Plural} › <span class="title">{name}</span>`,
// and document.title is the name (docs/crm-url-patterns.md §2.13).
import { BELL_ICON, escapeHtml, SEARCH_ICON } from '../html.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each hashchange, in the page. */
const view = {
  hashRouting: true,
  searchIcon: SEARCH_ICON,
  types: {
    Contact: { plural: 'Contacts', color: '#6e9fd2', icon: '&#9786;' },
    Account: { plural: 'Accounts', color: '#d5a35d', icon: '&#9635;' },
  },

  parse(href, records) {
    const hash = new URL(href).hash.replace(/^#/, '');
    if (hash === '' || hash === 'Home') return { kind: 'home', records };
    const match = /^([A-Z][A-Za-z0-9]*)(?:\/view\/([^/]+))?$/.exec(hash);
    if (!match || !this.types[match[1]]) return null;
    const entityType = match[1];
    if (!match[2]) return { kind: 'list', entityType, records: records.filter((r) => r.entityType === entityType) };
    const record = records.find((r) => r.entityType === entityType && r.recordId === match[2]);
    return record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null;
  },

  title(page) {
    if (page.kind === 'home') return 'Home';
    return page.record ? page.record.name : this.types[page.entityType].plural;
  },

  /** Links are hash routes, which the browser follows in place. */
  href(url) {
    return esc(url.slice(url.indexOf('#')));
  },

  main(page) {
    if (page.kind === 'home') return this.homeMain(page);
    return page.kind === 'record' ? this.recordMain(page) : this.listMain(page);
  },

  header(title, buttons) {
    return `<div class="page-header"><h3 class="header-title">${title}</h3><div class="header-buttons">${buttons}</div></div>`;
  },

  cell([label, value]) {
    return `<div class="cell"><label class="control-label">${esc(label)}</label><div class="field">${esc(value)}</div></div>`;
  },

  recordMain({ record, others }) {
    const type = this.types[record.entityType];
    const fields = Object.entries(record.fields);
    const title = `<div class="header-breadcrumbs"><a href="#${esc(record.entityType)}" class="action">${esc(type.plural)}</a><span class="chevron-right" aria-hidden="true">&rsaquo;</span><span class="font-size-flexible title" data-demo-name>${esc(record.name)}</span></div>`;
    const buttons =
      '<button type="button" class="btn-primary">Edit</button><button type="button" data-demo-rename>Rename</button><button type="button" aria-label="More">&#9662;</button>';
    const panel = (heading, inner) =>
      `<div class="panel"><div class="panel-heading"><h4 class="panel-title">${heading}</h4></div><div class="panel-body">${inner}</div></div>`;
    const related = others
      .map(
        (r) =>
          `<li><span class="mini" style="background:${this.types[r.entityType].color}" aria-hidden="true">${this.types[r.entityType].icon}</span><a href="${this.href(r.url)}">${esc(r.name)}</a> <span class="text-muted">${esc(r.entityType)}</span></li>`,
      )
      .join('');
    return `
${this.header(title, buttons)}
<div class="record detail">
  <div class="middle">
    ${panel('Overview', `<div class="row">${[['Name', record.name], ...fields.slice(0, 3)].map((f) => this.cell(f)).join('')}</div>`)}
    ${panel('Activities', '<p class="text-muted">No Data</p>')}
    ${panel('History', '<p class="text-muted">No Data</p>')}
    ${panel('Related', `<ul class="related">${related}</ul>`)}
  </div>
  <div class="side">
    ${panel(
      '',
      `${fields
        .slice(3)
        .map((f) => this.cell(f))
        .join('')}${this.cell(['Teams', 'Sales'])}${this.cell(['Created', '03/03/2026 09:41 · Sam Rivera'])}`,
    )}
    ${panel('Stream', '<p class="text-muted">Sam Rivera created this record</p>')}
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
${this.header(`<span class="title">${esc(type.plural)}</span>`, `<button type="button" class="btn-primary">&#43; Create ${esc(entityType)}</button>`)}
<div class="search-row"><span class="filter-btn">All &#9662;</span><span class="search-input">${this.searchIcon}</span></div>
<div class="panel list-panel"><table class="table"><thead><tr><th></th><th>Name</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>
<tbody>${rows}</tbody></table><div class="text-muted list-count">Total: ${records.length}</div></div>`;
  },

  homeMain({ records }) {
    const dashlet = (type) =>
      `<div class="panel dashlet"><div class="panel-heading"><h4 class="panel-title">My ${esc(this.types[type].plural)}</h4></div><div class="panel-body"><ul class="related">${records
        .filter((r) => r.entityType === type)
        .map((r) => `<li><a href="${this.href(r.url)}">${esc(r.name)}</a></li>`)
        .join('')}</ul></div></div>`;
    return `${this.header('<span class="title">Home</span>', '')}<div class="dashlets">${Object.keys(this.types).map(dashlet).join('')}<div class="panel dashlet"><div class="panel-heading"><h4 class="panel-title">Stream</h4></div><div class="panel-body"><p class="text-muted">Sam Rivera logged in</p></div></div></div>`;
  },
};

/** The app chrome around the main content, rendered once per full page load. */
function shell(page, mainHtml) {
  const active = page.record ? page.record.entityType : page.entityType;
  const nav = (type) =>
    `<a href="#${type}" data-demo-nav="${type}"${type === active ? ' aria-current="page"' : ''}><span aria-hidden="true">${view.types[type].icon}</span>${esc(view.types[type].plural)}</a>`;
  const tab = (label, icon) => `<span><span aria-hidden="true">${icon}</span>${label}</span>`;
  return `
<div id="navbar" class="navbar" role="navigation">
  <a class="navbar-brand" href="#"><span class="logo" aria-hidden="true">&#9670;</span>EspoCRM</a>
  <nav class="tabs" aria-label="Tabs">
    ${tab('Home', '&#8962;')}${nav('Account')}${nav('Contact')}${tab('Leads', '&#9734;')}${tab('Opportunities', '&#36;')}${tab('Cases', '&#9873;')}${tab('Emails', '&#9993;')}${tab('Calendar', '&#9783;')}
  </nav>
</div>
<div class="content">
  <div class="topbar"><span class="global-search">${SEARCH_ICON} Search</span><span class="icons" aria-hidden="true">&#43; ${BELL_ICON}</span><span class="me" aria-label="Sam Rivera">SR</span></div>
  <main id="main" data-demo-main>${mainHtml}</main>
</div>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.42857 "Open Sans", "Helvetica Neue", Arial, sans-serif; color: #333; background: #eef0f2; height: 100vh; display: flex; }
button { font: inherit; background: #fff; border: 1px solid #d5d9dd; border-radius: 3px; padding: 5px 12px; color: #333; }
.btn-primary { background: #4e7fc4; border-color: #4e7fc4; color: #fff; }
a { color: #3b6fb6; text-decoration: none; } a:hover { text-decoration: underline; }
.text-muted { color: #8a9196; }
#navbar { width: 200px; background: #2f3842; color: #c4cbd2; flex: none; display: flex; flex-direction: column; }
.navbar-brand { display: flex; align-items: center; gap: 8px; height: 50px; padding: 0 16px; color: #fff; font-size: 17px; font-weight: 600; background: #28303a; }
.navbar-brand:hover { text-decoration: none; }
.logo { color: #f0b94a; font-size: 20px; }
.tabs { display: flex; flex-direction: column; padding: 8px 0; }
.tabs > * { display: flex; gap: 10px; padding: 8px 16px; color: #c4cbd2; border-left: 3px solid transparent; }
.tabs > * > span { width: 16px; text-align: center; }
.tabs a[aria-current="page"] { background: #3a4550; color: #fff; border-left-color: #4e7fc4; text-decoration: none; }
.content { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.topbar { height: 50px; background: #fff; border-bottom: 1px solid #dde1e4; display: flex; align-items: center; gap: 16px; padding: 0 20px; flex: none; }
.global-search { width: 320px; border: 1px solid #d5d9dd; border-radius: 3px; padding: 5px 10px; color: #8a9196; }
.icons { margin-left: auto; letter-spacing: 12px; color: #5d666e; }
.me { width: 30px; height: 30px; border-radius: 50%; background: #8da9c4; color: #fff; display: grid; place-items: center; font-size: 11px; }
#main { flex: 1; overflow: auto; padding: 0 20px 20px; }
.page-header { display: flex; align-items: center; justify-content: space-between; margin: 18px 0 14px; }
.header-title { font-size: 20px; font-weight: 400; margin: 0; min-width: 0; }
.header-breadcrumbs { display: flex; align-items: baseline; gap: 8px; }
.chevron-right { color: #8a9196; }
.header-title .title { font-weight: 600; overflow-wrap: anywhere; }
.header-buttons { display: flex; gap: 4px; }
.record { display: grid; grid-template-columns: 2fr 1fr; gap: 20px; align-items: start; }
.panel { background: #fff; border: 1px solid #dde1e4; border-radius: 3px; margin-bottom: 16px; }
.panel-heading { padding: 10px 14px; border-bottom: 1px solid #eef0f2; }
.panel-title { margin: 0; font-size: 14px; font-weight: 600; }
.panel-heading:has(.panel-title:empty) { display: none; }
.panel-body { padding: 10px 14px; }
.panel-body p { margin: 4px 0; }
.row { display: grid; grid-template-columns: 1fr 1fr; column-gap: 24px; }
.cell { padding: 6px 0; } .control-label { display: block; font-size: 12px; color: #8a9196; } .field { overflow-wrap: anywhere; }
.related { list-style: none; margin: 0; padding: 0; } .related li { padding: 5px 0; display: flex; align-items: center; gap: 8px; }
.mini { width: 22px; height: 22px; border-radius: 3px; color: #fff; display: inline-grid; place-items: center; font-size: 12px; }
.search-row { display: flex; gap: 8px; margin-bottom: 12px; }
.filter-btn, .search-input { background: #fff; border: 1px solid #d5d9dd; border-radius: 3px; padding: 5px 12px; }
.search-input { flex: 1; color: #8a9196; }
.table { width: 100%; border-collapse: collapse; }
.table th { text-align: left; font-weight: 600; padding: 8px 12px; border-bottom: 1px solid #dde1e4; }
.table td { padding: 8px 12px; border-bottom: 1px solid #eef0f2; }
.list-count { padding: 8px 12px; font-size: 12px; }
.dashlets { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
.demo-missing { padding: 24px; }
`;

export const espocrm = { host: null, view, shell, css };
