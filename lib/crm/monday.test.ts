// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { monday } from './monday';
import { blankPage, fixturePage, itReadsNames } from './test-page';

const record = monday.parse(new URL('https://nyu-lib.monday.com/boards/765008773/pulses/3073776565/posts/1676502313'))!;

describe('monday.readName and readType', () => {
  it('parses the example record', () => expect(record).not.toBeNull());
  itReadsNames(monday, 'monday.html', record);
  it('reads the board name as the type', () => {
    expect(monday.readType!(fixturePage('monday.html', 'Acme'), record)).toBe('Contacts');
  });
  it('falls back to the "Board - Item" title', () => {
    const doc = blankPage('Deals - Acme renewal');
    expect(monday.readName(doc, record)).toBe('Acme renewal');
    expect(monday.readType!(doc, record)).toBe('Deals');
  });
  it('returns no type before the board renders', () => {
    expect(monday.readType!(blankPage(), record)).toBeNull();
  });
});
