import { signal } from '@preact/signals';
import { call } from '../lib/messaging/client';
import type { Change } from '../lib/messaging/views';
import { recordKey } from '../lib/model/record-ref';
import type { RecordInput } from '../lib/model/record-schema';

/**
 * State of the in-page UI for the record on screen: which record, how many active connections
 * it has, and the last error. Actions report visits and re-query on changes.
 */
export function createRecordModel() {
  const record = signal<(RecordInput & { key: string }) | null>(null);
  const activeCount = signal<number | null>(null);
  const error = signal<string | null>(null);
  let generation = 0;

  const refresh = async () => {
    const rec = record.value;
    const mine = ++generation;
    if (!rec) return void (activeCount.value = null);
    try {
      const list = await call('connections.listForRecord', { key: rec.key, status: 'active' });
      // A newer record (in-app navigation) may have replaced this one while we waited.
      if (mine === generation) activeCount.value = list.length;
    } catch (e) {
      if (mine === generation) error.value = (e as Error).message;
    }
  };

  return {
    record,
    activeCount,
    error,
    /** Switches to the record now on screen and tells the background it was seen. */
    async show(next: RecordInput | null) {
      const key = next ? recordKey(next) : null;
      if (key !== record.value?.key) activeCount.value = null;
      record.value = next && key ? { ...next, key } : null;
      if (!next) return;
      try {
        await call('records.seen', next);
      } catch (e) {
        error.value = (e as Error).message;
      }
      await refresh();
    },
    /** Re-queries when the change concerns this record (or everything). */
    onChange(change: Change) {
      const key = record.value?.key;
      if (change.all || (key && change.records?.includes(key)) || change.roles) void refresh();
    },
  };
}

export type RecordModel = ReturnType<typeof createRecordModel>;
