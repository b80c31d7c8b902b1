import type { SyncSettings } from '../model';

/** Why a request failed, in the terms the status line and the retry policy need. */
export type CouchErrorKind = 'offline' | 'timeout' | 'auth' | 'database' | 'server' | 'protocol' | 'aborted';

export class CouchError extends Error {
  constructor(
    readonly kind: CouchErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CouchError';
  }
}

/** An answer over the size limit, refused before it was parsed (a smaller page may fit). */
export class AnswerTooLarge extends CouchError {
  constructor(path: string, limit: number) {
    super(
      'protocol',
      `The server's answer to ${path || 'the request'} is larger than ${mib(limit)}, too large to be a sync page.`,
    );
    this.name = 'AnswerTooLarge';
  }
}

const mib = (bytes: number) => `${+(bytes / 2 ** 20).toFixed(1)} MiB`;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  /** Path under the database (`_changes`), or under the server when `server` is set. */
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  signal?: AbortSignal;
  /** Abort when no byte arrives for this long (long-poll heartbeats reset it); default 60 s. */
  idleTimeoutMs?: number;
  server?: boolean;
  /** The most the answer may hold, in bytes; default MAX_ANSWER_BYTES. */
  maxBytes?: number;
}

type Fetch = typeof fetch;

/**
 * A CouchDB-protocol client for one server and database. Every URL is built from the configured
 * server URL and checked against its origin before credentials are attached, so a password can
 * only ever go to the server it belongs to; redirects are refused for the same reason.
 */
export function couchClient(
  settings: Pick<SyncSettings, 'url' | 'database' | 'username' | 'password' | 'auth'>,
  doFetch: Fetch = fetch,
) {
  const base = new URL(settings.url);
  const dbPath = `${encodeURIComponent(settings.database).replace(/%2F/g, '%2F')}/`;
  const basic =
    settings.username && settings.auth === 'basic'
      ? `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${settings.username}:${settings.password}`)))}`
      : null;
  let session: Promise<void> | null = null;

  const urlOf = (o: RequestOptions) => {
    const url = new URL((o.server ? '' : dbPath) + o.path, base);
    for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, String(v));
    if (url.origin !== base.origin) throw new CouchError('protocol', `Refusing to send credentials to ${url.origin}.`);
    return url;
  };

  async function send(o: RequestOptions, retried = false): Promise<unknown> {
    if (settings.auth === 'cookie' && settings.username && !session) session = login();
    if (session) await session;
    const url = urlOf(o);
    const abort = new AbortController();
    const onAbort = () => abort.abort();
    o.signal?.addEventListener('abort', onAbort);
    let idle: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    // Every request has a limit: a server that accepts the connection and never answers must
    // not hold sync up for ever.
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        timedOut = true;
        abort.abort();
      }, o.idleTimeoutMs ?? DEFAULT_IDLE_MS);
    };
    try {
      arm();
      const res = await doFetch(url, {
        method: o.method ?? 'GET',
        headers: {
          Accept: 'application/json',
          ...(o.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(basic ? { Authorization: basic } : {}),
        },
        body: o.body !== undefined ? JSON.stringify(o.body) : undefined,
        credentials: settings.auth === 'cookie' ? 'include' : 'omit',
        redirect: 'error',
        cache: 'no-store',
        signal: abort.signal,
      });
      const text = await readText(res, arm, abort, o.maxBytes ?? MAX_ANSWER_BYTES, o.path);
      if (res.status === 401 && settings.auth === 'cookie' && !retried) {
        // The session cookie expired: sign in again once.
        session = login();
        return send(o, true);
      }
      if (!res.ok) throw httpError(res.status, text, o);
      try {
        return JSON.parse(text);
      } catch {
        throw new CouchError('protocol', `The server's answer to ${o.path} was not JSON.`, res.status);
      }
    } catch (e) {
      if (e instanceof CouchError) throw e;
      if (timedOut) throw new CouchError('timeout', 'The server stopped answering.');
      if (o.signal?.aborted) throw new CouchError('aborted', 'Stopped.');
      throw new CouchError('offline', 'The server cannot be reached.');
    } finally {
      clearTimeout(idle);
      o.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function login() {
    const res = await doFetch(urlOf({ path: '_session', server: true }), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ name: settings.username, password: settings.password }),
      credentials: 'include',
      redirect: 'error',
      cache: 'no-store',
    }).catch(() => {
      session = null;
      throw new CouchError('offline', 'The server cannot be reached.');
    });
    if (!res.ok) {
      session = null;
      throw httpError(res.status, await res.text().catch(() => ''), { path: '_session', server: true });
    }
  }

  return {
    request: <T>(o: RequestOptions) => send(o) as Promise<T>,
    /** Where this client sends requests, for the status line: origin and database. */
    label: `${base.origin}${base.pathname === '/' ? '' : base.pathname.replace(/\/$/, '')} / ${settings.database}`,
  };
}

export type CouchClient = ReturnType<typeof couchClient>;

/**
 * The most a single answer may hold, in bytes: a page of 1,000 of our documents is a few hundred
 * kilobytes (some tens of megabytes only if every field of every one were at its limit; the pull
 * then asks for smaller pages). Parsing more would take the worker's memory, not sync a team.
 */
export const MAX_ANSWER_BYTES = 32 * 2 ** 20;
const DEFAULT_IDLE_MS = 60_000;

/**
 * Reads the body, calling `chunk` on each piece so an idle timer can be reset by heartbeats, and
 * stops at `max` bytes: a declared length over it is refused before reading, and a body that goes
 * on past it (no length, or a false one) is cut off there, so no more than `max` is ever held.
 */
async function readText(
  res: Response,
  chunk: () => void,
  abort: AbortController,
  max: number,
  path: string,
): Promise<string> {
  const tooLarge = () => {
    abort.abort();
    return new AnswerTooLarge(path, max);
  };
  if (Number(res.headers.get('content-length')) > max) throw tooLarge();
  if (!res.body) {
    const whole = await res.text();
    if (whole.length > max) throw tooLarge();
    return whole;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunk();
    bytes += value.byteLength;
    if (bytes > max) {
      void reader.cancel().catch(() => {});
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function httpError(status: number, text: string, o: RequestOptions): CouchError {
  let reason = '';
  try {
    const body = JSON.parse(text) as { error?: string; reason?: string };
    reason = body.reason || body.error || '';
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  if (status === 401) return new CouchError('auth', 'The server refused the username or password.', status);
  if (status === 403) {
    return new CouchError('auth', `This user may not use the database${reason ? ` (${reason})` : ''}.`, status);
  }
  if (status === 404 && !o.server) {
    return new CouchError('database', 'The database does not exist on the server.', status);
  }
  // CouchDB's reasons are sentences of their own ("Document update conflict."): one full stop.
  const what = reason ? `: ${reason.replace(/[.\s]+$/, '')}` : '';
  return new CouchError('server', `The server answered ${status}${what}.`, status);
}
