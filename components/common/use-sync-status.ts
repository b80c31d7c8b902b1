import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { call, watchChanges } from '../../lib/messaging/client';
import type { SyncStatus } from '../../lib/model';

/**
 * Team sync's status for an extension page: read once, then kept current from the change
 * feed (re-read after a reconnection, when updates may have been missed). Null until known.
 */
export function useSyncStatus(): Signal<SyncStatus | null> {
  const status = useSignal<SyncStatus | null>(null);
  useEffect(() => {
    const stop = new AbortController();
    // A read that answers after a newer status arrived on the feed must not overwrite it.
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      call('sync.status', {})
        .then((s) => void (mine === latest && (status.value = s)))
        .catch(() => {});
    };
    load();
    watchChanges((c) => {
      if (c.sync) {
        latest++;
        status.value = c.sync;
      } else if (c.all) load();
    }, stop.signal);
    return () => stop.abort();
  }, []);
  return status;
}
