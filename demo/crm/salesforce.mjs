// Salesforce Lightning Experience look-alike: document.title is "{Name} | {Object Label} |
// Salesforce" on records and "{Plural} | Salesforce" on lists, and the record header heading
// reads "{Label} {Name}", as in docs/crm-url-patterns.md §2.2.
import { escapeHtml, SEARCH_ICON } from '../html.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each SPA navigation, in the page. */
const view = {
  origin: 'https://contoso.lightning.force.com',
  types: {
    Account: { label: 'Account', plural: 'Accounts', nameLabel: 'Account Name', color: '#7f8de1', icon: '&#9635;' },
    Contact: { label: 'Contact', plural: 'Contacts', nameLabel: 'Name', color: '#a094ed', icon: '&#9786;' },
    Opportunity: {
      label: 'Opportunity',
      plural: 'Opportunities',
      nameLabel: 'Opportunity Name',
      color: '#fcb95b',
      icon: '&#9733;',
    },
  },

  parse(href, records) {
    const { pathname } = new URL(href);
    const list = /^\/lightning\/o\/(\w+)\/list\/?$/.exec(pathname);
    if (list && this.types[list[1]]) {
      return { kind: 'list', entityType: list[1], records: records.filter((r) => r.entityType === list[1]) };
    }
    const match = /^\/lightning\/r\/(\w+)\/(\w{15}|\w{18})\/view\/?$/.exec(pathname);
    // The real app redirects a 15-character id to its 18-character form; both find the record.
    const record = match && records.find((r) => r.entityType === match[1] && r.recordId.startsWith(match[2]));
    return record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null;
  },

  title(page) {
    if (!page.record) return `${this.types[page.entityType].plural} | Salesforce`;
    return `${page.record.name} | ${this.types[page.record.entityType].label} | Salesforce`;
  },

  href(url) {
    return esc(url.slice(this.origin.length + 1));
  },

  icon(type) {
    return `<span class="obj-icon" style="background:${type.color}" aria-hidden="true">${type.icon}</span>`;
  },

  main(page) {
    return page.kind === 'record' ? this.recordMain(page) : this.listMain(page);
  },

  recordMain({ record, others }) {
    const type = this.types[record.entityType];
    const fields = Object.entries(record.fields);
    const item = ([label, value]) => `<div class="item"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
    return `
<div class="card page-header">
  <div class="ph-row">
    ${this.icon(type)}
    <h1 class="ph-title"><div class="entityNameTitle">${esc(type.label)}</div><lightning-formatted-text data-demo-name>${esc(record.name)}</lightning-formatted-text></h1>
    <div class="actions"><button type="button">+ Follow</button>
      <span class="btn-group"><button type="button">Edit</button><button type="button" data-demo-rename>Rename</button><button type="button">Delete</button><button type="button" aria-label="More actions">&#9662;</button></span></div>
  </div>
  <dl class="highlights">${fields.map(item).join('')}</dl>
</div>
<div class="columns">
  <section class="card">
    <ul class="tabs" role="tablist"><li role="tab">Related</li><li role="tab" aria-selected="true">Details</li></ul>
    <dl class="details">${item([type.nameLabel, record.name])}${fields.map(item).join('')}${item(['Owner', 'Sam Rivera'])}</dl>
  </section>
  <section class="card">
    <h2 class="card-title">Recently Viewed</h2>
    <ul class="related">${others
      .map((r) => `<li>${this.icon(this.types[r.entityType])}<a href="${this.href(r.url)}">${esc(r.name)}</a></li>`)
      .join('')}</ul>
  </section>
</div>`;
  },

  listMain({ entityType, records }) {
    const type = this.types[entityType];
    const labels = records.length ? Object.keys(records[0].fields).slice(0, 3) : [];
    const rows = records
      .map(
        (r, i) =>
          `<tr><td class="num">${i + 1}</td><td><a href="${this.href(r.url)}">${esc(r.name)}</a></td>${labels
            .map((label) => `<td>${esc(r.fields[label])}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    return `
<div class="card list-view">
  <div class="ph-row">
    ${this.icon(type)}
    <div class="ph-title"><div class="entityNameTitle">${esc(type.plural)}</div><h1 class="list-title">Recently Viewed &#9662;</h1></div>
    <div class="actions"><span class="btn-group"><button type="button">New</button><button type="button">Import</button></span></div>
  </div>
  <p class="meta">${records.length} items &bull; Updated a few seconds ago</p>
  <table class="table"><thead><tr><th></th><th>${esc(type.nameLabel)}</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>
  <tbody>${rows}</tbody></table>
</div>`;
  },
};

/** The app chrome around the main content, rendered once per full page load. */
function shell(page, mainHtml) {
  const active = page.record ? page.record.entityType : page.entityType;
  const nav = (type) =>
    `<a href="lightning/o/${type}/list?filterName=Recent" data-demo-nav="${type}"${type === active ? ' aria-current="page"' : ''}>${view.types[type].plural}</a>`;
  return `
<header class="global-header">
  <span class="cloud" aria-label="Salesforce"><svg width="46" height="32" viewBox="0 0 46 32" aria-hidden="true"><path fill="#00a1e0" d="M19 4a9 9 0 0 1 14 2 10 10 0 0 1 13 9.5A10 10 0 0 1 36 26a8 8 0 0 1-11 3 9 9 0 0 1-16-1A8 8 0 0 1 2 16a8 8 0 0 1 6-11 10 10 0 0 1 11-1z"/></svg></span>
  <div class="search" role="search">${SEARCH_ICON} Search...</div>
  <span class="icons" aria-hidden="true">&#9733; &#43; &#9776; ? &#9881;</span><span class="me" aria-label="Sam Rivera">SR</span>
</header>
<nav class="nav-bar" aria-label="Global">
  <span class="launcher" aria-label="App Launcher">&#8759;&#8759;</span><span class="app-name">Sales</span>
  <span>Home</span>${nav('Account')}${nav('Contact')}${nav('Opportunity')}<span>Reports</span><span>Dashboards</span>
</nav>
<main class="page" data-demo-main>${mainHtml}</main>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.5 "Salesforce Sans", -apple-system, "Segoe UI", Arial, sans-serif; color: #181818; height: 100vh; display: flex; flex-direction: column;
  background: #b0c4df; }
button { font: inherit; }
a { color: #0176d3; text-decoration: none; } a:hover { text-decoration: underline; }
.global-header { height: 50px; background: #fff; display: flex; align-items: center; gap: 16px; padding: 0 16px; flex: none; }
.search { margin: 0 auto; width: 480px; border: 1px solid #c9c9c9; border-radius: 4px; padding: 5px 12px; color: #747474; }
.icons { color: #747474; letter-spacing: 10px; } .me { width: 32px; height: 32px; border-radius: 50%; background: #7f8de1; color: #fff; display: grid; place-items: center; font-size: 12px; }
.nav-bar { height: 40px; background: #fff; border-bottom: 3px solid #0176d3; display: flex; align-items: stretch; padding: 0 12px; flex: none; box-shadow: 0 2px 3px rgba(0,0,0,.1); }
.nav-bar > * { display: flex; align-items: center; padding: 0 12px; color: #181818; border-bottom: 3px solid transparent; margin-bottom: -3px; }
.launcher { color: #747474; font-size: 16px; } .app-name { font-size: 18px; padding-right: 24px !important; }
.nav-bar a[aria-current="page"] { border-bottom-color: #014486; background: #f3f3f3; font-weight: 700; }
.page { flex: 1; overflow: auto; padding: 12px; background: linear-gradient(180deg, #cfdbea 0, #b0c4df 180px); }
.card { background: #fff; border: 1px solid #c9c9c9; border-radius: 4px; box-shadow: 0 2px 2px rgba(0,0,0,.1); padding: 12px 16px; }
.page-header { margin-bottom: 12px; background: #f3f3f3; }
.ph-row { display: flex; align-items: center; gap: 12px; }
.obj-icon { width: 32px; height: 32px; border-radius: 4px; color: #fff; display: inline-grid; place-items: center; font-size: 18px; flex: none; }
.related .obj-icon { width: 24px; height: 24px; font-size: 14px; margin-right: 8px; vertical-align: middle; }
.ph-title { margin: 0; font-size: 18px; font-weight: 700; line-height: 1.25; flex: 1; min-width: 0; }
.entityNameTitle { font-size: 13px; font-weight: 400; color: #444; }
.list-title { font-size: 18px; margin: 0; }
.actions { display: flex; gap: 8px; }
.actions button, .btn-group button { background: #fff; border: 1px solid #c9c9c9; color: #0176d3; padding: 4px 14px; border-radius: 4px; }
.btn-group { display: inline-flex; } .btn-group button { border-radius: 0; margin-left: -1px; }
.btn-group button:first-child { border-radius: 4px 0 0 4px; } .btn-group button:last-child { border-radius: 0 4px 4px 0; }
.highlights { display: flex; gap: 32px; margin: 12px 0 0 44px; }
.highlights dt, .details dt { color: #444; font-size: 12px; } .highlights dd, .details dd { margin: 0; }
.columns { display: grid; grid-template-columns: 2fr 1fr; gap: 12px; align-items: start; }
.tabs { list-style: none; margin: -4px 0 12px; padding: 0; display: flex; gap: 24px; border-bottom: 1px solid #e5e5e5; }
.tabs li { padding: 8px 0; } .tabs li[aria-selected="true"] { border-bottom: 3px solid #0176d3; font-weight: 700; }
.details { display: grid; grid-template-columns: 1fr 1fr; column-gap: 32px; margin: 0; }
.details .item { border-bottom: 1px solid #e5e5e5; padding: 6px 0; }
.card-title { font-size: 14px; font-weight: 700; margin: 0 0 8px; }
.related { list-style: none; margin: 0; padding: 0; } .related li { padding: 6px 0; border-bottom: 1px solid #f3f3f3; }
.meta { color: #444; font-size: 12px; margin: 8px 0; }
.table { width: 100%; border-collapse: collapse; } .table th { background: #f3f3f3; text-align: left; font-weight: 400; color: #444; padding: 6px 8px; border-top: 1px solid #e5e5e5; }
.table td { padding: 6px 8px; border-top: 1px solid #e5e5e5; } .num { color: #747474; width: 32px; }
.demo-missing { background: #fff; padding: 24px; border-radius: 4px; }
`;

// Salesforce sends a strict Content-Security-Policy: so does this demo (frames must still load).
export const salesforce = { host: 'contoso.lightning.force.com', view, shell, css, strictCsp: true };
