import * as v from 'valibot';
import {
  AppError,
  ROLES_ADMIN_ROLE,
  ROLES_READ_ONLY_REASON,
  SYNC_OFF,
  serverPermissionPattern,
  SyncSettingsInputSchema,
  type CheckResult,
  type SyncSettings,
  type SyncSettingsInput,
  type SyncSettingsView,
  type SyncProblem,
  type SyncStatus,
} from '../model';
import type { ServiceContext } from '../services/context';
import { emptyApplied, type Applied } from './apply';
import { attach, serverKey } from './attach';
import { checkServer } from './check';
import { CouchError, couchClient, type CouchClient } from './couch';
import { isQuotaError } from '../store/quota';
import { backoffMs, readMemo, updateMemo, type SyncMemo } from './memo';
import { pull } from './pull';
import { push } from './push';

/** What sync needs from the browser (fakes and a real server in unit tests). */
export interface SyncEnv {
  load(): Promise<SyncSettings | null>;
  save(settings: SyncSettings | null): Promise<void>;
  /** Whether the user granted access to the server's origin. */
  hasAccess(pattern: string): Promise<boolean>;
  fetch: typeof fetch;
  /** The periodic backstop (an alarm) that restarts sync after the worker stopped. */
  backstop(on: boolean): void;
  random(): number;
}

type UserReason = 'settings' | 'manual' | 'permission';
const USER_REASONS = new Set<string>(['settings', 'manual', 'permission'] satisfies UserReason[]);

/** Why this user may not change roles, from what the server's `_session` said (sync on). */
const rolesReadOnly = (m: SyncMemo) => (m.rolesAdmin === false ? ROLES_READ_ONLY_REASON : null);

/** A live cycle that found nothing lasts at least this long. */
const MIN_LIVE_CYCLE_MS = 2_000;

/** Waits `ms`, or less if `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Push this soon after a local change: several quick edits go in one request. */
export const PUSH_DELAY_MS = 100;
/** Transfers at least this big show a progress bar. */
const PROGRESS_FROM = 200;
/** More records than this touched by one page: tell UIs to refresh everything. */
const MANY_RECORDS = 300;

/**
 * Team sync (README "Team sync"): one run at a time pushes queued changes, pulls from the checkpoint,
 * and, while a CRM tab or the popup is open (`live()`), waits on a long-poll for the next
 * change. Errors back off with jitter; problems that retrying cannot fix (password refused,
 * database missing, access not granted) pause until the user changes the settings or asks.
 */
