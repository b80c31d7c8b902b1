const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Salesforce ids: 15 case-sensitive or 18 case-safe characters, not starting `000`, with a digit. */
export function isSalesforceId(s: string): boolean {
  return /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/.test(s) && !s.startsWith('000') && /\d/.test(s);
}

/**
 * The 18-character case-safe form of a 15-character id: for each 5-character chunk, a bit per
 * upper-case letter (first character = lowest bit) indexes `A-Z0-5`. An 18-character id is
 * returned as it is. https://www.gammone.com/en/programming/how-to-convert-salesforce-id-from-15-to-18-chars
 */
export function toCaseSafeId(id: string): string {
  if (id.length === 18) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id[chunk * 5 + i]!;
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += ALPHABET[bits];
  }
  return id + suffix;
}

/**
 * Key prefixes of standard objects, identical in every org (custom objects' prefixes are
 * org-specific). Sources: brcline.com standard object id prefixes; regardie.dev post-1582.
 */
export const KEY_PREFIXES: Record<string, string> = {
  '001': 'Account',
  '003': 'Contact',
  '005': 'User',
  '006': 'Opportunity',
  '00Q': 'Lead',
  '00T': 'Task',
  '00U': 'Event',
  '500': 'Case',
  '701': 'Campaign',
  '800': 'Contract',
  '801': 'Order',
  '0Q0': 'Quote',
  '01t': 'Product2',
  '02i': 'Asset',
  '00G': 'Group',
  '00O': 'Report',
  '01Z': 'Dashboard',
  '069': 'ContentDocument',
  '02s': 'EmailMessage',
  '00D': 'Organization',
  '0PS': 'PermissionSet',
};
