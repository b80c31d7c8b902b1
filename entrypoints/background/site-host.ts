import { browser } from 'wxt/browser';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { TEARDOWN_MESSAGE_TYPE } from '../../lib/messaging/ports';
import type { SiteHost } from '../../lib/services/sites';

/** The content script file WXT builds from entrypoints/content/. */
const CONTENT_SCRIPT = '/content-scripts/content.js';

async function tabsOn(pattern: string) {
  return (await browser.tabs.query({ url: pattern })).filter((t) => t.id !== undefined);
}

/** SiteHost over the real browser: permissions, scripting and tabs. */
export function browserSiteHost(): SiteHost {
  const manifestPatterns = (browser.runtime.getManifest().content_scripts ?? [])
    .flatMap((cs) => cs.matches ?? [])
    .map((m) => new MatchPattern(m));
  return {
    hasPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    removePermission: async (pattern) => void (await browser.permissions.remove({ origins: [pattern] })),
    registered: async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id),
    register: (id, pattern) =>
      browser.scripting.registerContentScripts([
        { id, matches: [pattern], js: [CONTENT_SCRIPT], runAt: 'document_idle', persistAcrossSessions: true },
      ]),
    unregister: (id) => browser.scripting.unregisterContentScripts({ ids: [id] }),
    async injectIntoOpenTabs(pattern) {
      for (const tab of await tabsOn(pattern)) {
        // A tab may be showing an error page or be discarded: skip it rather than fail the enable.
        await browser.scripting.executeScript({ target: { tabId: tab.id! }, files: [CONTENT_SCRIPT] }).catch(() => {});
      }
    },
    async tearDownOpenTabs(pattern) {
      for (const tab of await tabsOn(pattern)) {
        await browser.tabs.sendMessage(tab.id!, { type: TEARDOWN_MESSAGE_TYPE }).catch(() => {});
      }
    },
    coveredByManifest: (url) => manifestPatterns.some((p) => p.includes(url)),
  };
}
