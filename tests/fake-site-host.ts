import type { SiteHost } from '../lib/services/sites';

/** The browser's permission and script-registration state, in memory, for service tests. */
export function fakeSiteHost(builtInHosts: string[] = ['contoso.crm.dynamics.com']) {
  const granted = new Set<string>();
  const scripts = new Map<string, string>();
  const injected: string[] = [];
  const tornDown: string[] = [];
  const host: SiteHost = {
    hasPermission: async (p) => granted.has(p),
    removePermission: async (p) => void granted.delete(p),
    registered: async () => [...scripts.keys()],
    register: async (id, p) => {
      if (scripts.has(id)) throw new Error(`Duplicate script ID '${id}'`);
      scripts.set(id, p);
    },
    unregister: async (id) => void scripts.delete(id),
    injectIntoOpenTabs: async (p) => void injected.push(p),
    tearDownOpenTabs: async (p) => void tornDown.push(p),
    coveredByManifest: (url) => builtInHosts.includes(new URL(url).hostname),
  };
  return { host, granted, scripts, injected, tornDown };
}
