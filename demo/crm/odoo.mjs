// Odoo 17.2+ look-alike at contoso.odoo.com/odoo/{action}/{id}, which also opens Odoo ≤17
// `/web#id=…&model=…` links without redirecting them (docs/crm-url-patterns.md §2.12). The name is in
// the landmarks that section gives: the form view (`.o_form_view`) breadcrumb's
// `.o_breadcrumb .o_last_breadcrumb_item`, and the title "Odoo - {name}" (title_service joins its
// parts with " - "). As in the real web client, the navbar changes with the app, so it is part of
// the view's main content rather than the shell.
import { CHAT_ICON, CLOCK_ICON, escapeHtml } from '../html.mjs';
import { ODOO_ACTION_PATHS } from '../records.mjs';

// The view's methods are serialised into the page (demo/spa.mjs) and call `esc` there.
const esc = escapeHtml;

/** Rendered on the server and, after each SPA navigation, in the page. */
const view = {
  origin: 'https://contoso.odoo.com',
  paths: ODOO_ACTION_PATHS,
  systrayIcons: `${CHAT_ICON} ${CLOCK_ICON}`,
  models: {
    'res.partner': { app: 'Contacts', action: 'Contacts', menus: ['Contacts', 'Configuration'], color: '#e4a04a' },
    'crm.lead': {
      app: 'CRM',
      action: 'Pipeline',
      menus: ['Sales', 'Leads', 'Reporting', 'Configuration'],
      color: '#017e84',
      stages: ['New', 'Qualified', 'Proposition', 'Won'],
    },
  },
  apps: [
    ['Discuss', '#1ba0a6'],
    ['Calendar', '#e46e78'],
    ['Contacts', '#e4a04a'],
    ['CRM', '#017e84'],
    ['Sales', '#875a7b'],
    ['Invoicing', '#5b899e'],
    ['Project', '#a6b341'],
    ['Settings', '#6c757d'],
  ],

  parse(href, records) {
    const url = new URL(href);
    const page = (record) => (record ? { kind: 'record', record, others: records.filter((r) => r !== record) } : null);
    // Odoo ≤17: the record is in the hash; without an id /web shows the home menu here.
    if (url.pathname === '/web') {
      // The hash is a query string (id=…&model=…); read it with the URL parser.
      const state = new URL(`?${url.hash.slice(1)}`, url).searchParams;
      if (!state.get('id')) return { kind: 'home' };
      return page(records.find((r) => r.entityType === state.get('model') && r.recordId === state.get('id')));
    }
    const match = /^\/odoo(?:\/([a-z][\w.-]*)(?:\/(\d+))?)?\/?$/.exec(url.pathname);
    if (!match) return null;
    if (!match[1]) return { kind: 'home' };
    const model = Object.keys(this.paths).find((m) => m === match[1] || this.paths[m] === match[1]);
    if (!model) return null;
    if (!match[2]) return { kind: 'list', entityType: model, records: records.filter((r) => r.entityType === model) };
    return page(records.find((r) => r.entityType === model && r.recordId === match[2]));
  },

  title(page) {
    if (page.kind === 'home') return 'Odoo';
    return `Odoo - ${page.record ? page.record.name : this.models[page.entityType].action}`;
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
    if (page.kind === 'home') return this.homeMain();
    const model = page.record ? page.record.entityType : page.entityType;
    const body = page.kind === 'record' ? this.formMain(page) : this.kanbanMain(page);
    return `${this.navbar(model)}<div class="o_action_manager">${body}</div>`;
  },

  navbar(model) {
    const app = this.models[model];
    return `
<nav class="o_main_navbar" aria-label="Main menu">
  <a class="o_menu_toggle" href="odoo" aria-label="Home menu">&#9783;</a>
  <a class="o_menu_brand" href="odoo/${esc(this.paths[model])}">${esc(app.app)}</a>
  ${app.menus.map((m) => `<span class="o_nav_entry">${esc(m)}</span>`).join('')}
  <span class="o_menu_systray"><span aria-hidden="true">${this.systrayIcons}</span><span>Contoso</span><span class="o_avatar_me" aria-label="Sam Rivera">S</span></span>
</nav>`;
  },

  controlPanel(model, last, pager) {
    const app = this.models[model];
    const crumbs = last
      ? `<ol class="breadcrumb"><li class="breadcrumb-item"><a href="odoo/${esc(this.paths[model])}">${esc(app.action)}</a></li></ol>${last}`
      : `<div class="o_last_breadcrumb_item active"><span>${esc(app.action)}</span></div>`;
    return `
<div class="o_control_panel">
  <div class="o_control_panel_breadcrumbs">
    <button type="button" class="btn-primary o_form_button_create">New</button>
    <div class="o_breadcrumb">${crumbs}</div>
    ${last ? '<button type="button" class="o_cp_action_menus" aria-label="Actions">&#9881;</button><button type="button" class="btn-secondary" data-demo-rename>Rename</button>' : ''}
  </div>
  ${last ? '' : '<div class="o_cp_searchview"><span class="o_searchview_facet">Filters</span> Search...</div>'}
  <div class="o_control_panel_navigation">${pager}</div>
</div>`;
  },

  formMain({ record, others }) {
    const model = record.entityType;
    const app = this.models[model];
    const siblings = [record, ...others].filter((r) => r.entityType === model);
    siblings.sort((a, b) => Number(a.recordId) - Number(b.recordId));
    const at = siblings.indexOf(record);
    const step = (delta, label, symbol) =>
      `<a class="o_pager_${label}" href="${this.href(siblings[(at + delta + siblings.length) % siblings.length].url)}" aria-label="${label}">${symbol}</a>`;
    const pager = `<span class="o_pager_value">${at + 1} / ${siblings.length}</span>${step(-1, 'previous', '&lsaquo;')}${step(1, 'next', '&rsaquo;')}`;
    const last = `<div class="o_last_breadcrumb_item active"><span data-demo-name>${esc(record.name)}</span></div>`;
    const stage = app.stages ? app.stages.indexOf(record.fields.Stage) : -1;
    const statusbar = app.stages
      ? `<div class="o_form_statusbar"><span><button type="button" class="btn-primary">New Quotation</button><button type="button" class="btn-primary">Won</button><button type="button" class="btn-secondary">Lost</button></span>
         <span class="o_statusbar_status">${app.stages.map((s, i) => `<span class="${i === stage ? 'o_arrow_button_current' : ''}">${esc(s)}</span>`).join('')}</span></div>`
      : '';
    const fields = Object.entries(record.fields);
    const group = (entries) =>
      `<div class="o_inner_group">${entries
        .map(
          ([label, value]) => `<div class="o_wrap_field"><label>${esc(label)}</label><span>${esc(value)}</span></div>`,
        )
        .join('')}</div>`;
    return `
<div class="o_action o_form_view">
  ${this.controlPanel(model, last, pager)}
  <div class="o_content">
    <div class="o_form_sheet_bg">
      ${statusbar}
      <div class="o_form_sheet">
        <div class="oe_button_box"><span><b>1</b> Meetings</span><span><b>${model === 'crm.lead' ? 0 : 1}</b> Opportunities</span><span><b>0</b> Sales</span></div>
        <div class="o_title_row">
          <div class="oe_title"><h1><input class="o_input" readonly data-demo-name value="${esc(record.name)}" aria-label="Name"></h1></div>
          ${model === 'res.partner' ? `<div class="o_avatar" style="background:${app.color}" aria-hidden="true">${this.initials(record.name)}</div>` : ''}
        </div>
        <div class="o_group">${group(fields.slice(0, 2))}${group(fields.slice(2))}</div>
        <ul class="o_notebook_headers" role="tablist"><li role="tab" aria-selected="true">Related</li><li role="tab">Internal Notes</li></ul>
        <ul class="o_related">${others
          .map(
            (r) =>
              `<li><a href="${this.href(r.url)}">${esc(r.name)}</a> <span class="text-muted">${esc(this.models[r.entityType].app)}</span></li>`,
          )
          .join('')}</ul>
      </div>
    </div>
    <div class="o-mail-Chatter">
      <div class="o-mail-Chatter-topbar"><button type="button" class="btn-primary">Send message</button><button type="button" class="btn-secondary">Log note</button><button type="button" class="btn-secondary">Activities</button></div>
      <div class="o-mail-Message"><span class="o_avatar_me" aria-hidden="true">S</span><div><b>Sam Rivera</b> <span class="text-muted">- 3 days ago</span><div>Record created</div></div></div>
    </div>
  </div>
</div>`;
  },

  kanbanMain({ entityType, records }) {
    const app = this.models[entityType];
    const card = (r) =>
      `<div class="o_kanban_record">${entityType === 'res.partner' ? `<div class="o_avatar" style="background:${app.color}" aria-hidden="true">${this.initials(r.name)}</div>` : ''}<div><a href="${this.href(r.url)}">${esc(r.name)}</a>${Object.values(
        r.fields,
      )
        .slice(0, 2)
        .map((value) => `<div class="text-muted">${esc(value)}</div>`)
        .join('')}</div></div>`;
    const body = app.stages
      ? `<div class="o_kanban_grouped">${app.stages
          .map(
            (stage) =>
              `<section class="o_kanban_group"><h2>${esc(stage)}</h2>${records
                .filter((r) => r.fields.Stage === stage)
                .map(card)
                .join('')}</section>`,
          )
          .join('')}</div>`
      : `<div class="o_kanban_ungrouped">${records.map(card).join('')}</div>`;
    const pager = `<span class="o_pager_value">1-${records.length} / ${records.length}</span>`;
    return `<div class="o_action o_kanban_view">${this.controlPanel(entityType, '', pager)}<div class="o_content">${body}</div></div>`;
  },

  homeMain() {
    const icon = ([name, color]) => {
      const model = Object.keys(this.models).find((m) => this.models[m].app === name);
      const inner = `<span class="o_app_icon" style="background:${color}" aria-hidden="true">${esc(name[0])}</span><span>${esc(name)}</span>`;
      return model
        ? `<a class="o_app" href="odoo/${esc(this.paths[model])}">${inner}</a>`
        : `<span class="o_app">${inner}</span>`;
    };
    return `<div class="o_home_menu"><div class="o_apps">${this.apps.map(icon).join('')}</div></div>`;
  },
};

