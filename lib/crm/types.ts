/** What a URL says about the record it shows. */
export interface DetectedRecord {
  crm: string;
  tenant: string;
  entityType: string;
  recordId: string;
}

/** One CRM: where it lives, how to read its record URLs, and where its pages show the name. */
export interface CrmAdapter {
  /** Adapter id, as in the fixture file (`dynamics365`, `salesforce`, …). */
  id: string;
  /** Name shown to people. */
  label: string;
  /** Manifest match patterns of its SaaS hosts; empty for self-hosted-only CRMs. */
  matches: string[];
  /**
   * Pure: the record a URL shows, or null for any other page (list, board, settings, new form…).
   * `raw` is the URL as written, for the rare tenant that keeps the case `URL` folds away.
   */
  parse(url: URL, raw?: string): DetectedRecord | null;
  /**
   * Pages that pass over a record without leaving it (a calling window): the UI keeps showing
   * the record it showed before instead of going away.
   */
  keepsPrevious?(url: URL): boolean;
  /** The record's title landmark, where the "Connect" button goes; floating when absent. */
  titleSelector?: string;
  /** Reads the record's display name from the page, or null while it has not rendered. */
  readName(doc: Document, record: DetectedRecord): string | null;
  /**
   * For CRMs whose address can run ahead of the page (sao shows a typed address only once it has
   * opened a tab for it, and never for a model it does not know): false while the page still
   * shows something else. The record already on screen stays when the address names it again.
   */
  showsAddress?(doc: Document, url: URL): boolean;
  /**
   * The URL alone does not prove the record is on screen (sao keeps the address of a record it
   * could not load): the record is shown only once its name is read from the page.
   */
  nameProvesRecord?: boolean;
  /**
   * For CRMs whose name is an editable form field: the form of the record on screen. Field values
   * change without DOM mutations, so the page is also looked at on a timer; and what the user
   * types into the form is a draft, not the record's name, until the page confirms a save
   * (`savedNotice`).
   */
  recordForm?(doc: Document): Element | null;
  /** Where the page confirms that the record on screen was saved (with `recordForm`). */
  savedNotice?: string;
  /**
   * What tells the record on screen from another when names may repeat (sao: the name with the
   * party's code), so that the previous record still on screen after a navigation is never
   * taken for the next one, and a next one of the same name is.
   */
  readFingerprint?(doc: Document, record: DetectedRecord): string | null;
  /** Reads the record type from the page where the URL could only guess it; null keeps the URL's. */
  readType?(doc: Document, record: DetectedRecord): string | null;
}

/** Text of the first element matching `selector`, trimmed, or null when absent or empty. */
export function textOf(doc: Document, selector: string): string | null {
  const text = doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}
