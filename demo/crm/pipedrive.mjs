// Pipedrive look-alike at {company}.pipedrive.com/(person|organization|deal)/{id}. The patterns
// file names no authoritative name landmark, only "the page h1 or the title" (docs/crm-url-patterns.md
// §2.4), so the name is the one h1 inside <main> and starts the title; deals also use the
// `.dealDetails .descriptionHead .title` header that tmetric-plugins reads. The main menu is
// `#mainmenu`, as in EA Foundation's extension (same section).
import { escapeHtml, SEARCH_ICON } from '../html.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each SPA navigation, in the page. */
const view = {
  origin: 'https://contoso.pipedrive.com',
  types: {
    person: { label: 'Person', plural: 'People', listPath: 'persons/list', color: '#6b5cd6' },
    organization: { label: 'Organization', plural: 'Organizations', listPath: 'organizations/list', color: '#e5893b' },
    deal: { label: 'Deal', plural: 'Deals', listPath: 'pipeline', color: '#017737' },
  },
  stages: ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Negotiations started'],

  parse(href, records) {
    const pathname = new URL(href).pathname.replace(/\/$/, '');
    const list = Object.keys(this.types).find((type) => `/${this.types[type].listPath}` === pathname);
    if (list) return { kind: 'list', entityType: list, records: records.filter((r) => r.entityType === list) };
    const match = /^\/(person|organization|deal)\/(\d+)$/.exec(pathname);
    const record = match && records.find((r) => r.entityType === match[1] && r.recordId === match[2]);
    return record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null;
  },

  // Unsourced: "{name} - Pipedrive" is a plausible title, not a verified one.
  title(page) {
    return `${page.record ? page.record.name : this.types[page.entityType].plural} - Pipedrive`;
  },

  href(url) {
    return esc(url.slice(this.origin.length + 1));
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
    const isDeal = record.entityType === 'deal';
    const field = ([label, value]) => `<div class="field"><dt>${esc(label)}</dt><dd>${esc(value)}</dd></div>`;
    const stage = this.stages.indexOf(record.fields.Stage);
    const pipeline = isDeal
      ? `<ol class="stages" aria-label="Pipeline stages">${this.stages
          .map((s, i) => `<li class="${i <= stage ? 'done' : ''}">${esc(s)}</li>`)
          .join('')}</ol>`
      : '';
    const actions = isDeal
      ? '<button type="button" class="won">Won</button><button type="button" class="lost">Lost</button>'
      : '<button type="button" class="green">+ Deal</button>';
    return `
<div class="detail-top">
  <div class="crumbs"><a href="${esc(type.listPath)}">${esc(type.plural)}</a> &rsaquo; ${esc(type.label)}</div>
  <div class="${isDeal ? 'dealDetails' : 'personDetails'} header">
    <div class="avatar" style="background:${type.color}" aria-hidden="true">${this.initials(record.name)}</div>
    <div class="descriptionHead">
      <h1 class="title" data-demo-name>${esc(record.name)}</h1>
      <div class="owner"><span class="dot" aria-hidden="true">SR</span> Sam Rivera &middot; Owner</div>
    </div>
    <div class="actions">${actions}<button type="button" data-demo-rename>&#9998; Rename</button><button type="button" aria-label="More actions">&#8943;</button></div>
  </div>
  ${pipeline}
</div>
<div class="detail">
  <aside class="sidebar">
    <section class="panel"><h2>&#9662; Summary</h2><dl>${Object.entries(record.fields).map(field).join('')}</dl></section>
    <section class="panel"><h2>&#9662; Related</h2><ul class="related">${others
      .map(
        (r) =>
          `<li><span class="mini" style="background:${this.types[r.entityType].color}" aria-hidden="true">${this.initials(r.name)}</span><a href="${this.href(r.url)}">${esc(r.name)}</a> <span class="muted">${esc(this.types[r.entityType].label)}</span></li>`,
      )
      .join('')}</ul></section>
  </aside>
  <section class="feed">
    <ul class="composer-tabs" role="tablist"><li role="tab" aria-selected="true">Notes</li><li role="tab">Activity</li><li role="tab">Call</li><li role="tab">Email</li><li role="tab">Files</li></ul>
    <div class="composer">Take notes on this ${esc(type.label.toLowerCase())}, @name a colleague…</div>
    <h3 class="history">History</h3>
    <div class="event"><span class="event-icon" aria-hidden="true">&#9998;</span><div><b>${esc(type.label)} created</b><div class="muted">Sam Rivera &middot; March 3, 2026 9:41 AM</div></div></div>
  </section>
</div>`;
  },

  listMain(page) {
    return page.entityType === 'deal' ? this.boardMain(page) : this.tableMain(page);
  },

  tableMain({ entityType, records }) {
    const type = this.types[entityType];
    const labels = records.length ? Object.keys(records[0].fields).slice(0, 3) : [];
    const rows = records
      .map(
        (r) =>
          `<tr><td><input type="checkbox" aria-label="Select"></td><td><span class="mini" style="background:${type.color}" aria-hidden="true">${this.initials(r.name)}</span><a href="${this.href(r.url)}">${esc(r.name)}</a></td>${labels
            .map((label) => `<td>${esc(r.fields[label])}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    return `
<div class="list-top"><h1>${esc(type.plural)}</h1><span class="muted">${records.length} ${esc(type.plural.toLowerCase())}</span>
  <button type="button" class="green">+ ${esc(type.label)}</button></div>
<table class="table"><thead><tr><th></th><th>Name</th>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>
<tbody>${rows}</tbody></table>`;
  },

  boardMain({ records }) {
    const column = (stage) => {
      const deals = records.filter((r) => r.fields.Stage === stage);
      return `<section class="column"><h2>${esc(stage)}</h2><div class="muted">${deals.length} deals</div>${deals
        .map(
          (r) =>
            `<div class="deal-card"><a href="${this.href(r.url)}">${esc(r.name)}</a><div class="muted">${esc(r.fields.Value)}</div></div>`,
        )
        .join('')}</section>`;
    };
    return `
<div class="list-top"><h1>Deals</h1><span class="muted">Sales pipeline</span><button type="button" class="green">+ Deal</button></div>
<div class="board">${this.stages.map(column).join('')}</div>`;
  },
};

/** The app chrome around the main content, rendered once per full page load. */
function shell(page, mainHtml) {
  const active = page.record ? page.record.entityType : page.entityType;
  const nav = (type, icon) =>
    `<a href="${esc(view.types[type].listPath)}" data-demo-nav="${type}" title="${esc(view.types[type].plural)}"${type === active ? ' aria-current="page"' : ''}><span aria-hidden="true">${icon}</span>${esc(view.types[type].plural)}</a>`;
  return `
<nav id="mainmenu" aria-label="Main menu">
  <span class="logo" aria-label="Pipedrive">p</span>
  <span class="item"><span aria-hidden="true">&#9678;</span>Leads</span>
  ${nav('deal', '&#36;')}
  <span class="item"><span aria-hidden="true">&#9993;</span>Mail</span>
  <span class="item"><span aria-hidden="true">&#9745;</span>Activities</span>
  ${nav('person', '&#9786;')}${nav('organization', '&#9635;')}
  <span class="item"><span aria-hidden="true">&#9650;</span>Insights</span>
</nav>
<div class="app">
  <header class="topbar">
    <div class="search" role="search">${SEARCH_ICON} Search Pipedrive</div>
    <button type="button" class="plus" aria-label="Quick add">+</button>
    <span class="me" aria-label="Sam Rivera">SR</span>
  </header>
  <main class="main" data-demo-main>${mainHtml}</main>
</div>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; color: #21232c; background: #f7f7f7; height: 100vh; display: flex; }
button { font: inherit; background: #fff; border: 1px solid #d6d7db; border-radius: 4px; padding: 4px 12px; color: #21232c; }
button.green, button.won { background: #017737; border-color: #017737; color: #fff; font-weight: 600; }
button.lost { background: #e03131; border-color: #e03131; color: #fff; font-weight: 600; }
a { color: #317ae2; text-decoration: none; } a:hover { text-decoration: underline; }
#mainmenu { width: 72px; background: #26292c; display: flex; flex-direction: column; align-items: stretch; padding: 8px 0; flex: none; }
#mainmenu > * { color: #c9cbd1; display: flex; flex-direction: column; align-items: center; font-size: 11px; padding: 8px 0; border-left: 3px solid transparent; }
#mainmenu > * > span { font-size: 18px; line-height: 1.2; }
#mainmenu a[aria-current="page"] { color: #fff; background: #3b3f45; border-left-color: #08a742; text-decoration: none; }
#mainmenu .logo { width: 36px; height: 36px; margin: 4px auto 12px; border: 0; padding: 0; border-radius: 8px; background: #fff; color: #26292c; font: 700 26px/32px Georgia, serif; text-align: center; display: block; }
.app { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.topbar { height: 56px; background: #fff; border-bottom: 1px solid #e3e4e7; display: flex; align-items: center; gap: 12px; padding: 0 16px; flex: none; }
.search { margin: 0 auto; width: 440px; background: #f2f3f4; border: 1px solid #d6d7db; border-radius: 4px; padding: 6px 10px; color: #6a6d75; }
.plus { width: 32px; height: 32px; padding: 0; border-radius: 50%; background: #017737; border-color: #017737; color: #fff; font-size: 20px; line-height: 1; }
.me, .dot { width: 32px; height: 32px; border-radius: 50%; background: #a2d1f9; color: #21232c; display: grid; place-items: center; font-size: 12px; }
.dot { width: 20px; height: 20px; font-size: 9px; display: inline-grid; }
.main { flex: 1; overflow: auto; min-height: 0; }
.detail-top { background: #fff; border-bottom: 1px solid #e3e4e7; padding: 8px 24px 12px; }
.crumbs { font-size: 13px; color: #6a6d75; }
.header { display: flex; align-items: center; gap: 12px; margin-top: 8px; }
.avatar { width: 48px; height: 48px; border-radius: 50%; color: #fff; display: grid; place-items: center; font-size: 18px; font-weight: 600; flex: none; }
.descriptionHead { flex: 1; min-width: 0; }
.descriptionHead .title { font-size: 24px; font-weight: 600; margin: 0; overflow-wrap: anywhere; }
.owner { color: #6a6d75; font-size: 13px; display: flex; align-items: center; gap: 6px; }
.actions { display: flex; gap: 6px; }
.stages { list-style: none; display: flex; margin: 12px 0 0; padding: 0; gap: 3px; }
.stages li { flex: 1; background: #e3e4e7; color: #6a6d75; font-size: 12px; padding: 4px 10px; clip-path: polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%, 8px 50%); }
.stages li.done { background: #08a742; color: #fff; }
.detail { display: grid; grid-template-columns: 400px 1fr; gap: 16px; padding: 16px 24px; align-items: start; }
.panel { background: #fff; border: 1px solid #e3e4e7; border-radius: 6px; padding: 12px 16px; margin-bottom: 12px; }
.panel h2 { font-size: 15px; margin: 0 0 8px; }
.panel dl { margin: 0; } .field { display: grid; grid-template-columns: 120px 1fr; padding: 4px 0; } .field dt { color: #6a6d75; } .field dd { margin: 0; overflow-wrap: anywhere; }
.related { list-style: none; margin: 0; padding: 0; } .related li { padding: 6px 0; display: flex; align-items: center; gap: 8px; }
.mini { display: inline-grid; place-items: center; width: 24px; height: 24px; border-radius: 50%; color: #fff; font-size: 10px; flex: none; margin-right: 6px; }
.related .mini { margin-right: 0; }
.muted { color: #6a6d75; font-size: 13px; }
.feed { min-width: 0; }
.composer-tabs { list-style: none; margin: 0; padding: 0; display: flex; background: #fff; border: 1px solid #e3e4e7; border-bottom: 0; border-radius: 6px 6px 0 0; }
.composer-tabs li { padding: 10px 16px; } .composer-tabs li[aria-selected="true"] { box-shadow: inset 0 -2px #317ae2; font-weight: 600; }
.composer { background: #fffbe5; border: 1px solid #e3e4e7; border-radius: 0 0 6px 6px; padding: 16px; color: #6a6d75; min-height: 72px; }
.history { font-size: 15px; margin: 20px 0 8px; }
.event { display: flex; gap: 12px; background: #fff; border: 1px solid #e3e4e7; border-radius: 6px; padding: 12px; }
.event-icon { width: 28px; height: 28px; border-radius: 50%; background: #e3e4e7; display: grid; place-items: center; }
.list-top { display: flex; align-items: center; gap: 12px; padding: 16px 24px; }
.list-top h1 { font-size: 20px; margin: 0; } .list-top button { margin-left: auto; }
.table { width: calc(100% - 48px); margin: 0 24px; border-collapse: collapse; background: #fff; border: 1px solid #e3e4e7; }
.table th { text-align: left; font-size: 13px; color: #6a6d75; padding: 8px 12px; border-bottom: 1px solid #e3e4e7; }
.table td { padding: 8px 12px; border-bottom: 1px solid #f0f0f2; }
.board { display: grid; grid-template-columns: repeat(5, 1fr); gap: 8px; padding: 0 24px 24px; }
.column { background: #eceef0; border-radius: 6px; padding: 8px; min-height: 420px; }
.column h2 { font-size: 14px; margin: 0; }
.deal-card { background: #fff; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.12); padding: 8px 10px; margin-top: 8px; }
.demo-missing { padding: 24px; }
`;

export const pipedrive = { host: 'contoso.pipedrive.com', view, shell, css };
