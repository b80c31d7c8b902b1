/**
 * Folds text for matching: Unicode compatibility form, no combining marks, lower case, runs of
 * white space collapsed. "Zoë  Ångström" and "zoe angstrom" fold to the same string.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
