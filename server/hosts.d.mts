// Types of hosts.mjs, for the tests.

export interface HostName {
  name: string;
  port?: number;
}

/** `host[:port]` split into a lowercase name (IPv6 without brackets) and the port if written. */
export function parseHost(value: string | undefined): HostName | undefined;

/** Checks one --host-name value (`name` or `name:port`); throws when it is neither. */
export function hostName(value: string): HostName;

/** The parts of express's request and response the check uses. */
export interface HostCheckRequest {
  headers: { host?: string };
  socket: { localPort?: number; localAddress?: string };
}
export interface HostCheckResponse {
  status(code: number): { json(body: unknown): unknown };
}

/** Express middleware refusing with 421 every request whose Host the server does not answer for. */
export function hostCheck(options: {
  host: string;
  hostNames?: HostName[];
}): (req: HostCheckRequest, res: HostCheckResponse, next: () => void) => void;
