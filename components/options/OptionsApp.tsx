import { BackupSection } from './BackupSection';
import { DataSection } from './DataSection';
import { IdentitySection } from './IdentitySection';
import { SyncSection } from './SyncSection';

/** The options page: identity, team sync, backup and the data kept by the extension. */
export function OptionsApp() {
  return (
    <main>
      <h1>Connections for any CRM</h1>
      <IdentitySection />
      <SyncSection />
      <BackupSection />
      <DataSection />
    </main>
  );
}
