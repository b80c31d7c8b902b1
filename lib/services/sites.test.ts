import { describe, expect, it } from 'vitest';
import { contentScript, freshBackground } from '../../tests/services';

describe('per-site enabling', () => {
  it('registers the content script once the permission is granted, and remembers the site', async () => {
    const bg = freshBackground();
    bg.browserState.granted.add('http://127.0.0.1/*');
    expect(await bg.send('sites.enable', { origin: 'http://127.0.0.1' })).toEqual({
      origin: 'http://127.0.0.1',
      pattern: 'http://127.0.0.1/*',
    });
    expect([...bg.browserState.scripts]).toEqual([['site:http://127.0.0.1', 'http://127.0.0.1/*']]);
    expect(bg.browserState.injected).toEqual(['http://127.0.0.1/*']);
    expect(await bg.send('sites.list', {})).toEqual(['http://127.0.0.1']);
    expect(await bg.send('sites.status', { url: 'http://127.0.0.1:8080/#Contact/view/1' })).toMatchObject({
      enabled: true,
      builtIn: false,
    });
    // Enabling twice is harmless.
    await bg.send('sites.enable', { origin: 'http://127.0.0.1' });
    expect(bg.browserState.scripts.size).toBe(1);
  });

  it('refuses to enable without the permission, saying how to grant it, and changes nothing', async () => {
    const bg = freshBackground();
    const e = await bg.refuse('sites.enable', { origin: 'https://crm.example.com' });
    expect(e).toMatchObject({ code: 'forbidden', field: 'origin', message: expect.stringContaining('choose Allow') });
    expect(bg.browserState.scripts.size).toBe(0);
    expect(await bg.send('sites.list', {})).toEqual([]);
  });

  it('refuses what is not a site address', async () => {
    const bg = freshBackground();
    for (const origin of ['javascript:alert(1)', 'crm.example.com', 'https://crm.example.com/path', 'file:///etc']) {
      expect(await bg.refuse('sites.enable', { origin })).toMatchObject({ field: 'origin' });
    }
  });

  it('disables: unregisters, tears down open pages, gives the permission back', async () => {
    const bg = freshBackground();
    bg.browserState.granted.add('https://crm.example.com/*');
    await bg.send('sites.enable', { origin: 'https://crm.example.com' });
    await bg.send('sites.disable', { origin: 'https://crm.example.com' });
    expect(bg.browserState.scripts.size).toBe(0);
    expect(bg.browserState.granted.size).toBe(0);
    expect(bg.browserState.tornDown).toEqual(['https://crm.example.com/*']);
    expect(await bg.send('sites.list', {})).toEqual([]);
  });

  it('reconciles at start-up: re-registers remembered sites and forgets withdrawn ones', async () => {
    const bg = freshBackground();
    bg.browserState.granted.add('https://a.example.com/*');
    bg.browserState.granted.add('https://b.example.com/*');
    await bg.send('sites.enable', { origin: 'https://a.example.com' });
    await bg.send('sites.enable', { origin: 'https://b.example.com' });
    // A restart that forgot the registrations (Firefox), and the user withdrew b in the browser.
    bg.browserState.scripts.clear();
    bg.browserState.granted.delete('https://b.example.com/*');
    const { siteService } = await import('./sites');
    await siteService(
      { db: bg.db, now: () => new Date(), newId: () => 'x', emit: () => {} },
      bg.browserState.host,
    ).reconcile();
    expect([...bg.browserState.scripts.keys()]).toEqual(['site:https://a.example.com']);
    expect(await bg.send('sites.list', {})).toEqual(['https://a.example.com']);
  });

  it('reports manifest sites as built in', async () => {
    const bg = freshBackground();
    const url = 'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord';
    expect(await bg.send('sites.status', { url })).toMatchObject({ builtIn: true, enabled: false });
    expect(await bg.send('sites.status', { url: 'chrome://extensions' })).toBeNull();
  });
});

describe('access the browser granted', () => {
  it('switches its site on: the popup’s request (the popup may have closed), or the browser’s settings', async () => {
    const bg = freshBackground();
    bg.browserState.granted.add('https://crm.example.com/*');
    expect(await bg.sites.granted(['https://crm.example.com/*'], null)).toEqual([]);
    expect(await bg.send('sites.list', {})).toEqual(['https://crm.example.com']);
    expect([...bg.browserState.scripts.keys()]).toEqual(['site:https://crm.example.com']);
  });

  it('switches nothing on for the sync server’s access, asked by Test or Save before it is saved', async () => {
    const bg = freshBackground();
    await bg.send('sites.expectServer', { origin: 'http://127.0.0.1:5984' });
    bg.browserState.granted.add('http://127.0.0.1/*');
    expect(await bg.sites.granted(['http://127.0.0.1/*'], null)).toEqual(['http://127.0.0.1/*']);
    // Once saved, the saved server's grant is the server's too.
    expect(await bg.sites.granted(['https://couch.example.com/*'], 'https://couch.example.com/*')).toEqual([
      'https://couch.example.com/*',
    ]);
    expect(bg.browserState.scripts.size).toBe(0);
    expect(await bg.send('sites.list', {})).toEqual([]);
    // An announcement counts for ten minutes (the user reading the prompt), not for ever.
    const late = freshBackground({ start: '2026-01-01T00:00:00Z' });
    await late.send('sites.expectServer', { origin: 'http://127.0.0.1:5984' });
    // The test clock moves a second each time it is read: ten minutes and more go by.
    for (let i = 0; i < 601; i++) await late.send('sites.expectServer', { origin: 'https://other.example' });
    late.browserState.granted.add('http://127.0.0.1/*');
    expect(await late.sites.granted(['http://127.0.0.1/*'], null)).toEqual([]);
    expect(await late.send('sites.list', {})).toEqual(['http://127.0.0.1']);
  });

  it('hears of a server only from extension pages, and only of a web address', async () => {
    const bg = freshBackground();
    expect(await bg.refuse('sites.expectServer', { origin: 'couch' })).toMatchObject({ field: 'origin' });
    const page = contentScript(1, 'https://crm.example.com/record/1');
    expect(await bg.refuseAs(page, 'sites.expectServer', { origin: 'https://crm.example.com' })).toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('per-site enabling, repeated and odd requests', () => {
  it('a second enable of the same site (popup and permission event) does nothing more', async () => {
    const bg = freshBackground();
    bg.browserState.granted.add('http://127.0.0.1/*');
    await Promise.all([
      bg.send('sites.enable', { origin: 'http://127.0.0.1' }),
      bg.send('sites.enable', { origin: 'http://127.0.0.1' }),
    ]);
    expect(bg.browserState.scripts.size).toBe(1);
    await bg.send('sites.enable', { origin: 'http://127.0.0.1' });
    expect(bg.browserState.injected.length).toBeLessThanOrEqual(2);
  });

  it('does not register a second script where the manifest runs one, nor for a wildcard', async () => {
    const bg = freshBackground();
    bg.browserState.granted.add('https://contoso.crm.dynamics.com/*');
    await bg.send('sites.enable', { origin: 'https://contoso.crm.dynamics.com' });
    expect(bg.browserState.scripts.size).toBe(0);
    expect(await bg.refuse('sites.enable', { origin: 'https://*' })).toMatchObject({ field: 'origin' });
  });
});