export function syncService(ctx: ServiceContext, env: SyncEnv, live: () => boolean) {
  let running: Promise<void> | null = null;
  let again = false;
  /** The user acted (settings saved, "Sync now", access granted): retry even a paused sync. */
  let manual = false;
  /** Worth trying before the backoff is over (back online, the user acted). */
  let urgent = false;
  let longPoll: AbortController | null = null;
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let transfer: SyncStatus['progress'] = null;
  /** "Delete all data" in progress: no run may start or go on. */
  let stopping = false;
  /** One client while the settings stay the same, so a cookie session is not signed in again each run. */
  let cached: { key: string; client: ReturnType<typeof couchClient> } | null = null;
  const clientFor = (s: SyncSettings) => {
    const key = JSON.stringify(s);
    if (cached?.key !== key) cached = { key, client: couchClient(s, env.fetch) };
    return cached.client;
  };
  let state: SyncStatus['state'] = 'synced';
  /** The last failure, for the status when even the memo cannot be written (the disk is full). */
  let unrecorded: { problem: SyncProblem; reason: string; retryAt: string } | null = null;
  /** Consecutive failures while the memo could not be written, for the backoff. */
  let unrecordedFailures = 0;

  const now = () => ctx.now().toISOString();

  async function status(settings?: SyncSettings | null, memo?: SyncMemo): Promise<SyncStatus> {
    const s = settings === undefined ? await env.load() : settings;
    if (!s?.enabled) return SYNC_OFF;
    const db = await ctx.db;
    const read = memo ?? (await readMemo(db));
    // A failure the memo could not take (the disk full) is still the latest news.
    const m = unrecorded ? { ...read, lastError: unrecorded, retryAt: unrecorded.retryAt } : read;
    const problem = m.paused ?? (state !== 'syncing' ? m.lastError : null);
    return {
      state: m.paused ? 'error' : problem ? (problem.problem === 'offline' ? 'offline' : 'error') : state,
      server: clientFor(s).label,
      reason: problem?.reason ?? null,
      problem: problem?.problem ?? null,
      lastSyncedAt: m.lastSyncedAt,
      pending: await db.count('outbox'),
      progress: transfer,
      rejected: m.rejected,
      lastRejected: m.lastRejected,
      retryAt: m.paused ? null : m.retryAt,
      rolesReadOnly: rolesReadOnly(m),
    };
  }

  /**
   * Asks the server once per settings whether this user may change connection roles; unknown
   * (an old server, an error) leaves them changeable here, and the server still decides.
   */
  async function learnRolesAdmin(db: Awaited<ServiceContext['db']>, client: CouchClient) {
    if ((await readMemo(db)).rolesAdmin !== null) return;
    try {
      const s = await client.request<{ userCtx?: { roles?: unknown } }>({ path: '_session', server: true });
      const roles = Array.isArray(s.userCtx?.roles) ? s.userCtx.roles : [];
      await updateMemo(db, { rolesAdmin: roles.includes(ROLES_ADMIN_ROLE) || roles.includes('_admin') });
    } catch {
      // Asked again on the next run.
    }
  }

  const announce = async (settings?: SyncSettings | null, memo?: SyncMemo) =>
    ctx.emit({ sync: await status(settings, memo) });

  /** Tells every UI what a pull or a conflict changed. */
  function changed(out: Applied) {
    if (out.records.size > MANY_RECORDS) ctx.emit({ all: true, roles: [...out.roles] });
    else if (out.records.size || out.roles.size) {
      ctx.emit({
        ...(out.records.size ? { records: [...out.records] } : {}),
        ...(out.roles.size ? { roles: [...out.roles] } : {}),
      });
    }
  }

  async function noteRejected(db: Awaited<ServiceContext['db']>, out: Applied) {
    if (!out.rejected.length) return;
    const memo = await readMemo(db);
    for (const r of out.rejected) console.warn('Sync: document not applied', r.docId, r.reason);
    await updateMemo(db, { rejected: memo.rejected + out.rejected.length, lastRejected: out.rejected.at(-1)! });
    out.rejected = [];
  }

  /** One pass: push, catch up, push what arrived meanwhile; then wait live if someone watches. */
  async function runOnce(settings: SyncSettings) {
    const db = await ctx.db;
    const client = clientFor(settings);
    await attach(db, serverKey(settings), settings.username);
    await learnRolesAdmin(db, client);
    // "Syncing…" only when there is something to send: a live cycle that finds nothing to do
    // every minute must not make every open panel announce itself to screen readers.
    if ((await db.count('outbox')) > 0) {
      state = 'syncing';
      await announce(settings);
    }
    const out = emptyApplied();
    const pushProgress = (done: number, left: number) => {
      if (done + left < PROGRESS_FROM) return;
      transfer = { direction: 'push', done, total: done + left };
      void announce(settings);
    };
    await push(db, client, now, out, pushProgress);
    changed(out);
    transfer = null;
    await pull(db, client, now, out, {
      progress: (done, total) => {
        if ((total ?? done) < PROGRESS_FROM) return;
        state = 'syncing';
        transfer = { direction: 'pull', done, total: total ?? done };
        void announce(settings);
      },
      committed: changed,
    });
    transfer = null;
    if ((await db.count('outbox')) > 0) {
      const more = emptyApplied();
      await push(db, client, now, more);
      changed(more);
      out.rejected.push(...more.rejected);
    }
    await noteRejected(db, out);
    state = 'synced';
    const memo = await updateMemo(db, {
      lastSyncedAt: now(),
      failures: 0,
      retryAt: null,
      lastError: null,
      paused: null,
    });
    unrecorded = null;
    unrecordedFailures = 0;
    await announce(settings, memo);
    if (!live() || again || stopping) return;
    // Live: wait for the next change on the server; a local change cuts the wait short.
    longPoll = new AbortController();
    const liveOut = emptyApplied();
    const started = Date.now();
    try {
      await pull(db, client, now, liveOut, { live: true, signal: longPoll.signal, committed: changed });
      // A server that answers long-polls at once (a proxy, say) must not turn this into a busy loop.
      const quick = MIN_LIVE_CYCLE_MS - (Date.now() - started);
      if (!liveOut.applied && quick > 0) await sleep(quick, longPoll.signal);
    } finally {
      longPoll = null;
    }
    await noteRejected(db, liveOut);
    if (liveOut.applied) await updateMemo(db, { lastSyncedAt: now() });
    // A kick that arrived meanwhile stays counted.
    again ||= live();
  }

  async function failed(e: unknown, settings: SyncSettings) {
    const db = await ctx.db;
    state = 'synced';
    transfer = null;
    if (e instanceof CouchError && e.kind === 'aborted') return;
    const full = isQuotaError(e);
    const reason = full
      ? 'This browser has no room left for the extension’s data: free some disk space; sync goes on by itself.'
      : e instanceof Error
        ? e.message
        : String(e);
    if (e instanceof CouchError && (e.kind === 'auth' || e.kind === 'database')) {
      const problem = e.kind === 'auth' ? 'auth' : 'database';
      await announce(settings, await updateMemo(db, { paused: { problem, reason }, retryAt: null }));
      return;
    }
    if (!(e instanceof CouchError) && !full) console.error('Sync failed', e);
    const offline = e instanceof CouchError && (e.kind === 'offline' || e.kind === 'timeout');
    const problem: SyncProblem = full ? 'storage' : offline ? 'offline' : 'server';
    // The retry is armed first: recording the failure may fail too (a full disk fails every
    // write), and sync must come back by itself all the same.
    const memo = await readMemo(db).catch(() => null);
    const failures = (memo?.failures ?? unrecordedFailures) + 1;
    const delay = backoffMs(failures, env.random());
    const retryAt = new Date(ctx.now().getTime() + delay).toISOString();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => kick('retry'), delay);
    try {
      const next = await updateMemo(db, { failures, retryAt, lastError: { problem, reason } });
      unrecorded = null;
      unrecordedFailures = 0;
      await announce(settings, next);
    } catch {
      unrecorded = { problem, reason, retryAt };
      unrecordedFailures = failures;
      await announce(settings).catch(() => {});
    }
  }

  async function loop() {
    do {
      again = false;
      if (stopping) return;
      const settings = await env.load();
      env.backstop(!!settings?.enabled);
      if (!settings?.enabled) return announce(null);
      const db = await ctx.db;
      const memo = await readMemo(db);
      if (!manual && memo.paused) return;
      // A second's slack: the retry timer itself fires right at retryAt.
      if (!urgent && memo.retryAt && Date.parse(memo.retryAt) > ctx.now().getTime() + 1_000) return;
      manual = urgent = false;
      if (!(await env.hasAccess(serverPermissionPattern(settings.url)))) {
        const origin = new URL(settings.url).origin;
        const reason = `Access to ${origin} is not granted. Open Options → Team sync and press Save to allow it.`;
        return announce(settings, await updateMemo(db, { paused: { problem: 'permission', reason }, retryAt: null }));
      }
      try {
        await runOnce(settings);
      } catch (e) {
        await failed(e, settings);
        return;
      }
    } while (again);
  }

  /** Starts a run, or asks the current one to go round again (cutting a long-poll short). */
  function kick(reason: 'start' | 'alarm' | 'live' | 'local' | 'retry' | 'online' | 'again' | UserReason) {
    if (USER_REASONS.has(reason)) manual = true;
    if (manual || reason === 'online') urgent = true;
    if (running) {
      again = true;
      longPoll?.abort();
      return running;
    }
    running = loop()
      .catch((e) => console.error('Sync stopped', e))
      .finally(() => {
        running = null;
        // Asked again while finishing (a settings change as a pause was being noted): go again.
        if (again && !stopping) void kick('again');
      });
    return running;
  }

  async function settingsView(): Promise<SyncSettingsView | null> {
    const s = await env.load();
    if (!s) return null;
    const { password, ...rest } = s;
    return { ...rest, hasPassword: password !== '' };
  }

  /** The input with its password resolved: empty keeps the saved one for the same server and user. */
  async function resolve(raw: unknown): Promise<SyncSettings> {
    const parsed = v.safeParse(SyncSettingsInputSchema, raw);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw new AppError('invalid', issue.message, String(issue.path?.[0]?.key ?? 'url'));
    }
    const input: SyncSettingsInput = parsed.output;
    const saved = await env.load();
    const keep = saved && saved.url === input.url && saved.username === input.username;
    return { ...input, password: input.password || (keep ? saved.password : '') };
  }

  return {
    status: () => status(),
    /** Why roles may not be changed here (the team's server lets only its role admins), or null. */
    async rolesReadOnly() {
      return (await env.load())?.enabled ? rolesReadOnly(await readMemo(await ctx.db)) : null;
    },
    settings: settingsView,
    async configure(raw: unknown): Promise<SyncStatus> {
      const settings = await resolve(raw);
      await env.save(settings);
      const db = await ctx.db;
      await updateMemo(db, {
        paused: null,
        failures: 0,
        retryAt: null,
        lastError: null,
        rejected: 0,
        lastRejected: null,
        rolesAdmin: null,
      });
      longPoll?.abort();
      // Not awaited: while a UI watches, a run goes on waiting live. The status follows on the feed.
      void kick('settings');
      return status();
    },
    async test(raw: unknown): Promise<CheckResult> {
      const settings = await resolve(raw);
      if (!(await env.hasAccess(serverPermissionPattern(settings.url)))) {
        throw new AppError(
          'forbidden',
          `Access to ${new URL(settings.url).origin} is not granted; allow it when asked.`,
          'url',
        );
      }
      return checkServer(settings, env.fetch);
    },
    /** "Sync now": also retries after a refused password or a missing database. */
    async syncNow(): Promise<SyncStatus> {
      void kick('manual');
      return status();
    },
    /** A local change committed: push it shortly. */
    changedLocally() {
      clearTimeout(pushTimer);
      pushTimer = setTimeout(() => void kick('local'), PUSH_DELAY_MS);
    },
    /** Worker start, the backstop alarm, back online, a UI opened, access granted. */
    wake: (reason: Parameters<typeof kick>[0]) => kick(reason),
    /** "Delete all data": this device forgets the server too (the server keeps the team's data). */
    async forget() {
      stopping = true;
      try {
        clearTimeout(pushTimer);
        clearTimeout(retryTimer);
        await env.save(null);
        while (running) {
          longPoll?.abort();
          await running;
        }
        cached = null;
        env.backstop(false);
        await announce(null);
      } finally {
        stopping = false;
      }
    },
    /** For tests and shutdown: stop waiting live and let the current run end. */
    async settle() {
      clearTimeout(pushTimer);
      clearTimeout(retryTimer);
      while (running) {
        longPoll?.abort();
        await running;
      }
    },
  };
}

export type SyncService = ReturnType<typeof syncService>;
