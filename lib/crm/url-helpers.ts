/** An 8-4-4-4-12 hex GUID of any version nibble (SuiteCRM and Sugar ids are not RFC 4122 UUIDs). */
export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A positive integer id as CRMs print it: no sign, no leading zero, at most 20 digits. */
export const INT_ID = /^[1-9]\d{0,19}$/;

/** True for http(s) URLs: adapters that accept any host never claim other schemes. */
export const isWeb = (url: URL) => url.protocol === 'https:' || url.protocol === 'http:';

/** The one label in front of `base` (`acme` of acme.pipedrive.com), or null for any other host. */
export function subdomainOf(hostname: string, base: string): string | null {
  const host = hostname.toLowerCase();
  if (!host.endsWith(`.${base}`)) return null;
  const label = host.slice(0, -base.length - 1);
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label) ? label : null;
}

/**
 * Tenant of a self-hosted CRM: the host plus the folder it is installed in
 * (`crm.example.com/suite` for https://crm.example.com/suite/index.php). `folder` defaults to the
 * URL's path without a trailing `index.php`/`index.html` or slash.
 */
export function siteTenant(url: URL, folder = url.pathname): string {
  const dir = folder.replace(/\/{2,}/g, '/').replace(/\/(index\.(php|html?))?$/i, '');
  return url.host.toLowerCase() + dir;
}

/** The query string of a hash route (`#/list?fullProfile=people-1` → fullProfile=people-1). */
export function hashQuery(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}
