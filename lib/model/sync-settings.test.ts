import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SyncSettingsInputSchema } from './sync-settings';

const input = { enabled: true, url: 'https://couch.example.com', database: 'connections', username: 'alice' };
const issue = (over: Record<string, unknown>) => {
  const r = v.safeParse(SyncSettingsInputSchema, { ...input, ...over });
  return r.success ? null : { field: r.issues[0].path?.[0]?.key, message: r.issues[0].message };
};

describe('sync settings input', () => {
  it('refuses a username that would break Basic sign-in ("name:password")', () => {
    for (const username of ['al:ice', 'alice:', ':', 'ali\nce', 'a\u0000b']) {
      expect(issue({ username }), JSON.stringify(username)).toEqual({
        field: 'username',
        message: 'Username must not contain ":" or control characters.',
      });
    }
    for (const username of ['alice', 'alice@example.com', 'Zoë Dupont', '']) expect(issue({ username })).toBeNull();
  });
});
