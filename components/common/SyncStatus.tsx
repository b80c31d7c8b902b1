import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../../lib/model';
import { describeSync } from './sync-status-text';

const TICK_MS = 30_000;

/** Re-renders every `ms` while `on`, so "2 minutes ago" stays true. */
function useTick(on: boolean, ms: number) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), ms);
    return () => window.clearInterval(timer);
  }, [on, ms]);
}

interface Props {
  status: SyncStatus | null;
  /** One line (popup, in-page panel) instead of the options page's block. */
  compact?: boolean;
  /** On the options page: advice points at the form below rather than at Options. */
  inOptions?: boolean;
}

/**
 * Team sync's status in words: state, time of the last sync, progress of a big transfer,
 * changes waiting and documents refused. Shows nothing until the status is known.
 */
export function SyncStatusView({ status, compact = false, inOptions = false }: Props) {
  useTick(!!status?.lastSyncedAt, TICK_MS);
  if (!status) return null;
  const t = describeSync(status, Date.now(), { compact, inOptions });
  return (
    <div
      class={compact ? 'sync-status compact' : 'sync-status'}
      role="status"
      aria-live="polite"
      data-sync-state={status.state}
      data-pending={status.pending}
      data-rejected={status.rejected}
    >
      <p class="sync-headline">
        {compact && <span class="sync-name">Team sync: </span>}
        {t.headline}
        {/* The time changes every minute: announcing each change would be noise. */}
        {t.since && status.lastSyncedAt && (
          <time dateTime={status.lastSyncedAt} aria-live="off">
            {' · '}
            {t.since}
          </time>
        )}
        {t.advice && ` ${t.advice}`}
        {compact && t.notes.map((note) => ` · ${note}`).join('')}
      </p>
      {t.progress && (
        <label class="sync-progress" aria-live="off">
          <span>{t.progress.label}</span>
          <progress value={t.progress.value} max={t.progress.max} />
        </label>
      )}
      {!compact &&
        t.notes.map((note) => (
          <p key={note} class="sync-note">
            {note}
          </p>
        ))}
      {!compact && status.server && <p class="sync-server">Server: {status.server}</p>}
    </div>
  );
}
