import { describe, expect, it } from 'vitest';
import { fairnessMetrics, flipTest } from '../../../src/core/fairness/index.ts';

/*
 * One feature, rows 0–3 in group "a" and rows 4–7 in group "d":
 *   a: x = 0, 1, 10, 11      predicted 0, 0, 1, 1
 *   d: x = 0.4, 10.2, 0.6, 9 predicted 1, 1, 1, 0
 * Each side has ≤ 9 rows, so k = 1.
 * Facet d (k-NN fitted on a): 0.4 → 0 (ŷ 0), model 1: FS⁺; 10.2 → 10 (1) = model; 0.6 → 1 (0), model 1: FS⁺;
 *   9 → 10 (1), model 0: FS⁻.  FT_d = (2 − 1)/4 = 1/4.
 * Facet a (k-NN fitted on d): 0 → 0.4 (1), model 0: FS⁻; 1 → 0.6 (1), model 0: FS⁻; 10 → 10.2 (1) = model;
 *   11 → 10.2 (1) = model.  FT_a = (0 − 2)/4 = −1/2.
 */
const X = Float64Array.from([0, 1, 10, 11, 0.4, 10.2, 0.6, 9]);
const PRED = Uint8Array.from([0, 0, 1, 1, 1, 1, 1, 0]);
const CODES = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);

describe('flipTest', () => {
  it('hand-computed 1-NN case, both facets', () => {
    const d = flipTest([X], Uint32Array.from([4, 5, 6, 7]), Uint32Array.from([0, 1, 2, 3]), PRED);
    expect(d).toEqual({
      value: 1 / 4,
      skipped: null,
      neighbours: 1,
      flippedToPositive: 2,
      flippedToNegative: 1,
    });
    const a = flipTest([X], Uint32Array.from([0, 1, 2, 3]), Uint32Array.from([4, 5, 6, 7]), PRED);
    expect(a.value).toBe(-1 / 2);
    const r = fairnessMetrics({ groupCodes: CODES, groups: ['a', 'd'], prediction: PRED, features: [X] });
    expect(r.groups[0]!.clarify.ft).toBe(-1 / 2);
    expect(r.groups[1]!.clarify.ft).toBe(1 / 4);
  });

  /*
   * k = 5 (a has 10 rows): a at x = 0..9 with ŷ = 1 for x ≤ 2, else 0. d row at x = 1.2 has nearest
   * 1, 2, 0, 3, 4 (ŷ 1, 1, 1, 0, 0): 3 of 5 positive → k-NN 1; the model says 0 → FS⁻, FT = −1.
   * d row at x = 2.6: nearest 3, 2, 4, 1, 5 → 2 of 5 → 0; model 1 → FS⁺.
   */
  it('five neighbours with a majority vote', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1.2, 2.6]);
    const pred = Uint8Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    const rest = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(flipTest([x], Uint32Array.from([10]), rest, pred)).toMatchObject({ value: -1, neighbours: 5 });
    expect(flipTest([x], Uint32Array.from([11]), rest, pred)).toMatchObject({ value: 1, neighbours: 5 });
    expect(flipTest([x], Uint32Array.from([10, 11]), rest, pred).value).toBe(0);
  });

  it('uses Euclidean distance over several features', () => {
    // d at (0, 0): a rows (3, 0) ŷ 1 at distance 3 and (2, 2) ŷ 0 at distance √8 < 3 → k-NN 0, model 1 → FS⁺.
    const f1 = Float64Array.from([3, 2, 0]);
    const f2 = Float64Array.from([0, 2, 0]);
    const pred = Uint8Array.from([1, 0, 1]);
    expect(flipTest([f1, f2], Uint32Array.from([2]), Uint32Array.from([0, 1]), pred).value).toBe(1);
  });

  it('breaks distance ties by the lower row index', () => {
    // d at x = 1 is 1 away from row 0 (ŷ 1) and row 1 (ŷ 0): row 0 wins → k-NN 1, model 0 → FS⁻.
    const x = Float64Array.from([0, 2, 1]);
    const pred = Uint8Array.from([1, 0, 0]);
    expect(flipTest([x], Uint32Array.from([2]), Uint32Array.from([0, 1]), pred).value).toBe(-1);
  });

  it('skips with a reason', () => {
    const d = Uint32Array.from([4, 5, 6, 7]);
    const a = Uint32Array.from([0, 1, 2, 3]);
    expect(flipTest([], d, a, PRED).skipped).toBe('noFeatures');
    expect(flipTest([X], new Uint32Array(0), a, PRED).skipped).toBe('emptyFacet');
    expect(flipTest([X], d, new Uint32Array(0), PRED).skipped).toBe('emptyRest');
    expect(flipTest([X], d, a, PRED, 15)).toEqual({
      value: null,
      skipped: 'tooManyPairs',
      neighbours: 0,
      flippedToPositive: 0,
      flippedToNegative: 0,
    });
    const withNaN = Float64Array.from(X);
    withNaN[2] = Number.NaN;
    expect(flipTest([withNaN], d, a, PRED).skipped).toBe('nonFiniteFeature');
    const r = fairnessMetrics(
      { groupCodes: CODES, groups: ['a', 'd'], prediction: PRED, features: [X] },
      { flipTestMaxPairs: 15 },
    );
    expect(r.groups[0]!.clarify).toMatchObject({ ft: null, ftSkipped: 'tooManyPairs' });
  });
});
