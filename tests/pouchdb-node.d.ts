// The slice of PouchDB's API the sync tests use to act as another CouchDB client.
declare module 'pouchdb-node' {
  export default class PouchDB {
    constructor(name: string, options?: { auth?: { username: string; password: string }; skip_setup?: boolean });
    bulkDocs(docs: object[]): Promise<({ ok: true; id: string; rev: string } | { error: string; id: string })[]>;
    close(): Promise<void>;
  }
}
