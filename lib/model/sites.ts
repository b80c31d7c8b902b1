/** A web site the extension can be switched on for: its origin and the match pattern that covers it. */
export interface Site {
  /** `https://crm.example.com` (scheme and host; no port, see below). */
  origin: string;
  /** `https://crm.example.com/*`: match patterns ignore the port, so one grant covers every port. */
  pattern: string;
}

/** The site of a web page URL, or null for anything that is not http(s). */
export function siteOf(input: string): Site | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  // A wildcard grant ("every https site") is no single site to switch on.
  if (url.hostname.includes('*')) return null;
  const origin = `${url.protocol}//${url.hostname}`;
  return { origin, pattern: `${origin}/*` };
}

/** Id of the dynamically registered content script of one site. */
export const siteScriptId = (origin: string) => `site:${origin}`;
