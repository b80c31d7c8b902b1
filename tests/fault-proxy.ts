import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Pauses are real time even while a test scales the engine's timers (tests/time-warp.ts).
const realSetTimeout = globalThis.setTimeout;
const pause = (ms: number) => new Promise<void>((r) => realSetTimeout(r, ms));

/**
 * What the proxy does with one request:
 * - `pass`: forwards it and streams the answer back.
 * - `{ status }`: answers that status (and `body`, JSON) instead of the server; with `forward`,
 *   only after the server has handled the request (the server took the change, the client hears
 *   an error).
 * - `{ truncate: 'short' }`: forwards, then sends the first half of the server's body as a
 *   complete answer (its length says so): truncated JSON. `{ truncate: 'cut' }`: sends the real
 *   headers and half the body, then drops the connection.
 * - `{ trickle }`: forwards, then dribbles the server's body in `pieces` parts, `pauseMs` apart
 *   (the first part after a pause too).
 * - `{ silence: true }`: forwards and streams the answer, but swallows the heartbeat newlines of
 *   a long-poll: the client hears nothing until a change or the end.
 */
export type ProxyFault =
  | 'pass'
  | { status: number; body?: unknown; forward?: boolean }
  | { truncate: 'short' | 'cut' }
  | { trickle: { pieces: number; pauseMs: number } }
  | { silence: true };

export interface ProxiedRequest {
  n: number;
  method: string;
  /** The path under the database (`_changes`, `_bulk_docs`, `` for the database itself). */
  path: string;
  query: Record<string, string>;
  url: URL;
}

/**
 * An HTTP proxy on a free loopback port in front of `target` (the real test server) that injects
 * the fault `plan` chooses for each request, and counts what it injected. `rewrite` may change the
 * URL forwarded (a test scaling time asks the server for faster heartbeats).
 */
export async function faultProxy(target: string, o: { rewrite?: (url: URL) => void } = {}) {
  const to = new URL(target);
  let plan: (r: ProxiedRequest) => ProxyFault = () => 'pass';
  const log: { method: string; path: string; query: Record<string, string>; fault: string }[] = [];
  let injected = 0;
  let count = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const path = url.pathname.split('/').slice(2).join('/');
    const query = Object.fromEntries(url.searchParams);
    const fault = plan({ n: ++count, method: req.method ?? 'GET', path, query, url });
    log.push({
      method: req.method ?? 'GET',
      path,
      query,
      fault: typeof fault === 'string' ? fault : JSON.stringify(fault),
    });
    if (fault !== 'pass') injected++;
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body ?? { error: 'injected', reason: `Injected ${status}.` });
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (typeof fault === 'object' && 'status' in fault && !fault.forward) {
      req.resume();
      req.on('end', () => json(fault.status, fault.body));
      return;
    }
    o.rewrite?.(url);
    const upstream = http.request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: url.pathname + url.search,
        // Plain bodies, so that cutting one in half gives truncated JSON rather than broken gzip.
        headers: { ...req.headers, host: to.host, 'accept-encoding': 'identity' },
      },
      (up) => {
        if (fault === 'pass') {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        if ('silence' in fault) {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.on('data', (chunk: Buffer) => void (chunk.toString().trim() && res.write(chunk)));
          up.on('end', () => res.end());
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => void answer(up, Buffer.concat(chunks)));
      },
    );
    const headersOf = (up: http.IncomingMessage, length?: number) => {
      const { 'content-length': _l, 'transfer-encoding': _t, ...rest } = up.headers;
      return length === undefined ? rest : { ...rest, 'content-length': String(length) };
    };
    async function answer(up: http.IncomingMessage, body: Buffer) {
      if (fault === 'pass' || 'silence' in fault) return;
      if ('status' in fault) return json(fault.status, fault.body);
      if ('truncate' in fault) {
        const half = body.subarray(0, Math.floor(body.length / 2));
        if (fault.truncate === 'short') {
          res.writeHead(up.statusCode ?? 502, headersOf(up, half.length));
          res.end(half);
        } else {
          res.writeHead(up.statusCode ?? 502, headersOf(up, body.length));
          res.write(half, () => res.destroy());
        }
        return;
      }
      const { pieces, pauseMs } = fault.trickle;
      res.writeHead(up.statusCode ?? 502, headersOf(up, body.length));
      const size = Math.ceil(body.length / pieces);
      for (let at = 0; at < body.length; at += size) {
        await pause(pauseMs);
        if (res.destroyed) return;
        res.write(body.subarray(at, at + size));
      }
      res.end();
    }
    res.on('close', () => upstream.destroy());
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    /** Chooses the fault of each request from now on. */
    plan(next: (r: ProxiedRequest) => ProxyFault) {
      plan = next;
    },
    /** Every request seen, with the fault it got. */
    log,
    get injected() {
      return injected;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type FaultProxy = Awaited<ReturnType<typeof faultProxy>>;

/**
 * The first `times` requests that `match` gets `fault`; everything else passes. Returns the plan
 * and how many it injected so far.
 */
export function faultOn(match: (r: ProxiedRequest) => boolean, fault: ProxyFault, times = 1) {
  let left = times;
  let done = 0;
  return {
    plan: (r: ProxiedRequest): ProxyFault => {
      if (left <= 0 || !match(r)) return 'pass';
      left--;
      done++;
      return fault;
    },
    get injected() {
      return done;
    },
  };
}
