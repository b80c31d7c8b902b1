// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { freshsales } from './freshsales';
import { blankPage, itReadsNames } from './test-page';

const record = freshsales.parse(new URL('https://advancehydrautech.myfreshworks.com/crm/sales/deals/402001266362'))!;

describe('freshsales.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(freshsales, 'freshsales.html', record);
  it('keeps " : " inside a name', () => {
    expect(freshsales.readName(blankPage('Deal : Acme : Renewal 2025 : Freshsales'), record)).toBe(
      'Acme : Renewal 2025',
    );
  });
  it('returns null on a list title', () => {
    expect(freshsales.readName(blankPage('Deals : Freshsales'), record)).toBeNull();
  });
});
