// sao in a Playwright page, signed in as sao keeps a session: localStorage[`sao_session_<db>`].

/** Opens `url` (a sao address of `tryton`) on `page`, signed in as admin with a new session. */
export async function openSignedIn(page, tryton, url) {
  await page.goto(`${tryton.origin}/`);
  const session = await tryton.session();
  await page.evaluate(
    ([db, s]) => globalThis.localStorage.setItem(`sao_session_${db}`, JSON.stringify(s)),
    [tryton.database, session],
  );
  // The same document with another hash is no new load: sao reads the session when it loads.
  await page.goto(url);
  await page.reload();
}
