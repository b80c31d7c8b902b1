// HTML helpers shared by the demo pages. escapeHtml is also serialised into the pages' inline
// script (see spa.mjs), so it must stay self-contained: no references outside its own body.

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value) {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside a <script> element: `<`, `>` and `&` become \u escapes so no data can
 * close the element or open a comment, and U+2028/U+2029 are escaped for pre-ES2019 parsers.
 */
export function jsonForScript(value) {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A complete demo page. `base` is where relative links resolve: the real CRM origin when the
 * page is fulfilled at its real URL, or a prefix on the local server (demo/server.mjs).
 */
export function documentHtml({ lang = 'en', title, base, css, body, data, script, headScript }) {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<base href="${escapeHtml(base)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${css}</style>
${headScript ? `<script>${headScript}</script>` : ''}
</head>
<body>
${body}
<script type="application/json" id="demo-data">${jsonForScript(data)}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** A magnifier for the CRMs' search boxes (inline: the demo pages load nothing). */
export const SEARCH_ICON = `<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" style="vertical-align:-2px"><circle cx="6.5" cy="6.5" r="5" fill="none" stroke="currentColor" stroke-width="1.8"/><path d="M10.5 10.5 15 15" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>`;

/** A bell for notification buttons (inline SVG: the pages load no fonts, and emoji may be missing). */
export const BELL_ICON = `<svg width="15" height="15" viewBox="0 0 16 16" aria-hidden="true" style="vertical-align:-2px"><path d="M8 1.5a4.5 4.5 0 0 0-4.5 4.5v3L2 11.5h12L12.5 9V6A4.5 4.5 0 0 0 8 1.5zM6.5 13a1.5 1.5 0 0 0 3 0" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>`;

/** A speech bubble and a clock, for chat and activity buttons (inline SVG, as BELL_ICON). */
export const CHAT_ICON = `<svg width="15" height="15" viewBox="0 0 16 16" aria-hidden="true" style="vertical-align:-2px"><path d="M2 3h12v8H6l-3 3v-3H2z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/></svg>`;
export const CLOCK_ICON = `<svg width="15" height="15" viewBox="0 0 16 16" aria-hidden="true" style="vertical-align:-2px"><circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round"/></svg>`;
