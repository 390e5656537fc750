import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { chiSquareTest, gTest, powerDivergence } from '../../../src/core/stats/power-divergence.ts';
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import oracle from '../../fixtures/tests/power-divergence.json' with { type: 'json' };

/** Fixture numbers: non-finite values are stored as strings. */
function num(v: number | string | null | undefined): number {
  if (typeof v === 'number') return v;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  return Number.NaN;
}

function expectRel(actual: number, expected: number, rtol: number): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected) || expected === 0) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

const f64 = (a: readonly number[]) => Float64Array.from(a);

/** Counts of the union of categories, in first-seen order (as Evidently's key list). */
function unionCounts(ref: readonly (number | string)[], cur: readonly (number | string)[]) {
  const keys = [...new Set([...ref, ...cur])];
  const count = (xs: readonly (number | string)[], k: number | string) => xs.filter((x) => x === k).length;
  return { ref: f64(keys.map((k) => count(ref, k))), cur: f64(keys.map((k) => count(cur, k))) };
}

describe('chiSquareTest (Evidently chisquare)', () => {
  it.each(oracle.chisquare)('matches scipy 1.10.1: $name', (c) => {
    const r = chiSquareTest(f64(c.ref), f64(c.cur));
    expectRel(r.statistic, num(c.statistic), 1e-12);
    expectRel(r.pValue, num(c.pValue), 1e-10);
    expect(r.df).toBe(c.ref.length - 1);
    expect(Object.isFrozen(r)).toBe(true);
  });

  it('reproduces Evidently vectors 0 and 13 (score and decision, p < threshold)', () => {
    for (const idx of [0, 13]) {
      const v = vectors.vectors[idx]!;
      expect(v.stattest).toBe('chisquare');
      const { ref, cur } = unionCounts(v.reference, v.current);
      const r = chiSquareTest(ref, cur);
      expectRel(r.pValue, v.evidently_score, 1e-10);
      expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    }
    const v0 = vectors.vectors[0]!;
    const u = unionCounts(v0.reference, v0.current);
    expect(Math.abs(chiSquareTest(u.ref, u.cur).pValue - 0.67309)).toBeLessThanOrEqual(1e-5);
  });

  it('gives χ² = ∞ and p = 0 for a category missing from the reference', () => {
    const r = chiSquareTest(f64([5, 0]), f64([3, 2]));
    expect(r.statistic).toBe(Number.POSITIVE_INFINITY);
    expect(r.pValue).toBe(0);
  });

  it('returns NaN for a single category (scipy df = 0)', () => {
    const r = chiSquareTest(f64([4]), f64([9]));
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBeNaN();
    expect(r.undefinedReason).toBe('single-category');
  });

  it('rejects misaligned counts', () => {
    expect(() => chiSquareTest(f64([1, 2]), f64([1]))).toThrow(UsageError);
  });

  it('property: p ∈ [0, 1]; identical proportions → χ² = 0, p = 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 2, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 5 }),
        (ref, curRaw, mult) => {
          const cur = curRaw.slice(0, ref.length);
          const r = chiSquareTest(f64(ref), f64(cur));
          if (cur.some((v) => v > 0)) {
            expect(r.pValue).toBeGreaterThanOrEqual(0);
            expect(r.pValue).toBeLessThanOrEqual(1);
          }
          const same = chiSquareTest(f64(ref), f64(ref.map((v) => v * mult)));
          expect(same.statistic).toBeCloseTo(0, 9);
          expect(same.pValue).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});

describe('gTest (Evidently g_test)', () => {
  it.each(oracle.gTest)('matches scipy 1.10.1: $name', (c) => {
    const r = gTest(f64(c.ref), f64(c.cur), { expected: c.expected as 'raw' | 'rescaled' });
    if ('error' in c) {
      expect(r.pValue).toBeNaN();
      expect(r.undefinedReason).toBe('sums-differ');
      return;
    }
    expectRel(r.statistic, num(c.statistic), 1e-12);
    expectRel(r.pValue, num(c.pValue), 1e-10);
  });

  it('reproduces Evidently vector 5', () => {
    const v = vectors.vectors[5]!;
    expect(v.stattest).toBe('g_test');
    const { ref, cur } = unionCounts(v.reference, v.current);
    const r = gTest(ref, cur);
    expectRel(r.pValue, v.evidently_score, 1e-10);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.8176)).toBeLessThanOrEqual(1e-3);
  });

  it("raw expectation with different sample sizes is undefined (scipy raises), 'rescaled' is not", () => {
    const raw = gTest(f64([30, 70]), f64([45, 65]));
    expect(raw.pValue).toBeNaN();
    expect(raw.undefinedReason).toBe('sums-differ');
    expect(gTest(f64([30, 70]), f64([45, 65]), { expected: 'rescaled' }).pValue).toBeGreaterThan(0);
  });

  it('raw and rescaled agree when the sizes are equal', () => {
    const a = gTest(f64([5, 5, 8]), f64([4, 6, 8]));
    const b = gTest(f64([5, 5, 8]), f64([4, 6, 8]), { expected: 'rescaled' });
    expect(a.pValue).toBe(b.pValue);
  });

  it('rejects an unknown expected mode', () => {
    expect(() => gTest(f64([1]), f64([1]), { expected: 'x' as 'raw' })).toThrow(UsageError);
  });
});

describe('powerDivergence', () => {
  it.each(oracle.powerDivergence)('matches scipy 1.10.1 power_divergence: $name', (c) => {
    const r = powerDivergence(f64(c.obs), f64(c.exp), c.lambda as 'pearson' | 'log-likelihood' | number);
    expectRel(r.statistic, num(c.statistic), 1e-12);
    expectRel(r.pValue, num(c.pValue), 1e-10);
  });

  it('gives NaN for a category empty on both sides (0/0 term, as scipy)', () => {
    const r = powerDivergence(f64([0, 5, 5]), f64([0, 5, 5]));
    expect(r.pValue).toBeNaN();
    expect(r.undefinedReason).toBe('empty-category');
  });

  it('rejects a non-finite lambda', () => {
    expect(() => powerDivergence(f64([1, 2]), f64([2, 1]), Number.NaN)).toThrow(UsageError);
  });
});
