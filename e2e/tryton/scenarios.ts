// The extension on a real CRM nobody here wrote: Tryton's web client sao, served by a trytond
// of its own, with its own routing, late-filled form fields, several app tabs and in-place
// edits. Written once, run in Chromium (e2e/tryton.e2e.ts) and Firefox (e2e/firefox/tryton.ff.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_NAME, LONG_NAME, seedTryton, type TrytonSeed } from '../../demo/tryton/seed.mjs';
import { startTryton, type Tryton } from '../../demo/tryton/server.mjs';
import { recordKey } from '../../lib/model';
import type { Driver, Tab } from './driver';

const POLL = { timeout: 15_000, interval: 100 };

/** The panel's record line ("Contoso Ltd · Tryton"), once the panel frame shows one. */
const panelTitle = async (tab: Tab) =>
  (await tab.frame('panel')).evaluate(() => document.querySelector('.record-name')?.textContent ?? null, null);

/** The text of each row in the Connections panel. */
const rowTexts = async (tab: Tab) =>
  (await tab.frame('panel')).evaluate(
    () => [...document.querySelectorAll('li.row')].map((li) => (li.textContent ?? '').replace(/\s+/g, ' ')),
    null,
  );

/** Whether one of our hosts (random two-word names) is inside `css` on the page. */
const oursInside = (tab: Tab, css: string) =>
  tab.evaluate(
    (sel) =>
      [...(document.querySelector(sel)?.querySelectorAll('*') ?? [])].some((e) =>
        /^[a-z]{5}-[a-z]{7}$/.test(e.localName),
      ),
    css,
  );

