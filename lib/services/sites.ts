import type { ParsedOf, Responses } from '../messaging/protocol';
import { AppError, siteOf, siteScriptId, type Site } from '../model';
import type { ServiceContext } from './context';

/** The browser features per-site enabling needs; the background passes the real ones. */
export interface SiteHost {
  hasPermission(pattern: string): Promise<boolean>;
  removePermission(pattern: string): Promise<void>;
  /** Ids of the content scripts registered at run time. */
  registered(): Promise<string[]>;
  register(id: string, pattern: string): Promise<void>;
  unregister(id: string): Promise<void>;
  /** Starts the content script in tabs already open on the site (registration only affects new loads). */
  injectIntoOpenTabs(pattern: string): Promise<void>;
  /** Asks content scripts on the site to remove their UI before access is withdrawn. */
  tearDownOpenTabs(pattern: string): Promise<void>;
  /** True when the manifest's own content scripts already run on this URL. */
  coveredByManifest(url: string): boolean;
}

const KEY = 'enabledSites';
const SERVERS = 'expectedServers';
/** How long an announced request waits for the browser's grant (the user reading the prompt). */
const EXPECT_MS = 10 * 60_000;

function parseSite(origin: string): Site {
  const site = siteOf(origin);
  if (!site || site.origin !== origin.replace(/\/+$/, '')) {
    throw new AppError('invalid', `'${origin}' is not a site address like https://crm.example.com.`, 'origin');
  }
  return site;
}

/**
 * Self-hosted CRMs (and any other site) switched on per site: an optional host permission the
 * popup asks the user for, plus a content script registered at run time. The list of sites is
 * kept in the database so the choice survives restarts; `reconcile` re-applies it at start-up.
 */
export function siteService(ctx: ServiceContext, host: SiteHost) {
  const load = async () => ((await (await ctx.db).get('settings', KEY)) as string[] | undefined) ?? [];
  const save = async (sites: string[]) => (await ctx.db).put('settings', [...new Set(sites)].sort(), KEY);

  /** Sync servers whose access the options page is asking for, with when the wait ends. */
  const servers = async () =>
    ((await (await ctx.db).get('settings', SERVERS)) as Record<string, number> | undefined) ?? {};

  const service = {
    async list(): Promise<Responses['sites.list']> {
      return load();
    },

    async status({ url }: ParsedOf<'sites.status'>): Promise<Responses['sites.status']> {
      const site = siteOf(url);
      if (!site) return null;
      const [sites, permission] = await Promise.all([load(), host.hasPermission(site.pattern)]);
      return { ...site, builtIn: host.coveredByManifest(url), enabled: sites.includes(site.origin) && permission };
    },

    /** Called after the popup obtained the permission; refuses if it was not granted. */
    async enable({ origin }: ParsedOf<'sites.enable'>): Promise<Responses['sites.enable']> {
      const site = parseSite(origin);
      if (!(await host.hasPermission(site.pattern))) {
        throw new AppError(
          'forbidden',
          `The browser has not granted access to ${site.origin}. Click "Enable on this site" and choose Allow.`,
          'origin',
        );
      }
      if (host.coveredByManifest(`${site.origin}/`)) return site; // the manifest's script runs there already
      const id = siteScriptId(site.origin);
      const already = (await load()).includes(site.origin) && (await host.registered()).includes(id);
      // The popup and permissions.onAdded both enable a site just granted: the second is a no-op.
      if (already) return site;
      await host.register(id, site.pattern).catch(async (e) => {
        if (!(await host.registered()).includes(id)) throw e; // a concurrent enable registered it
      });
      await save([...(await load()), site.origin]);
      await host.injectIntoOpenTabs(site.pattern);
      ctx.emit({ settings: true });
      return site;
    },

    async expectServer({ origin }: ParsedOf<'sites.expectServer'>): Promise<null> {
      // The server's origin, port and all (a permission pattern has no port).
      const site = siteOf(origin);
      if (!site) throw new AppError('invalid', `'${origin.slice(0, 100)}' is not a server address.`, 'origin');
      const now = ctx.now().getTime();
      const live = Object.entries(await servers()).filter(([, until]) => until > now);
      await (await ctx.db).put('settings', { ...Object.fromEntries(live), [site.pattern]: now + EXPECT_MS }, SERVERS);
      return null;
    },

    /**
     * The browser granted host access to `patterns` (the popup's request, possibly after the
     * popup closed, or the browser's own settings): each switches its site on, except the sync
     * server's (`server`, as saved, or announced by the options page in the last ten minutes),
     * which is no CRM site. Returns the server patterns among them.
     */
    async granted(patterns: string[], server: string | null): Promise<string[]> {
      const now = ctx.now().getTime();
      const announced = Object.entries(await servers())
        .filter(([, until]) => until > now)
        .map(([pattern]) => pattern);
      const isServer = (p: string) => p === server || announced.includes(p);
      for (const pattern of patterns.filter((p) => !isServer(p))) {
        const site = siteOf(pattern);
        if (site) await service.enable({ origin: site.origin });
      }
      return patterns.filter(isServer);
    },

    async disable({ origin }: ParsedOf<'sites.disable'>): Promise<Responses['sites.disable']> {
      const site = parseSite(origin);
      const id = siteScriptId(site.origin);
      await save((await load()).filter((o) => o !== site.origin));
      if ((await host.registered()).includes(id)) await host.unregister(id);
      // Tear down while we still have access to the tabs, then give the access back.
      await host.tearDownOpenTabs(site.pattern);
      await host.removePermission(site.pattern);
      ctx.emit({ settings: true });
      return site;
    },

    /**
     * Makes registrations match the list: registers what is missing (a browser that did
     * not keep them), and forgets sites whose permission the user withdrew in the browser's settings.
     */
    async reconcile(): Promise<void> {
      const sites = await load();
      const registered = await host.registered();
      const kept: string[] = [];
      for (const origin of sites) {
        const site = siteOf(origin);
        if (!site) continue;
        const id = siteScriptId(origin);
        if (await host.hasPermission(site.pattern)) {
          kept.push(origin);
          if (!registered.includes(id)) await host.register(id, site.pattern);
        } else if (registered.includes(id)) {
          await host.unregister(id);
        }
      }
      for (const id of registered) {
        if (id.startsWith('site:') && !kept.includes(id.slice(5))) await host.unregister(id);
      }
      if (kept.length !== sites.length) await save(kept);
    },
  };
  return service;
}
