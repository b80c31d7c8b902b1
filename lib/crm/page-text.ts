import { textOf } from './types';

/** The document title with runs of whitespace collapsed; '' when there is none. */
export const titleOf = (doc: Document) => doc.title.replace(/\s+/g, ' ').trim();

/**
 * The page's main heading. Only for CRMs whose patterns-file entry names no landmark: it is a
 * guess to confirm on a live page, and the heading inside `main` is preferred over app chrome.
 */
export const mainHeading = (doc: Document) =>
  textOf(doc, 'main h1') ?? textOf(doc, '[role="main"] h1') ?? textOf(doc, 'h1');
