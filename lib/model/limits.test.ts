import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipText } from './limits';

describe('clipText', () => {
  it('never splits a character in two, and keeps what fits', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 0, max: 45 }), (s, max) => {
        const cut = clipText(s, max);
        expect(cut.isWellFormed()).toBe(true);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(s.toWellFormed().startsWith(cut)).toBe(true);
        // At most the one unit of a pair that would not fit is left out.
        expect(cut.length).toBeGreaterThanOrEqual(Math.min(max, s.length) - 1);
      }),
      { seed: 1302, numRuns: 2_000 },
    );
  });

  it('shows a broken character as U+FFFD and keeps a whole pair at the limit', () => {
    expect(clipText('a\ud800b', 10)).toBe('a\ufffdb');
    expect(clipText('ab😀', 3)).toBe('ab');
    expect(clipText('ab😀', 4)).toBe('ab😀');
  });
});