/** The app chrome: Odoo's web client root; the navbar comes with each app's content. */
function shell(_page, mainHtml) {
  return `<main class="o_web_client" data-demo-main>${mainHtml}</main>`;
}

const css = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 Roboto, "Odoo Unicode Support Noto", "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: #374151; background: #f9fafb; height: 100vh; }
button { font: inherit; border-radius: 4px; padding: 4px 12px; border: 1px solid transparent; }
.btn-primary { background: #714b67; border-color: #714b67; color: #fff; }
.btn-secondary { background: #e7e9ed; border-color: #e7e9ed; color: #1f2937; }
a { color: #017e84; text-decoration: none; } a:hover { text-decoration: underline; }
.text-muted { color: #6b7280; font-size: 13px; }
.o_web_client { height: 100vh; display: flex; flex-direction: column; overflow: hidden; }
.o_main_navbar { height: 46px; background: #714b67; color: #fff; display: flex; align-items: center; flex: none; padding-right: 12px; }
.o_main_navbar a, .o_main_navbar span { color: #fff; }
.o_menu_toggle { width: 46px; text-align: center; font-size: 20px; }
.o_menu_brand { font-size: 18px; padding: 0 16px 0 4px; }
.o_nav_entry { padding: 0 12px; opacity: .9; }
.o_menu_systray { margin-left: auto; display: flex; align-items: center; gap: 14px; }
.o_avatar_me { width: 26px; height: 26px; border-radius: 4px; background: #017e84; display: inline-grid; place-items: center; color: #fff; font-size: 12px; flex: none; }
.o_action_manager { flex: 1; min-height: 0; overflow: auto; }
.o_control_panel { display: flex; align-items: center; gap: 16px; background: #fff; padding: 10px 16px; border-bottom: 1px solid #e5e7eb; }
.o_control_panel_breadcrumbs { display: flex; align-items: center; gap: 8px; flex: 1; min-width: 0; }
.o_breadcrumb { display: flex; align-items: center; min-width: 0; font-size: 18px; }
.breadcrumb { list-style: none; margin: 0; padding: 0; display: flex; }
.breadcrumb-item a { color: #017e84; } .breadcrumb-item::after { content: "/"; color: #9ca3af; padding: 0 8px; }
.o_last_breadcrumb_item { color: #1f2937; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.o_cp_action_menus { background: transparent; color: #6b7280; }
.o_cp_searchview { flex: 1; border: 1px solid #d1d5db; border-radius: 4px; padding: 4px 8px; color: #9ca3af; }
.o_searchview_facet { background: #e7e9ed; color: #374151; border-radius: 3px; padding: 0 6px; margin-right: 6px; font-size: 12px; }
.o_control_panel_navigation { display: flex; align-items: center; gap: 4px; color: #6b7280; }
.o_control_panel_navigation a { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 4px; background: #e7e9ed; color: #374151; font-size: 18px; }
.o_content { padding: 0 0 24px; }
.o_form_sheet_bg { max-width: 1140px; margin: 0 auto; padding: 12px 16px 0; }
.o_form_statusbar { display: flex; justify-content: space-between; align-items: center; background: #fff; border: 1px solid #e5e7eb; border-bottom: 0; padding: 6px 12px; }
.o_form_statusbar button { margin-right: 4px; }
.o_statusbar_status span { display: inline-block; padding: 4px 14px; background: #f3f4f6; color: #6b7280; font-size: 13px; clip-path: polygon(0 0, calc(100% - 8px) 0, 100% 50%, calc(100% - 8px) 100%, 0 100%, 8px 50%); }
.o_statusbar_status .o_arrow_button_current { background: #e6f2f3; color: #017e84; font-weight: 600; }
.o_form_sheet { background: #fff; border: 1px solid #e5e7eb; box-shadow: 0 4px 10px rgba(0,0,0,.05); padding: 16px 32px 24px; }
.oe_button_box { display: flex; justify-content: flex-end; margin: -16px -32px 12px; border-bottom: 1px solid #e5e7eb; }
.oe_button_box span { padding: 8px 16px; border-left: 1px solid #e5e7eb; color: #374151; font-size: 13px; } .oe_button_box b { color: #017e84; }
.o_title_row { display: flex; align-items: flex-start; gap: 16px; }
.oe_title { flex: 1; min-width: 0; } .oe_title h1 { margin: 0 0 12px; }
.oe_title .o_input { width: 100%; font: inherit; font-size: 28px; font-weight: 600; line-height: 1.3; border: 0; border-bottom: 1px solid #d1d5db; color: #1f2937; padding: 2px 0; background: transparent; }
.o_avatar { width: 64px; height: 64px; border-radius: 4px; color: #fff; display: grid; place-items: center; font-size: 22px; flex: none; }
.o_group { display: grid; grid-template-columns: 1fr 1fr; gap: 32px; }
.o_wrap_field { display: grid; grid-template-columns: 150px 1fr; padding: 4px 0; }
.o_wrap_field label { font-weight: 600; color: #1f2937; } .o_wrap_field span { border-bottom: 1px solid #f3f4f6; }
.o_notebook_headers { list-style: none; display: flex; margin: 20px 0 0; padding: 0; border-bottom: 1px solid #e5e7eb; }
.o_notebook_headers li { padding: 8px 16px; } .o_notebook_headers li[aria-selected="true"] { border: 1px solid #e5e7eb; border-bottom-color: #fff; margin-bottom: -1px; border-radius: 4px 4px 0 0; font-weight: 600; }
.o_related { margin: 12px 0 0; padding-left: 18px; } .o_related li { padding: 2px 0; }
.o-mail-Chatter { max-width: 1140px; margin: 16px auto 0; padding: 0 16px; }
.o-mail-Chatter-topbar button { margin-right: 6px; }
.o-mail-Message { display: flex; gap: 10px; margin-top: 16px; }
.o_kanban_ungrouped { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; padding: 16px; }
.o_kanban_record { display: flex; gap: 10px; background: #fff; border: 1px solid #e5e7eb; padding: 8px; margin-bottom: 8px; }
.o_kanban_ungrouped .o_kanban_record { margin: 0; }
.o_kanban_record .o_avatar { width: 56px; height: 56px; font-size: 18px; }
.o_kanban_grouped { display: grid; grid-template-columns: repeat(4, 280px); gap: 12px; padding: 16px; }
.o_kanban_group h2 { font-size: 15px; margin: 0 0 8px; border-bottom: 3px solid #e5e7eb; padding-bottom: 4px; }
.o_home_menu { flex: 1; background: linear-gradient(160deg, #f4e9f0 0, #d9eef0 100%); padding-top: 72px; }
.o_apps { display: grid; grid-template-columns: repeat(4, 110px); gap: 32px 24px; justify-content: center; }
.o_app { display: flex; flex-direction: column; align-items: center; gap: 6px; color: #374151; }
.o_app_icon { width: 70px; height: 70px; border-radius: 8px; display: grid; place-items: center; color: #fff; font-size: 30px; font-weight: 600; box-shadow: 0 2px 4px rgba(0,0,0,.15); }
.demo-missing { padding: 24px; }
`;

export const odoo = { host: 'contoso.odoo.com', view, shell, css };
