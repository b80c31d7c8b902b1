// The slice of PouchDB's API the bench uses (no @types/pouchdb in the project).
declare module 'pouchdb-browser' {
  interface QueryOptions {
    key?: unknown;
    include_docs?: boolean;
  }
  interface ReplicationResult {
    docs_written: number;
    docs_read: number;
  }
  export default class PouchDB {
    constructor(name: string, options?: { auth?: { username: string; password: string }; skip_setup?: boolean });
    replicate: {
      from(remote: PouchDB, options?: { batch_size?: number }): Promise<ReplicationResult>;
      to(remote: PouchDB, options?: { batch_size?: number }): Promise<ReplicationResult>;
    };
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
    bulkDocs(docs: object[]): Promise<unknown[]>;
    put(doc: object): Promise<unknown>;
    query(view: string, options?: QueryOptions): Promise<{ rows: { id: string; key: unknown; doc?: unknown }[] }>;
    close(): Promise<void>;
  }
}
