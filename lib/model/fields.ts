import * as v from 'valibot';
import { LIMITS } from './limits';

/** Valibot pieces shared by the model's schemas; each message names the field it guards. */

/**
 * Refuses text holding half of a UTF-16 surrogate pair: no character, it cannot be encoded into
 * a record key, a URL or UTF-8 JSON for the team's server without changing it.
 */
export const wellFormed = (label: string) =>
  v.check<string, string>(
    (s) => s.isWellFormed(),
    `${label} holds a broken character (half of a UTF-16 surrogate pair).`,
  );

/** Free text with a length limit, trimmed. */
export const text = (label: string, max: number) =>
  v.pipe(
    v.string(`${label} must be text.`),
    v.trim(),
    v.maxLength(max, (issue) => `${label} is ${issue.input.length} characters long; the limit is ${max}.`),
    wellFormed(label),
  );

/** Required text with a length limit, trimmed. */
export const requiredText = (label: string, max: number) =>
  v.pipe(text(label, max), v.nonEmpty(`${label} is required.`));

/** An id made by this extension or a sync peer: letters, digits, `-`, `_`, `:`, `.`. */
export const IdSchema = v.pipe(
  v.string('Id must be text.'),
  v.regex(/^[\w.:-]{1,100}$/, 'Id must be 1–100 letters, digits, "-", "_", ":" or ".".'),
);

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date `YYYY-MM-DD`, or null for "not set". Empty text counts as not set. */
export const DateSchema = (label: string) =>
  v.pipe(
    v.nullable(v.string(`${label} must be a date.`)),
    v.transform((s) => (s === null || s.trim() === '' ? null : s.trim())),
    v.check(
      (s) => s === null || (/^\d{4}-\d{2}-\d{2}$/.test(s) && isRealDate(s)),
      `${label} must be a real date written YYYY-MM-DD.`,
    ),
  );

/** A web address (http or https; mailto for the "To Me" record) no longer than the URL limit. */
export const UrlSchema = v.pipe(
  v.string('URL must be text.'),
  v.trim(),
  v.maxLength(LIMITS.url, `URL is longer than ${LIMITS.url} characters.`),
  wellFormed('URL'),
  v.check((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' || u.protocol === 'http:' || u.protocol === 'mailto:';
    } catch {
      return false;
    }
  }, 'URL must be a complete http(s) address.'),
);
