// `_changes?feed=longpoll` and `feed=continuous`, served the way CouchDB 3 serves them. They replace
// express-pouchdb's own handling of these two feeds (see fixes.mjs, defect c); `feed=normal` is
// still answered by express-pouchdb.

// CouchDB's [chttpd] changes_timeout: the longest a feed waits, and the most a heartbeat is apart.
export const MAX_WAIT_MS = 60_000;

/**
 * How long a feed may wait for a change, and how often it sends a heartbeat newline, by CouchDB's
 * rule (couch_changes:get_changes_timeout): a heartbeat keeps the feed open indefinitely and makes
 * `timeout` moot; otherwise `timeout`, capped at 60 s, is the wait (60 s when not given).
 *
 * @param {Record<string, unknown>} query the request's query, values already JSON-parsed
 */
export function feedTiming(query) {
  const { heartbeat, timeout } = query;
  if (heartbeat === true) return { heartbeatMs: MAX_WAIT_MS, timeoutMs: Infinity };
  if (typeof heartbeat === 'number' && heartbeat > 0) {
    return { heartbeatMs: Math.min(heartbeat, MAX_WAIT_MS), timeoutMs: Infinity };
  }
  const wait = typeof timeout === 'number' && timeout >= 0 ? Math.min(timeout, MAX_WAIT_MS) : MAX_WAIT_MS;
  return { heartbeatMs: 0, timeoutMs: wait };
}

/**
 * @param {any} utils express-pouchdb's lib/utils.js, so replies look exactly like its own
 */
export function changesFeeds(utils) {
  /** Stop functions of the feeds still open, so the server can end them when it closes. */
  const open = new Set();

  /**
   * @param {any} req an express-pouchdb request: `req.db` set, `req.query` JSON-parsed
   * @param {any} res
   */
  async function serve(req, res) {
    const { heartbeatMs, timeoutMs } = feedTiming(req.query);
    const continuous = req.query.feed === 'continuous';
    // The options express-pouchdb passes to PouchDB, built as it builds them (user and security
    // object for the authorisation wrappers, query_params for filter functions).
    const params = JSON.parse(JSON.stringify(req.query));
    const opts = utils.makeOpts(req, { ...params, query_params: params });
    for (const key of ['feed', 'heartbeat', 'timeout']) delete opts[key];
    if (opts.limit !== undefined && opts.limit < 1) opts.limit = 1;
    if (req.body?.doc_ids) opts.doc_ids = req.body.doc_ids;

    let ended = false;
    let heartbeat = /** @type {NodeJS.Timeout | undefined} */ (undefined);
    let stopWaiting = () => {};
    const stop = () => {
      ended = true;
      clearInterval(heartbeat);
      stopWaiting();
      open.delete(stop);
    };
    open.add(stop);
    res.on('close', stop);

    // Bytes go out as soon as they are written: express-pouchdb gzips every response, and its
    // compression stream would otherwise hold heartbeats and changes until the response ends.
    const write = (/** @type {string} */ text) => {
      if (!res.headersSent) {
        res.status(200);
        utils.setJsonOrPlaintext(res);
      }
      res.write(text);
      res.flush?.();
    };
    const finish = (/** @type {unknown} */ body) => {
      if (ended) return;
      stop();
      if (res.headersSent) res.end(JSON.stringify(body) + '\n');
      else utils.sendJSON(res, 200, body);
    };

    /**
     * Resolves once a change past `since` exists, or with false when the wait ran out or the
     * feed was stopped.
     * @param {unknown} since
     * @param {number} deadline
     * @returns {Promise<boolean>}
     */
    const waitForChange = (since, deadline) =>
      new Promise((resolve, reject) => {
        if (ended) return resolve(false);
        // Only to learn that something changed: the documents are read afterwards, with `limit`.
        const { limit: _limit, include_docs: _docs, ...watch } = opts;
        const live = req.db.changes({ ...watch, since, live: true });
        let settled = false;
        const settle = (/** @type {boolean | Error} */ outcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          stopWaiting = () => {};
          live.cancel();
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const timer = Number.isFinite(deadline) ? setTimeout(() => settle(false), deadline - Date.now()) : undefined;
        stopWaiting = () => settle(false);
        live.on('change', () => settle(true));
        // The feed's promise settles when it completes or fails (a failed authorisation included).
        live.then(
          () => settle(false),
          (/** @type {Error} */ err) => settle(err),
        );
      });

    try {
      // The first read also checks the user may read this database, before any byte is sent.
      const first = await req.db.changes({ ...opts, live: false });
      if (ended) return;
      if (heartbeatMs) heartbeat = setInterval(() => write('\n'), heartbeatMs);
      if (continuous) {
        await streamContinuous(first);
        return;
      }
      let since = first.last_seq;
      const deadline = Date.now() + timeoutMs;
      let batch = first;
      // A change that a filter (doc_ids, selector, filter function) leaves out wakes the wait but
      // yields no result; go on waiting then, as CouchDB does.
      while (!batch.results.length && Date.now() < deadline && !ended) {
        const woke = await waitForChange(since, deadline);
        if (ended) return;
        batch = await req.db.changes({ ...opts, since, live: false });
        since = batch.last_seq;
        if (!woke) break;
      }
      finish(batch);
    } catch (err) {
      if (ended) return;
      stop();
      // Once the status line is out, a cut-off body is all that is left to tell the client.
      if (res.headersSent) res.end();
      else utils.sendError(res, err);
    }

    /**
     * Continuous: one change per line as it happens, then `{"last_seq": …}` when `limit` is
     * reached or no change came for the timeout.
     * @param {{ results: { seq: unknown }[], last_seq: unknown }} first
     */
    async function streamContinuous(first) {
      let sent = 0;
      let since = first.last_seq;
      const line = (/** @type {unknown} */ change) => {
        write(JSON.stringify(change) + '\n');
        sent++;
      };
      first.results.forEach(line);
      const full = () => opts.limit !== undefined && sent >= opts.limit;
      while (!ended && !full()) {
        const woke = await waitForChange(since, Date.now() + timeoutMs);
        if (ended || !woke) break;
        const rest = opts.limit === undefined ? {} : { limit: opts.limit - sent };
        const batch = await req.db.changes({ ...opts, ...rest, since, live: false });
        batch.results.forEach(line);
        since = batch.last_seq;
      }
      if (!ended) {
        write(JSON.stringify({ last_seq: since }) + '\n');
        stop();
        res.end();
      }
    }
  }

  return {
    serve,
    /** Ends every open feed (the server is closing). */
    stopAll() {
      for (const stop of [...open]) stop();
    },
  };
}
