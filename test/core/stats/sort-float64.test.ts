import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  argsortFloat64,
  createSortScratch,
  RADIX_MIN,
  RADIX16_MIN,
  sortFiniteWithOrder,
  sortFloat64,
} from '../../../src/core/stats/sort-float64.ts';
import { sortedFinite } from '../../../src/core/stats/sorted.ts';

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

describe('sortFiniteWithOrder', () => {
  /** First index where two arrays differ (bitwise for doubles: −0 and +0 differ), or −1. */
  const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    if (a.length !== b.length) return Math.min(a.length, b.length);
    for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return k;
    return -1;
  };
  const check = (v: Float64Array) => {
    const { sorted, order, negativeZero } = sortFiniteWithOrder(v);
    // The values: bit-identical to sortedFinite (−0 before +0, NaN and ±Infinity left out).
    expect(firstDifference(sorted, sortedFinite(v))).toBe(-1);
    // The rows: the finite rows, stable by the values' bits (−0 before +0, ties in row order).
    const finite = [...v.keys()].filter((i) => Number.isFinite(v[i]!));
    const negZero = (i: number) => (Object.is(v[i], -0) ? 0 : 1);
    const expected = finite.sort((a, b) =>
      v[a]! < v[b]! ? -1 : v[a]! > v[b]! ? 1 : negZero(a) - negZero(b) || a - b,
    );
    expect(firstDifference(order, expected)).toBe(-1);
    expect(
      firstDifference(
        Float64Array.from(order, (row) => v[row]!),
        sorted,
      ),
    ).toBe(-1);
    expect(negativeZero).toBe(v.some((x) => Object.is(x, -0)));
  };
  const cell = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, 1, -1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  );
  it('sorts the finite values with their rows, small arrays (comparator path)', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 300 }), (xs) => check(Float64Array.from(xs))),
      { numRuns: 200 },
    );
  });
  it('sorts the finite values with their rows, large arrays (radix path)', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 2048, maxLength: 6000 }), (xs) => check(Float64Array.from(xs))),
      { numRuns: 5 },
    );
  });
  it('matches argsortFloat64 when no −0 occurs, with many ties', () => {
    const v = Float64Array.from({ length: 50_000 }, (_, i) => ((i * 7919) % 101) / 4 - 3);
    const r = sortFiniteWithOrder(v);
    expect(r.negativeZero).toBe(false);
    expect([...r.order]).toEqual([...argsortFloat64(v)]);
  });
  it('gives the same result with a reused scratch, whose buffers never leak into a result', () => {
    const scratch = createSortScratch();
    const columns = [5000, 70_000, 3000, 70_000, 2047].map((n, k) =>
      Float64Array.from({ length: n }, (_, i) => (k % 2 ? Number.NaN : 0) + Math.sin(i * (k + 1)) * 100),
    );
    columns[1]![7] = 1; // one finite value in an all-NaN column
    const results = columns.map((v) => sortFiniteWithOrder(v, scratch));
    columns.forEach((v, k) => {
      const fresh = sortFiniteWithOrder(v);
      expect([...results[k]!.order]).toEqual([...fresh.order]);
      expect([...results[k]!.sorted]).toEqual([...fresh.sorted]);
      for (const b of scratch.buffers) expect(results[k]!.order.buffer).not.toBe(b.buffer);
    });
  });
  it('sorts long columns of few distinct values (counting path) like the radix path', () => {
    // Few distinct values, −0 and +0, NaN and ±Infinity mixed in, in a scrambled row order.
    const pool = [0, -0, 1, -1, 0.5, 1e-300, -2.5, 7, Number.NaN, Number.POSITIVE_INFINITY, -Infinity];
    const few = Float64Array.from({ length: 70_001 }, (_, i) => pool[(i * 7919) % pool.length]!);
    check(few);
    // 4097 distinct values (one more than the counting path takes), and exactly 4096.
    for (const distinct of [4097, 4096]) {
      check(Float64Array.from({ length: 70_000 }, (_, i) => ((i * 104_729) % distinct) / 8 - 100));
    }
  });
  it('handles empty, all-missing and constant columns', () => {
    expect(sortFiniteWithOrder(new Float64Array(0)).order.length).toBe(0);
    const missing = sortFiniteWithOrder(new Float64Array(5000).fill(Number.NaN));
    expect([missing.sorted.length, missing.order.length]).toEqual([0, 0]);
    for (const n of [5000, 70_000]) {
      const flat = sortFiniteWithOrder(new Float64Array(n).fill(2));
      expect([...flat.order]).toEqual([...Array(n).keys()]);
      expect(flat.sorted.every((x) => x === 2)).toBe(true);
      expect(sortFiniteWithOrder(new Float64Array(n).fill(Number.NaN)).order.length).toBe(0);
    }
  });
});
