import { browser } from 'wxt/browser';
import { SyncStatusView } from '../common/SyncStatus';
import { useSyncStatus } from '../common/use-sync-status';

/** Reuses an open options tab instead of opening another (the href is the fallback). */
const openOptions = (e: Event) => {
  e.preventDefault();
  void browser.runtime.openOptionsPage();
};

/** The popup's one line about team sync; either form leads to its settings. */
export function SyncLine() {
  const status = useSyncStatus().value;
  if (!status) return null;
  return (
    <div class="sync-line">
      <a href="/options.html" target="_blank" title="Team sync settings" onClick={openOptions}>
        {status.state === 'off' ? 'Team sync: off — set up in Options' : <SyncStatusView status={status} compact />}
      </a>
    </div>
  );
}
