import { BackupSection } from './BackupSection';
import { DataSection } from './DataSection';
import { IdentitySection } from './IdentitySection';

/** The options page: identity, backup and the data kept by the extension. */
export function OptionsApp() {
  return (
    <main>
      <h1>Connections for any CRM</h1>
      <IdentitySection />
      <BackupSection />
      <DataSection />
    </main>
  );
}
