import * as v from 'valibot';
import { REV } from './remote-doc';

/**
 * What the server's answers must look like before sync acts on them. The server is trusted with
 * the team's data, not with our process: a broken or hostile answer must end as a clear error
 * (or one refused row), never as an exception thrown from deep inside a loop, a value stored and
 * sent back for ever, or a loop without end.
 */

/** A position in the changes feed: CouchDB's opaque text ("12-g1AAAA…"), PouchDB Server's number. */
export type Seq = string | number;

/**
 * Far longer than any real sequence (a clustered CouchDB's grows with its shard count, to a few
 * kilobytes), short enough to go back in the URL of every request.
 */
export const MAX_SEQ_CHARS = 10_000;

export const isSeq = (x: unknown): x is Seq =>
  (typeof x === 'string' && x.length > 0 && x.length <= MAX_SEQ_CHARS) || (typeof x === 'number' && Number.isFinite(x));

/** The same position whichever way the server spelled it (5 and "5"). */
export const sameSeq = (a: Seq, b: Seq) => String(a) === String(b);

/** A value as shown in a reason: short, whatever it is. */
const shown = (x: unknown) => {
  let s: string;
  try {
    s = JSON.stringify(x) ?? String(x);
  } catch {
    s = String(x);
  }
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** Messages for reasons like "last_seq must be text or a finite number, not {"evil":1}". */
const mustBe =
  (what: string) =>
  (issue: v.BaseIssue<unknown>): string =>
    `must be ${what}, not ${shown(issue.input)}`;
/** An object schema reports both "not an object" and a missing key (the latter with its path). */
const objectIssue = (issue: v.BaseIssue<unknown>) =>
  issue.path && issue.input === undefined ? 'is missing' : `must be an object, not ${shown(issue.input)}`;

const SeqSchema = v.custom<Seq>(isSeq, mustBe(`text (1–${MAX_SEQ_CHARS} characters) or a finite number`));
const PlainObject = v.custom<Record<string, unknown>>(
  (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
  mustBe('an object'),
);
const Text = v.string(mustBe('text'));
const Flag = v.boolean(mustBe('true or false'));
const DocIdSchema = v.pipe(Text, v.minLength(1, 'must not be empty'), v.maxLength(1_000, 'is too long'));
const RevSchema = v.pipe(Text, v.regex(REV, mustBe('a CouchDB revision like "1-abc…"')));

/** The first problem, named by where it is: "results must be a list, not 5". */
export function problemOf(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]): string {
  const issue = issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.');
  return `${path || 'it'} ${issue.message}`;
}

/** A `_changes` page; its rows are checked one by one (a bad row is refused, not the page). */
export const ChangesSchema = v.object(
  {
    results: v.array(v.unknown(), mustBe('a list')),
    last_seq: SeqSchema,
    // Only for the progress bar: anything but a count is ignored.
    pending: v.optional(v.unknown()),
  },
  objectIssue,
);

export const ChangeRowSchema = v.object(
  {
    id: DocIdSchema,
    seq: SeqSchema,
    doc: v.optional(v.nullable(PlainObject)),
    deleted: v.optional(Flag),
    changes: v.optional(v.array(v.looseObject({ rev: Text }, objectIssue), mustBe('a list'))),
  },
  objectIssue,
);
export type ChangeRow = v.InferOutput<typeof ChangeRowSchema>;

/** `_bulk_docs`: one answer per document sent; a new revision is stored and sent back later. */
export const BulkAnswerSchema = v.array(v.unknown(), mustBe('a list'));
export const BulkRowSchema = v.pipe(
  v.object(
    {
      id: DocIdSchema,
      rev: v.optional(RevSchema),
      ok: v.optional(Flag),
      error: v.optional(Text),
      reason: v.optional(Text),
    },
    objectIssue,
  ),
  v.check((r) => !r.ok || r.rev !== undefined, 'must carry the new revision when it says ok'),
);
export type BulkRow = v.InferOutput<typeof BulkRowSchema>;

/** `_all_docs` with keys: a row per key asked, a document, a deletion or an error. */
export const AllDocsSchema = v.object({ rows: v.array(v.unknown(), mustBe('a list')) }, objectIssue);
export const AllDocsRowSchema = v.object(
  {
    key: DocIdSchema,
    error: v.optional(Text),
    value: v.optional(v.looseObject({ rev: Text, deleted: v.optional(Flag) }, objectIssue)),
    doc: v.optional(v.nullable(PlainObject)),
  },
  objectIssue,
);
export type AllDocsRow = v.InferOutput<typeof AllDocsRowSchema>;

/** The id a refused row is reported under: its own when it has one, else where it was. */
export const rowLabel = (row: unknown, where: string) => {
  const id = (row as { id?: unknown; key?: unknown } | null)?.id ?? (row as { key?: unknown } | null)?.key;
  return typeof id === 'string' && id !== '' ? id.slice(0, 300) : where;
};
