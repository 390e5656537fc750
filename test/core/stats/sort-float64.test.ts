import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortFloat64, RADIX_MIN, RADIX16_MIN, sortFloat64 } from '../../../src/core/stats/sort-float64.ts';

describe('sortFloat64 (radix sort on IEEE-754 bits)', () => {
  it('sorts like the built-in sort for large arrays of any finite doubles, infinities included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: RADIX_MIN, maxLength: RADIX_MIN + 5000 }),
        (xs) => {
          const a = Float64Array.from(xs);
          const expected = Float64Array.from(xs).sort();
          const actual = sortFloat64(a);
          // −0 and +0 compare equal; the radix sort puts −0 first, the built-in sort keeps input order.
          expect([...actual].map((v) => (v === 0 ? 0 : v))).toEqual(
            [...expected].map((v) => (v === 0 ? 0 : v)),
          );
        },
      ),
      { numRuns: 3 },
    );
  });
  it('sorts with 16-bit digits above RADIX16_MIN too', () => {
    const xs = Array.from({ length: RADIX16_MIN + 7 }, (_, i) => Math.sin(i) * 10 ** ((i % 40) - 20));
    const actual = sortFloat64(Float64Array.from(xs));
    expect([...actual]).toEqual([...Float64Array.from(xs).sort()]);
  });
  it('handles many ties, negatives and tiny/huge magnitudes', () => {
    const xs = Array.from(
      { length: RADIX_MIN + 1 },
      (_, i) => [(i % 7) - 3, 1e-300 * (i % 5), -1e300, 5e-324, -5e-324][i % 5]!,
    );
    const a = Float64Array.from(xs);
    expect([...sortFloat64(a)]).toEqual([...Float64Array.from(xs).sort()].map((v) => v));
  });
  it('leaves short arrays to the built-in sort', () => {
    expect([...sortFloat64(Float64Array.from([3, -1, 2]))]).toEqual([-1, 2, 3]);
  });
});

describe('argsortFloat64', () => {
  it('gives a stable ascending permutation (ties in input order, −0 tied with +0)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1)), { maxLength: 300 }),
        (xs) => {
          const v = Float64Array.from(xs);
          const order = [...argsortFloat64(v)];
          const expected = xs
            .map((_, i) => i)
            .sort((a, b) => (v[a]! < v[b]! ? -1 : v[a]! > v[b]! ? 1 : a - b));
          expect(order).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
