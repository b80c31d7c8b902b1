import type { Method, ParsedOf, Responses } from '../messaging/protocol';
import { connectionService } from './connections';
import { backupService } from './backup';
import type { ServiceContext } from './context';
import { createRoleCache } from './role-cache';
import { recordService, type TabRecords } from './records';
import type { RequestSource } from './router';
import { roleService } from './roles';
import { settingsService } from './settings';
import { siteService, type SiteHost } from './sites';

/** One handler per protocol message; the type makes a missing or mistyped one a compile error. */
export type Handlers = { [M in Method]: (input: ParsedOf<M>, from: RequestSource) => Promise<Responses[M]> };

/** What the background's services need from the browser itself (fakes in unit tests). */
export interface BrowserEnv {
  sites: SiteHost;
  tabs: TabRecords;
  shortcuts: () => Promise<Responses['commands.list']>;
}

/** Builds every background service over one context and maps them to protocol messages. */
export function createHandlers(base: ServiceContext, env: BrowserEnv): Handlers {
  const roleCache = createRoleCache(base.db);
  // Every role change is announced on the feed, whoever made it: that is when the cache goes.
  const ctx: ServiceContext = {
    ...base,
    emit: (change) => {
      if (change.roles || change.all) roleCache.invalidate();
      base.emit(change);
    },
  };
  const connections = connectionService(ctx, roleCache);
  const roles = roleService(ctx);
  const records = recordService(ctx, env.tabs);
  const settings = settingsService(ctx);
  const sites = siteService(ctx, env.sites);
  const backup = backupService(ctx);
  return {
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
    'records.left': records.left,
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
    'data.deleteAll': backup.deleteAll,
    'sites.list': sites.list,
    'sites.status': sites.status,
    'sites.enable': sites.enable,
    'sites.disable': sites.disable,
  };
}
