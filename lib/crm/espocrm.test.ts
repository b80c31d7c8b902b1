// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { espocrm } from './espocrm';
import { fixturePage, itReadsNames } from './test-page';

const record = espocrm.parse(new URL('https://espo.example.com/#Account/view/64f1c2a9b3e7d5c22'))!;

describe('espocrm.readName', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(espocrm, 'espocrm.html', record);
  it('reads the name, not the "(N) " notification title or the list link', () => {
    expect(espocrm.readName(fixturePage('espocrm.html', 'Acme'), record)).toBe('Acme');
  });
  it('returns null while the header shows the id in place of an empty name', () => {
    expect(espocrm.readName(fixturePage('espocrm.html', '64f1c2a9b3e7d5c22'), record)).toBeNull();
  });
});
