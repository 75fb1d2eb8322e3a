// @vitest-environment node
// sameSet is set equality: for every pair of lists it agrees with comparing their sets both ways.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameSet } from '../../lib/domain/sets';

const values = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 });

describe('sameSet', () => {
  it('says true exactly when every value of each list is in the other', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const model = a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
        expect(sameSet(a, b)).toBe(model);
        expect(sameSet(b, a)).toBe(model);
      }),
    );
  });

  it('ignores order and repeats', () => {
    expect(sameSet(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSet(['a', 'a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameSet(['a', 'b'], ['a', 'a'])).toBe(false);
    expect(sameSet([], [])).toBe(true);
  });
});
