// The Host check: a request is served only when its Host header names this server. A web page
// can point a DNS name it controls at 127.0.0.1 (DNS rebinding); the browser then treats the
// server as that page's own origin, with no CORS in the way, and the anonymous endpoints (and any
// password guessing) are open to it. Such requests still carry the attacker's name in Host, so
// they are refused here, before anything else runs.
import net from 'node:net';

// Names of this machine that no outside DNS answer can stand for.
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

/**
 * Splits `host[:port]` (a Host header, or a --host-name value) into a lowercase name, IPv6
 * without brackets, and the port if one was written.
 * @param {string | undefined} value
 * @returns {{ name: string, port?: number } | undefined} undefined when it is no host[:port]
 */
export function parseHost(value) {
  const match = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9_.-]+))(?::(\d{1,5}))?$/i.exec(value ?? '');
  if (!match) return undefined;
  if (match[1] !== undefined && !net.isIPv6(match[1])) return undefined;
  // A trailing dot names the same host ("localhost." is localhost).
  const name = (match[1] ?? match[2] ?? '').toLowerCase().replace(/\.$/, '');
  const port = match[3] === undefined ? undefined : Number(match[3]);
  if (!name || (port !== undefined && port > 65535)) return undefined;
  return port === undefined ? { name } : { name, port };
}

/**
 * Checks one --host-name value and returns it parsed.
 * @param {string} value `name` or `name:port`
 */
export function hostName(value) {
  const parsed = parseHost(value);
  if (!parsed || parsed.port === 0) {
    throw new Error(`Host name "${value}" is not a host name or host:port (no scheme, path or user).`);
  }
  return parsed;
}

/**
 * Refuses with 421 Misdirected Request any request whose Host the server does not answer for:
 * - `localhost`, `127.0.0.1`, `[::1]` and the address the client reached (so a server listening
 *   on 0.0.0.0 answers to its LAN address too), each with the port the client reached;
 * - the name it listens on (`host`), if it is a name or an address, with that port;
 * - each extra name: `name` with that port or with none (as a reverse proxy on 80 or 443 sends
 *   it), `name:port` with exactly that port.
 * The port is the one of the connection, so the private setup port works as the real one does.
 * @param {{ host: string, hostNames?: { name: string, port?: number }[] }} options
 * @returns {import('express').RequestHandler}
 */
export function hostCheck({ host, hostNames = [] }) {
  const listenName = parseHost(net.isIPv6(host) ? `[${host}]` : host)?.name;
  const own = new Set(LOOPBACK_NAMES);
  if (listenName && listenName !== '0.0.0.0' && listenName !== '::') own.add(listenName);

  return (req, res, next) => {
    const localPort = req.socket.localPort;
    // An IPv4 client on a dual-stack (::) socket shows as ::ffff:a.b.c.d.
    const localAddress = (req.socket.localAddress ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    const asked = parseHost(req.headers.host);
    // No port in Host means the scheme's default, 80 for the plain HTTP served here.
    const portOk = (/** @type {number | undefined} */ port) => (port ?? 80) === localPort;
    const named = (/** @type {{ name: string, port?: number }} */ h) =>
      h.port === undefined ? asked?.port === undefined || portOk(asked.port) : asked?.port === h.port;
    const ok =
      asked !== undefined &&
      (((own.has(asked.name) || asked.name === localAddress) && portOk(asked.port)) ||
        hostNames.some((h) => h.name === asked.name && named(h)));
    if (ok) return next();
    const shown = String(req.headers.host ?? '').slice(0, 200);
    res.status(421).json({
      error: 'misdirected_request',
      reason: `This server does not answer for Host "${shown}". Use its own address, or start it with --host-name NAME.`,
    });
  };
}
