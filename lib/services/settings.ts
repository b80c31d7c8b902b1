import type { ParsedOf } from '../messaging/protocol';
import { DEFAULT_SETTINGS, type Identity, type Settings } from '../model';
import type { ServiceContext } from './context';

/** The user's settings kept by the background: for now, the identity. */
export function settingsService(ctx: ServiceContext) {
  return {
    async get(): Promise<Settings> {
      const db = await ctx.db;
      const identity = (await db.get('settings', 'identity')) as Identity | undefined;
      return { ...DEFAULT_SETTINGS, identity: identity ?? null };
    },

    async setIdentity(identity: ParsedOf<'settings.setIdentity'>): Promise<Settings> {
      const db = await ctx.db;
      await db.put('settings', identity, 'identity');
      ctx.emit({ settings: true });
      return { ...DEFAULT_SETTINGS, identity };
    },
  };
}
