import * as v from 'valibot';
import {
  ConnectionDocSchema,
  IdSchema,
  RoleDocSchema,
  TimestampSchema,
  TOMBSTONE_INDEX,
  type Connection,
  type ConnectionRole,
} from '../model';
import type { DocKind, OutboxEntry } from '../store';

/**
 * The documented server format (README "Team sync"): one CouchDB document per role or
 * connection, `_id` = `role:<id>` or `connection:<id>`, the fields of the model without the
 * derived ones (keys, index fields, folded names), plus `type` and `schema`. A deletion is a
 * tombstone document `{type, schema, deleted: true, updatedAt, updatedBy}`, so the conflict rule
 * can weigh it like any edit.
 */
export const REMOTE_SCHEMA = 1;

export interface RemoteBody {
  type: DocKind;
  schema: number;
  updatedAt: string;
  deleted?: true;
  [field: string]: unknown;
}

export interface RemoteDoc extends Partial<RemoteBody> {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
}

const stripEnd = ({ key: _key, ...end }: Connection['from']) => end;

export function roleBody(role: ConnectionRole): RemoteBody {
  const { id: _id, nameKey: _nameKey, ...fields } = role;
  return { type: 'role', schema: REMOTE_SCHEMA, ...fields };
}

export function connectionBody(c: Connection): RemoteBody {
  if (c.deleted) return tombstoneBody('connection', c.updatedAt, c.updatedBy);
  const { id: _id, endpoints: _e, roleIds: _r, relKey: _k, deleted: _d, from, to, ...fields } = c;
  return { type: 'connection', schema: REMOTE_SCHEMA, from: stripEnd(from), to: stripEnd(to), ...fields };
}

export function tombstoneBody(type: DocKind, updatedAt: string, updatedBy?: string): RemoteBody {
  return { type, schema: REMOTE_SCHEMA, deleted: true, updatedAt, ...(updatedBy ? { updatedBy } : {}) };
}

/** The body to push for an outbox entry, from what the store holds now. */
export function localBody(
  kind: DocKind,
  doc: ConnectionRole | Connection | undefined,
  gone: OutboxEntry['gone'],
  now: string,
): RemoteBody {
  if (doc) return kind === 'role' ? roleBody(doc as ConnectionRole) : connectionBody(doc as Connection);
  // A role deleted here, or (rarely) a document gone without a trace: a deletion either way.
  return tombstoneBody(kind, gone?.updatedAt ?? now);
}

// `s`: an id holding a line break is still ours by its prefix, and refused for it, not ignored.
const ID_PATTERN = /^(role|connection):(.+)$/s;
export const REV = /^\d{1,10}-[0-9a-f]{1,64}$/;

/** A deletion: when, and by whom; nothing else of it is kept. */
const TombstoneSchema = v.object({
  updatedAt: TimestampSchema,
  updatedBy: v.optional(v.pipe(v.string('updatedBy must be text.'), v.maxLength(254, 'updatedBy is too long.'))),
});

export function parseDocId(docId: string): { kind: DocKind; id: string } | null {
  const m = ID_PATTERN.exec(docId);
  return m ? { kind: m[1] as DocKind, id: m[2]! } : null;
}

/** A server document after validation: what to write, or why it was refused. */
export type Incoming =
  | {
      ok: true;
      docId: string;
      rev: string;
      kind: DocKind;
      id: string;
      body: RemoteBody | null;
      value: ConnectionRole | Connection | null;
    }
  | { ok: false; docId: string; rev: string; reason: string };

const firstIssue = (issues: v.BaseIssue<unknown>[]) => {
  const issue = issues[0]!;
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
};

/** How far ahead of this device's clock a server document's time may be (clocks drift, zones err). */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

/**
 * The conflict rule lets the later `updatedAt` win, so a document stamped 9999-12-31 would beat
 * every edit anyone makes for ever after: a time more than a day ahead of the receiving clock is
 * refused. Returns the reason, or null when every time is plausible.
 */
function fromTheFuture(times: { field: string; at: string }[], now: string): string | null {
  const limit = Date.parse(now) + MAX_CLOCK_AHEAD_MS;
  const ahead = times.find((t) => Date.parse(t.at) > limit);
  return ahead
    ? `${ahead.field}: timestamp ${ahead.at} is more than a day in the future (this device's clock says ${now}).`
    : null;
}

/**
 * Checks a document from the server against the model before it may touch the store. Returns
 * null for documents that are not ours (design documents, other prefixes): they are ignored.
 * `body: null` means deleted by a plain CouchDB delete (another client's `db.remove`). `now` is
 * the receiving clock, against which the document's times are judged.
 */
export function parseRemote(doc: RemoteDoc, now: string): Incoming | null {
  if (typeof doc._id !== 'string') return null;
  const ref = parseDocId(doc._id);
  if (!ref) return null;
  const docId = doc._id.slice(0, 300);
  const refuse = (reason: string): Incoming => ({ ok: false, docId, rev: '', reason: reason.slice(0, 300) });
  if (!v.is(IdSchema, ref.id)) {
    return refuse('the id after the prefix must be 1–100 letters, digits, "-", "_", ":" or ".".');
  }
  // Sent back to the server with our next change: anything but a CouchDB revision would break it.
  const rev = typeof doc._rev === 'string' && REV.test(doc._rev) ? doc._rev : '';
  if (!rev) return refuse('_rev must be a CouchDB revision like "1-abc…".');
  if (doc._deleted) return { ok: true, docId: doc._id, rev, ...ref, body: null, value: null };
  if (doc.type !== ref.kind) return refuse(`type must be "${ref.kind}" for an id starting "${ref.kind}:".`);
  if (typeof doc.schema !== 'number' || doc.schema < 1) return refuse('schema must be a version number.');
  if (doc.schema > REMOTE_SCHEMA) {
    return refuse(`written by a newer version of the extension (schema ${doc.schema}); update to read it.`);
  }
  const { _id, _rev, _deleted, ...body } = doc;
  if (body.deleted === true) {
    const t = v.safeParse(TombstoneSchema, body);
    if (!t.success) return refuse(firstIssue(t.issues));
    const future = fromTheFuture([{ field: 'updatedAt', at: t.output.updatedAt }], now);
    if (future) return refuse(future);
    const tomb = tombstoneBody(ref.kind, t.output.updatedAt, t.output.updatedBy);
    return { ok: true, docId: doc._id, rev, ...ref, body: tomb, value: null };
  }
  const schema = ref.kind === 'role' ? RoleDocSchema : ConnectionDocSchema;
  const parsed = v.safeParse(schema, { ...body, id: ref.id });
  if (!parsed.success) return refuse(firstIssue(parsed.issues));
  // Compare on the canonical body (what this replica would itself send), not the raw one.
  const value = parsed.output as ConnectionRole | Connection;
  const future = fromTheFuture(
    [
      { field: 'updatedAt', at: value.updatedAt },
      { field: 'createdAt', at: value.createdAt },
    ],
    now,
  );
  if (future) return refuse(future);
  const canonical = ref.kind === 'role' ? roleBody(value as ConnectionRole) : connectionBody(value as Connection);
  return { ok: true, docId: doc._id, rev, ...ref, body: canonical, value };
}

/** A local connection turned tombstone by a pulled deletion: kept for undo, out of every index. */
export const asTombstone = (c: Connection, body: RemoteBody | null): Connection => ({
  ...c,
  ...TOMBSTONE_INDEX,
  deleted: true,
  updatedAt: body?.updatedAt ?? c.updatedAt,
  updatedBy: typeof body?.updatedBy === 'string' ? body.updatedBy : c.updatedBy,
});
