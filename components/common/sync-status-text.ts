import type { SyncStatus } from '../../lib/model';

/** How a sync status reads, split so the component can keep the ticking time out of the live region. */
export interface SyncStatusText {
  /** "Synced", "Syncing…", "Offline — will retry at 14:05", "Error: …". */
  headline: string;
  /** "2 minutes ago", after "Synced ·"; changes as time passes. */
  since: string | null;
  /** What the user can do about an error. */
  advice: string | null;
  /** A large transfer under way. */
  progress: { label: string; value: number; max: number } | null;
  /** Local changes waiting, documents the server sent that were refused. */
  notes: string[];
}

export interface SyncTextOptions {
  /** One line for the popup and the in-page panel: leaves out the refused document's reason. */
  compact?: boolean;
  /** On the options page the settings are right there, so advice says "below", not "in Options". */
  inOptions?: boolean;
  /** For tests; the reader's own locale otherwise. */
  locale?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const plural = (n: number, one: string, many: string, locale?: string) =>
  `${n.toLocaleString(locale)} ${n === 1 ? one : many}`;

/** "just now", "1 minute ago", "3 hours ago", "yesterday", "4 days ago" (English, like the rest of the UI). */
export function relativeTime(iso: string, now: number): string {
  const ms = now - Date.parse(iso);
  // A clock a little behind the server's reads as now, not "in 2 seconds".
  if (!(ms >= 45_000)) return 'just now';
  if (ms < 45 * MINUTE) return `${plural(Math.max(1, Math.round(ms / MINUTE)), 'minute', 'minutes')} ago`;
  if (ms < 22 * HOUR) return `${plural(Math.max(1, Math.round(ms / HOUR)), 'hour', 'hours')} ago`;
  if (ms < 36 * HOUR) return 'yesterday';
  return `${plural(Math.round(ms / (24 * HOUR)), 'day', 'days')} ago`;
}

/** A time of day as the reader's locale writes it ("14:05", "2:05 PM"). */
export const clockTime = (iso: string, locale?: string) =>
  new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });

function adviceFor(problem: SyncStatus['problem'], inOptions: boolean): string | null {
  const where = inOptions ? 'below' : 'in Options';
  // On the options page the background's own reason already says to press Save.
  if (problem === 'permission') return inOptions ? null : 'Grant access in Options.';
  if (problem === 'auth') return `Check the username and password ${where}.`;
  if (problem === 'database') return `Check the database name ${where}.`;
  return null;
}

function headlineOf(s: SyncStatus, locale?: string): string {
  const retry = s.retryAt ? ` — will retry at ${clockTime(s.retryAt, locale)}` : '';
  switch (s.state) {
    case 'off':
      return 'Local only';
    case 'synced':
      return 'Synced';
    case 'syncing':
      return 'Syncing…';
    case 'offline':
      return `Offline${retry}`;
    case 'error':
      return `Error: ${s.reason ?? 'sync stopped.'}${retry}`;
  }
}

/** Everything a sync status says, in words. */
export function describeSync(s: SyncStatus, now: number, o: SyncTextOptions = {}): SyncStatusText {
  const { locale } = o;
  const notes: string[] = [];
  if (s.state === 'off') return { headline: headlineOf(s), since: null, advice: null, progress: null, notes };
  if (s.pending > 0) notes.push(`${plural(s.pending, 'change', 'changes', locale)} waiting to be sent`);
  if (s.rejected > 0) {
    // Both ways: documents from the server that failed validation, changes the server refused.
    const what = `${plural(s.rejected, 'document', 'documents', locale)} could not be synced`;
    notes.push(!o.compact && s.lastRejected ? `${what}: ${s.lastRejected.reason}` : what);
  }
  const p = s.progress;
  return {
    headline: headlineOf(s, locale),
    since: s.state === 'synced' && s.lastSyncedAt ? relativeTime(s.lastSyncedAt, now) : null,
    advice: s.state === 'error' ? adviceFor(s.problem, !!o.inOptions) : null,
    progress:
      p && s.state === 'syncing'
        ? {
            label: `${p.direction === 'pull' ? 'Receiving' : 'Sending'} ${p.done.toLocaleString(locale)} of ${p.total.toLocaleString(locale)}`,
            value: p.done,
            max: p.total,
          }
        : null,
    notes,
  };
}
