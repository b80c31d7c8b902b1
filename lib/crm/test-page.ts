// Helpers for name-reader tests; they need a DOM, so test files opt into `@vitest-environment happy-dom`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { CrmAdapter, DetectedRecord } from './types';

/** How a CRM renders a record named `<img src=x onerror=alert(1)>`: escaped, as text. */
export const HOSTILE_HTML = '&lt;img src=x onerror=alert(1)&gt;';
/** What a name reader must return for it: the same characters, as plain text. */
export const HOSTILE_TEXT = '<img src=x onerror=alert(1)>';
/** A name as templates often render it, padded with newlines, tabs and double spaces. */
export const SPACED_HTML = '\n        Ada \t  Lovelace\n      ';

/** `fixtures/{file}` with every `{{NAME}}` replaced by `nameHtml`, parsed as a document. */
export function fixturePage(file: string, nameHtml: string): Document {
  // A path, not `new URL(…, import.meta.url)`: happy-dom replaces the global URL with one that
  // does not resolve file: URLs.
  const html = readFileSync(join(import.meta.dirname, 'fixtures', file), 'utf8').replaceAll('{{NAME}}', nameHtml);
  return new DOMParser().parseFromString(html, 'text/html');
}

/** A CRM page before its record has rendered: only a title. */
export function blankPage(title = 'Loading…'): Document {
  const doc = new DOMParser().parseFromString('<!doctype html><title></title><body></body>', 'text/html');
  doc.title = title;
  return doc;
}

/** The checks every name reader shares: padded whitespace, hostile text, and a page not yet rendered. */
export function itReadsNames(adapter: CrmAdapter, file: string, record: DetectedRecord) {
  it(`${file}: collapses the whitespace around the name`, () => {
    expect(adapter.readName(fixturePage(file, SPACED_HTML), record)).toBe('Ada Lovelace');
  });
  it(`${file}: returns hostile markup as plain text`, () => {
    const doc = fixturePage(file, HOSTILE_HTML);
    expect(adapter.readName(doc, record)).toBe(HOSTILE_TEXT);
    expect(doc.querySelector('img[onerror]')).toBeNull();
  });
  it('returns null before the record renders', () => {
    expect(adapter.readName(blankPage(), record)).toBeNull();
  });
}
