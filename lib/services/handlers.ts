import type { Method, ParsedOf, Responses } from '../messaging/protocol';
import type { Change } from '../messaging/views';
import { connectionService } from './connections';
import { backupService } from './backup';
import type { ServiceContext } from './context';
import { createRoleCache } from './role-cache';
import { pageService, type PageHost } from './page';
import { recordService } from './records';
import type { RequestSource } from './router';
import { roleService } from './roles';
import { settingsService } from './settings';
import { siteService, type SiteHost } from './sites';
import { syncService, type SyncEnv } from '../sync/service';
import type { PrivateRecords, TabStates } from './tab-state';
import { statusForPage } from '../model/sync-settings';

/** One handler per protocol message; the type makes a missing or mistyped one a compile error. */
export type Handlers = { [M in Method]: (input: ParsedOf<M>, from: RequestSource) => Promise<Responses[M]> };

/** What the background's services need from the browser itself (fakes in unit tests). */
export interface BrowserEnv {
  sites: SiteHost;
  tabs: TabStates;
  privateRecords: PrivateRecords;
  /** Relaying to a CRM tab's content script and frames. */
  page: PageHost;
  shortcuts: () => Promise<Responses['commands.list']>;
  sync: SyncEnv;
  /** Whether any CRM tab or extension page is open and watching: sync then waits live. */
  watched: () => boolean;
}

/** Builds every background service over one context and maps them to protocol messages. */
export function createHandlers(base: ServiceContext, env: BrowserEnv): Handlers {
  return createBackground(base, env).handlers;
}

/** The background's services: the protocol handlers, and sync for the worker's own events. */
export function createBackground(base: ServiceContext, env: BrowserEnv) {
  const roleCache = createRoleCache(base.db);
  // Every role change is announced on the feed, whoever made it: that is when the cache goes.
  const announce = (change: Change) => {
    if (change.roles || change.all) roleCache.invalidate();
    base.emit(change);
  };
  const sync = syncService({ ...base, emit: announce }, env.sync, env.watched);
  // Changes made here (not pulled from the server) go to the server shortly after.
  const ctx: ServiceContext = {
    ...base,
    emit: (change) => {
      announce(change);
      if (change.records || change.roles || change.all) sync.changedLocally();
    },
  };
  const connections = connectionService(ctx, roleCache);
  // Where team sync says this user is no role admin of the team, roles are read-only here too.
  const roles = roleService(ctx, () => sync.rolesReadOnly());
  const records = recordService(ctx, env.tabs, env.privateRecords);
  const page = pageService(ctx, env.tabs, env.privateRecords, env.page, {
    seen: records.seen,
    activeCount: connections.activeCount,
  });
  const settings = settingsService(ctx);
  const sites = siteService(ctx, env.sites);
  const backup = backupService(ctx);
  const handlers: Handlers = {
    'connections.create': connections.create,
    'connections.update': connections.update,
    'connections.setStatus': connections.setStatus,
    'connections.delete': connections.remove,
    'connections.restore': connections.restore,
    'connections.get': connections.get,
    'connections.listForRecord': connections.listForRecord,
    'roles.list': roles.list,
    'roles.create': roles.create,
    'roles.update': roles.update,
    'roles.setActive': roles.setActive,
    'roles.delete': roles.remove,
    'roles.restoreDefaults': roles.restoreDefaults,
    'records.seen': records.seen,
    'records.search': records.search,
    'records.get': records.get,
    'records.open': records.open,
    'page.report': page.report,
    'page.count': page.count,
    'page.frame': page.frame,
    'page.record': page.record,
    'page.ui': page.ui,
    'records.types': records.types,
    'commands.list': env.shortcuts,
    'settings.get': settings.get,
    'settings.setIdentity': settings.setIdentity,
    'backup.header': backup.header,
    'backup.export': backup.exportPage,
    'backup.begin': backup.begin,
    'backup.stage': backup.stage,
    'backup.preview': backup.preview,
    'backup.apply': backup.apply,
    'backup.discard': backup.discard,
    'data.stats': backup.stats,
    'data.deleteAll': async (input) => {
      await sync.forget();
      return backup.deleteAll(input);
    },
    'sites.list': sites.list,
    'sites.status': sites.status,
    'sites.expectServer': sites.expectServer,
    'sites.enable': sites.enable,
    'sites.disable': sites.disable,
    'sync.status': async (_input, from) => {
      const status = await sync.status();
      // Frames live inside CRM pages: they get the page's view (no server, no refused ids).
      return from.kind === 'frame' ? statusForPage(status) : status;
    },
    'sync.settings': sync.settings,
    'sync.configure': sync.configure,
    'sync.test': sync.test,
    'sync.now': sync.syncNow,
  };
  return { handlers, sync, page, sites };
}
