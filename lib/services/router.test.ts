import { describe, expect, it } from 'vitest';
import { EXTENSION_PAGE, freshBackground, freshServices, SELF } from '../../tests/services';
import { createRouter } from './router';
import { senderKind } from './sender';

const self = SELF;
const noFrames = async () => false;

describe('message router', () => {
  it('refuses unknown message types and malformed envelopes with a readable error', async () => {
    const { route } = freshBackground();
    expect(await route({ type: 'connections.drop', payload: {} }, EXTENSION_PAGE)).toEqual({
      ok: false,
      error: { code: 'invalid', field: 'type', message: "Unknown message type 'connections.drop'." },
    });
    for (const bad of [null, 42, 'connections.create', [], { payload: {} }, { type: { toString: 1 } }]) {
      const reply = await route(bad, EXTENSION_PAGE);
      expect(reply.ok).toBe(false);
    }
    // Prototype keys are not message types.
    expect(await route({ type: 'constructor', payload: {} }, EXTENSION_PAGE)).toMatchObject({
      ok: false,
      error: { field: 'type' },
    });
    expect(await route({ type: '__proto__', payload: {} }, EXTENSION_PAGE)).toMatchObject({
      ok: false,
      error: { field: 'type' },
    });
  });

  it('names the field at fault by its path in the payload', async () => {
    const { refuse } = freshBackground();
    expect(await refuse('connections.create', { from: { crm: 'x' }, to: {} })).toMatchObject({ field: 'from.tenant' });
    expect(await refuse('connections.create', 'not an object')).toMatchObject({ code: 'invalid' });
    expect(await refuse('connections.listForRecord', { key: 42 })).toMatchObject({ field: 'key' });
    expect(await refuse('roles.setActive', { id: 'builtin-friend', active: 'yes' })).toMatchObject({ field: 'active' });
  });

  it('refuses senders that are not this extension and writes nothing', async () => {
    const { handlers, db } = freshServices();
    const route = createRouter(handlers, (s) => senderKind(s as never, self), self, noFrames);
    const payload = { name: 'Evil', category: 'Other' };
    const strangers = [
      undefined,
      { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' },
      { id: 'our-id', url: 'https://evil.example/' },
      { url: 'https://evil.example/', tab: { id: 1 } },
    ];
    for (const sender of strangers) {
      expect(await route({ type: 'roles.create', payload }, sender)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect((await (await db).getAllFromIndex('roles', 'by-name', 'evil')).length).toBe(0);
    expect(
      await route({ type: 'roles.list', payload: {} }, { id: 'our-id', url: 'chrome-extension://our-id/popup.html' }),
    ).toMatchObject({ ok: true });
    // A content script is ours, but administration is not for it.
    expect(
      await route({ type: 'roles.list', payload: {} }, { id: 'our-id', url: 'https://crm.example/', tab: { id: 3 } }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'type' } });
  });

  it('lets content scripts report their tab only, and no administration', async () => {
    const { handlers } = freshServices();
    const route = createRouter(handlers, (s) => senderKind(s as never, self), self, noFrames);
    const inPage = { id: 'our-id', url: 'https://crm.example/', tab: { id: 3 } };
    for (const type of [
      'data.deleteAll',
      'roles.delete',
      'roles.create',
      'backup.begin',
      'sites.disable',
      'roles.list',
    ]) {
      expect(await route({ type, payload: {} }, inPage)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await route({ type: 'page.count', payload: {} }, inPage)).toMatchObject({ ok: true });
  });

  it('keeps tab-only methods from the extension’s own pages', async () => {
    const { refuse } = freshBackground();
    for (const type of ['page.report', 'page.count', 'page.frame', 'page.record', 'page.ui']) {
      expect(await refuse(type, {}), type).toMatchObject({ code: 'forbidden', field: 'type' });
    }
  });

  it('turns unexpected failures into an internal error instead of throwing', async () => {
    const route = createRouter(
      { 'roles.list': () => Promise.reject(new TypeError('boom')) } as never,
      () => 'page',
      self,
      noFrames,
    );
    expect(await route({ type: 'roles.list', payload: {} }, {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'The extension hit an internal error: boom' },
    });
  });
});
