// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { blankPage, itReadsNames } from './test-page';
import { twenty } from './twenty';

const record = twenty.parse(new URL('https://acme.twenty.com/object/person/20202020-0687-4c41-b707-ed1bfca972a7'))!;

describe('twenty.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(twenty, 'twenty.html', record);
  it('cuts only the last " - {label}"', () => {
    expect(twenty.readName(blankPage('Smith - Jones - Person'), record)).toBe('Smith - Jones');
  });
  it('returns null on the app title', () => {
    expect(twenty.readName(blankPage('Twenty'), record)).toBeNull();
  });
});
