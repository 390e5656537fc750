import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { zTest } from '../../../src/core/stats/z-test.ts';
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import oracle from '../../fixtures/tests/z-test.json' with { type: 'json' };

const f64 = (a: readonly number[]) => Float64Array.from(a);

function expectRel(actual: number, expected: number, rtol: number): void {
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

describe('zTest (Evidently z)', () => {
  it.each(oracle.cases)('matches Evidently formula + scipy 1.10.1 norm: $name', (c) => {
    const r = zTest(f64(c.ref), f64(c.cur), { alternative: c.alternative as 'two-sided' });
    if (c.statistic === null) {
      expect(r.statistic).toBeNaN();
      expect(r.pValue).toBe(1);
      return;
    }
    expectRel(r.statistic, c.statistic, 1e-14);
    expectRel(r.pValue, c.pValue, 1e-12);
    // Evidently's own 2·(1 − Φ(|z|)) differs only by cancellation: same decision, close value unless tiny
    if (c.pValueEvidently > 1e-6) expectRel(r.pValue, c.pValueEvidently, 1e-9);
  });

  it('reproduces Evidently vector 12 (keys sorted, first key → 0)', () => {
    const v = vectors.vectors[12]!;
    expect(v.stattest).toBe('z');
    const keys = [...new Set([...v.reference, ...v.current])].sort();
    const count = (xs: readonly (string | number)[], k: string | number) => xs.filter((x) => x === k).length;
    const r = zTest(f64(keys.map((k) => count(v.reference, k))), f64(keys.map((k) => count(v.current, k))));
    expectRel(r.pValue, v.evidently_score, 1e-12);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.66)).toBeLessThanOrEqual(0.01);
  });

  it('keeps an accurate far tail where Evidently underflows to 0', () => {
    const far = oracle.cases.find((c) => c.name === 'far tail')!;
    expect(far.pValueEvidently).toBe(0);
    const r = zTest(f64(far.ref), f64(far.cur));
    expect(r.pValue).toBeGreaterThan(0);
    expectRel(r.pValue, far.pValue, 1e-12);
  });

  it('gives p = 1 when both samples hold the same single category', () => {
    expect(zTest(f64([0, 5, 0]), f64([0, 9, 0])).pValue).toBe(1);
    expect(zTest(f64([5]), f64([2])).pValue).toBe(1);
  });

  it('rejects empty samples and misaligned counts', () => {
    expect(() => zTest(f64([0, 0]), f64([1, 2]))).toThrow(UsageError);
    expect(() => zTest(f64([1, 2]), f64([1]))).toThrow(UsageError);
    expect(() => zTest(f64([1, 2]), f64([1, 2]), { alternative: 'up' as 'less' })).toThrow(UsageError);
  });

  it('property: p ∈ [0, 1], symmetric in the two samples, identical proportions → p = 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (a0, a1, b0, b1) => {
          const r = zTest(f64([a0, a1]), f64([b0, b1]));
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
          const s = zTest(f64([b0, b1]), f64([a0, a1]));
          expect(s.pValue).toBeCloseTo(r.pValue, 12);
          expect(zTest(f64([a0, a1]), f64([a0 * 3, a1 * 3])).pValue).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});
