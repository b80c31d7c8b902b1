/** A calendar date `YYYY-MM-DD` as the reader's locale writes it. */
export function formatDate(date: string | null): string {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00`);
  return Number.isNaN(d.getTime()) ? date : d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A timestamp as the reader's locale writes it. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Only web and mail addresses become links; anything else (javascript:, data:) stays text. */
export function safeHref(url: string): string | undefined {
  try {
    const u = new URL(url);
    return ['https:', 'http:', 'mailto:'].includes(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** A name as an id fragment: "Sales Team" → "sales-team" (ids may not hold spaces). */
export const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
