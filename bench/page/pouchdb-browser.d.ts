// The slice of PouchDB's API the bench uses (no @types/pouchdb in the project).
declare module 'pouchdb-browser' {
  interface QueryOptions {
    key?: unknown;
    include_docs?: boolean;
  }
  export default class PouchDB {
    constructor(name: string);
    bulkDocs(docs: object[]): Promise<unknown[]>;
    put(doc: object): Promise<unknown>;
    query(view: string, options?: QueryOptions): Promise<{ rows: { id: string; key: unknown; doc?: unknown }[] }>;
    close(): Promise<void>;
  }
}