/** sao's field value, as the user sees it in the active tab's form. */
const fieldValue = (tab: Tab, name: string) =>
  tab.evaluate(
    (n) => document.querySelector<HTMLInputElement>(`#tabcontent > .tab-pane.active input[name="${n}"]`)?.value ?? null,
    name,
  );

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function trytonScenarios(start: () => Promise<Driver>) {
  describe('on a real Tryton (sao)', () => {
    let tryton: Tryton;
    let seed: TrytonSeed;
    let driver: Driver;
    let tab: Tab;

    beforeAll(async () => {
      tryton = await startTryton();
      seed = await seedTryton(tryton);
      driver = await start();
      // The extension page that sends our messages opens first, so it never takes the focus later.
      await driver.send('sites.list', {});
      tab = await driver.newTab();
    }, 120_000);
    afterAll(async () => {
      await driver?.close();
      await tryton?.close();
    });

    const tenant = () => `${new URL(tryton.origin).host}/${tryton.database}`;
    const key = (entityType: string, id: number) =>
      recordKey({ crm: 'tryton', tenant: tenant(), entityType, recordId: String(id) });
    const party = (p: keyof TrytonSeed['parties']) => ({
      ...seed.parties[p],
      key: key('party.party', seed.parties[p].id),
      url: tryton.url('party.party', seed.parties[p].id),
    });
    const opportunity = () => ({
      ...seed.opportunity,
      key: key('sale.opportunity', seed.opportunity.id),
      url: tryton.url('sale.opportunity', seed.opportunity.id),
    });
    const shown = () => tab.ours().then((s) => s?.key ?? null);
    const seenName = async (k: string) => (await driver.send('records.get', { key: k }))?.name ?? null;
    /** Opens a record through the address bar (sao takes the route) and waits for the UI to show it. */
    const open = async (r: { url: string; key: string; name: string }) => {
      await tab.goto(r.url);
      await expect.poll(shown, POLL).toBe(r.key);
      await expect.poll(() => seenName(r.key), POLL).toBe(r.name);
    };
    const openPanel = async () => {
      if (!(await tab.ours())?.panel) await tab.clickOurs('Connections');
      await expect.poll(() => panelTitle(tab), POLL).not.toBeNull();
    };
    /** Connect → To Another → the target found by name → "As this role" → Save & Close. */
    const connect = async (target: string, role: string) => {
      await tab.clickOurs('Connect');
      await tab.clickOurs('To Another');
      const dialog = await tab.frame('dialog');
      await dialog.fill('#target', target.split(' ')[0]!);
      await dialog.click('[role=option]', new RegExp(target));
      await dialog.select('#toRoleId', role);
      await dialog.click('button', 'Save & Close');
      await expect.poll(() => tab.hasFrame('dialog'), POLL).toBe(false);
    };

    it('logs in through sao’s own login form; the extension stays off until the site is switched on', async () => {
      const contoso = party('contoso');
      await tab.goto(contoso.url);
      await tab.fill('#login', 'admin');
      await tab.click('.modal.in button[type=submit]', 'Login');
      await tab.fill('#ask-dialog-entry', 'admin');
      await tab.click('.ask-dialog button.btn-primary', 'OK');
      // The deep link survives the login (the setup wizard is done) and sao fills the form.
      await expect.poll(() => fieldValue(tab, 'name'), POLL).toBe(contoso.name);
      expect(await tab.ours()).toBeNull();
    });

    it('switched on from the popup: Connect sits in sao’s form toolbar and the panel names the party', async () => {
      const contoso = party('contoso');
      await driver.enableSiteFromPopup(tab);
      await expect.poll(shown, POLL).toBe(contoso.key);
      expect(await driver.send('sites.list', {})).toEqual([`http://127.0.0.1`]);
      expect(await driver.send('records.get', { key: contoso.key })).toMatchObject({
        crm: 'tryton',
        entityType: 'party.party',
        name: contoso.name,
      });
      expect(await oursInside(tab, '#tabcontent > .tab-pane.active nav.toolbar')).toBe(true);
      await openPanel();
      expect(await panelTitle(tab)).toBe(`${contoso.name} · Tryton`);
    });

    it('connects two parties with roles in the dialog, and shows it from the other side', async () => {
      const contoso = party('contoso');
      const alice = party('alice');
      await open(alice); // seen once, so the dialog finds her by name
      await open(contoso);
      await connect(alice.name, 'Employee');
      await expect.poll(() => rowTexts(tab), POLL).toEqual([expect.stringContaining(alice.name)]);
      const [row] = await rowTexts(tab);
      expect(row).toContain('Tryton · Party');
      expect(row).toContain('as Employee');
      expect(row).toContain('this record: Employer');
      await expect.poll(() => tab.ours().then((s) => s?.count), POLL).toBe('1');

      await open(alice);
      await expect.poll(() => rowTexts(tab), POLL).toEqual([expect.stringContaining(contoso.name)]);
      expect((await rowTexts(tab))[0]).toContain('as Employer');
      expect((await rowTexts(tab))[0]).toContain('this record: Employee');
    });

    it('follows sao’s own navigation: a list shows no record, then a row, next, previous and back', async () => {
      const [bob, carol] = [party('bob'), party('carol')];
      await tab.goto(tryton.url('party.party'));
      await expect.poll(shown, POLL).toBeNull();
      await tab.dblclick('#tabcontent > .tab-pane.active .treeview tbody tr', new RegExp(bob.name));
      await expect.poll(shown, POLL).toBe(bob.key);
      // The list is in name order: Bob Ferris, then Carol Nguyen.
      await tab.click('#tabcontent > .tab-pane.active button#next');
      await expect.poll(shown, POLL).toBe(carol.key);
      await expect.poll(() => panelTitle(tab), POLL).toBe(`${carol.name} · Tryton`);
      await tab.click('#tabcontent > .tab-pane.active button#previous');
      await expect.poll(shown, POLL).toBe(bob.key);
      await tab.back();
      await expect.poll(shown, POLL).toBe(carol.key);
      // Each record kept its own name: the previous one's, still on screen while sao loaded
      // the next, was never taken for it.
      expect(await seenName(bob.key)).toBe(bob.name);
      expect(await seenName(carol.key)).toBe(carol.name);
    });

    it('switches between two sao tabs, each showing its own record', async () => {
      const opp = opportunity();
      await open(opp);
      expect(await driver.send('records.get', { key: opp.key })).toMatchObject({ entityType: 'sale.opportunity' });
      const before = await tab.evaluate(() => document.querySelectorAll('#tablist > li').length, null);
      expect(before).toBeGreaterThan(1);
      // The tab's label, not its × (which closes it).
      await tab.click('#tablist > li:first-child > a > span[title]');
      await expect.poll(shown, POLL).toBe(party('contoso').key);
      await tab.click('#tablist > li:last-child > a > span[title]');
      await expect.poll(shown, POLL).toBe(opp.key);
    });

    it('connects a party to an opportunity, another record type', async () => {
      const opp = opportunity();
      const alice = party('alice');
      await open(opp);
      await connect(alice.name, 'Decision Maker');
      await expect.poll(() => rowTexts(tab), POLL).toEqual([expect.stringContaining('as Decision Maker')]);
      await open(alice);
      await expect.poll(() => rowTexts(tab), POLL).toContainEqual(expect.stringContaining(opp.name));
      const row = (await rowTexts(tab)).find((r) => r.includes(opp.name))!;
      expect(row).toContain('Tryton · Opportunity');
    });

    it('a party renamed and saved in Tryton shows its new name on its connections; a draft does not', async () => {
      const contoso = party('contoso');
      const alice = party('alice');
      await open(contoso);
      await tab.fill('#tabcontent > .tab-pane.active input[name="name"]', 'Contoso Group');
      await pause(500);
      expect(await seenName(contoso.key)).toBe(contoso.name);
      // sao keeps the draft in its tab (the first one, opened for Contoso at login) while
      // another tab is shown, and when it comes back.
      await open(opportunity());
      await tab.click('#tablist > li:first-child > a > span[title]');
      await expect.poll(shown, POLL).toBe(contoso.key);
      expect(await fieldValue(tab, 'name')).toBe('Contoso Group');
      await pause(500);
      expect(await seenName(contoso.key)).toBe(contoso.name);
      await tab.click('#tabcontent > .tab-pane.active button#save');
      await expect.poll(() => seenName(contoso.key), POLL).toBe('Contoso Group');
      const [saved] = await tryton.rpc.model<{ name: string }[]>('party.party', 'read', [contoso.id], ['name']);
      expect(saved!.name).toBe('Contoso Group');
      await open(alice);
      await expect.poll(() => rowTexts(tab), POLL).toContainEqual(expect.stringContaining('Contoso Group'));
    });

    it('an address sao leaves alone does not borrow the name of the record on screen', async () => {
      const [alice, carol] = [party('alice'), party('carol')];
      // A tab opened from sao's own full address for Alice, then switched to its list, searched
      // and on to Carol; Back twice brings Alice's address again, which sao matches to that tab
      // (the one it opened for her) and leaves as it is: the form still shows Carol.
      const full = `${alice.url};name=${encodeURIComponent('"Party"')}&views=${encodeURIComponent('[null]')}`;
      await tab.goto(full);
      await tab.reload();
      await expect.poll(shown, POLL).toBe(alice.key);
      await tab.click('#tabcontent > .tab-pane.active button#switch_');
      await expect.poll(shown, POLL).toBeNull();
      await tab.click('#tabcontent > .tab-pane.active .filter-box button[type=submit]');
      await tab.dblclick('#tabcontent > .tab-pane.active .treeview tbody tr', new RegExp(carol.name));
      await expect.poll(shown, POLL).toBe(carol.key);
      await tab.back();
      await tab.back();
      for (let i = 0; i < 30; i++) {
        const key = await shown();
        const onScreen = await fieldValue(tab, 'name');
        // Whatever the page shows, the UI shows it under its own key, or nothing.
        if (key === alice.key) expect(onScreen).toBe(alice.name);
        if (key === carol.key) expect(onScreen).toBe(carol.name);
        await pause(100);
      }
      expect(await seenName(alice.key)).toBe(alice.name);
      expect(await seenName(carol.key)).toBe(carol.name);
    });

    it('names made of markup, and 1,000 characters long, are shown as text', async () => {
      const hostile = party('hostile');
      await open(hostile);
      await openPanel();
      await expect.poll(() => panelTitle(tab), POLL).toBe(`${HOSTILE_NAME} · Tryton`);
      const injected = await (await tab.frame('panel')).evaluate(() => document.querySelectorAll('img').length, null);
      expect(injected).toBe(0);
      expect(await tab.evaluate(() => document.title, null)).not.toBe('pwned');
      const long = party('long');
      await open(long);
      expect((await seenName(long.key))?.length).toBe(LONG_NAME.length);
    });

    it('shows no record for a record that does not exist, an unknown model or a garbled route', async () => {
      await tab.goto(tryton.url('party.party', 99_999));
      await tab.click('.modal.in button', 'OK'); // sao's own warning: the record does not exist
      await pause(1_000);
      expect(await shown()).toBeNull();
      for (const route of ['model/no.such/1', 'model/party.party/abc', 'model/party.party/3/x']) {
        await tab.goto(`${tryton.origin}/#${tryton.database}/${route}`);
        await pause(1_000);
        expect(await shown(), route).toBeNull();
      }
    });

    it('logging out of sao leaves no record on screen; a seeded session signs back in', async () => {
      const bob = party('bob');
      // A fresh load: sao leaves a typed address alone when a tab it opened for it is active.
      await tab.goto(bob.url);
      await tab.reload();
      await expect.poll(shown, POLL).toBe(bob.key);
      // The docked panel lies over sao's top-right corner, where Logout is: put it away first.
      await (await tab.frame('panel')).click('button[aria-label="Collapse the Connections panel"]');
      await tab.click('#user-logout > a');
      await tab.click('.confirmation-dialog.in button', 'OK'); // sao: "requires to close all tabs"
      await expect.poll(shown, POLL).toBeNull();
      await expect.poll(() => tab.evaluate(() => !!document.querySelector('.modal.in #login'), null), POLL).toBe(true);
      // A fresh sao first: the logged-out one still holds its empty session, and may store it
      // over ours while it reacts to the next address.
      await tab.goto(bob.url);
      await tab.reload();
      const session = await tryton.session();
      await tab.evaluate(([db, s]) => localStorage.setItem(`sao_session_${db}`, JSON.stringify(s)), [
        tryton.database,
        session,
      ] as const);
      await tab.reload();
      await expect.poll(shown, POLL).toBe(bob.key);
    });
  });
}
