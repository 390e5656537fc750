import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { numpySum, tTest } from '../../../src/core/stats/t-test.ts';
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { lcgSample } from '../../fixtures/tests/generate-sample.ts';
import oracle from '../../fixtures/tests/t-test.json' with { type: 'json' };

function num(v: number | string): number {
  return typeof v === 'number' ? v : Number.NaN;
}

function expectRel(actual: number, expected: number, rtol: number): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

type Case = (typeof oracle.cases)[number];
function inputs(c: Case): [Float64Array, Float64Array] {
  const x = c.x ? Float64Array.from(c.x) : lcgSample(c.xGen!);
  const y = c.y ? Float64Array.from(c.y) : lcgSample(c.yGen!);
  return [x, y];
}

describe('tTest (Evidently t_test = scipy ttest_ind, equal_var)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const [x, y] = inputs(c);
    const r = tTest(x, y, { alternative: c.alternative as 'two-sided' });
    // numpy 1.24's summation order is reproduced, so even the ill-conditioned 'large offset' case (means
    // ≈ 1e6 differing by 1e-4) matches to the last bits
    expectRel(r.statistic, num(c.statistic), 1e-13);
    expectRel(r.pValue, num(c.pValue), 1e-10);
  });

  it.each(oracle.numpySum)('numpySum is bit-identical to numpy 1.24 np.sum (n = $gen.n)', (c) => {
    expect(numpySum(lcgSample(c.gen))).toBe(c.sum);
  });

  it('reproduces Evidently vector 4', () => {
    const v = vectors.vectors[4]!;
    expect(v.stattest).toBe('t_test');
    const r = tTest(Float64Array.from(v.reference as number[]), Float64Array.from(v.current as number[]));
    expectRel(r.pValue, v.evidently_score, 1e-10);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.084)).toBeLessThanOrEqual(1e-3);
  });

  it('handles degenerate samples like scipy: NaN for 0/0, 0 for zero variance with different means', () => {
    expect(tTest(Float64Array.of(1, 1), Float64Array.of(1, 1)).pValue).toBeNaN();
    const inf = tTest(Float64Array.of(1, 1), Float64Array.of(2, 2));
    expect(inf.statistic).toBe(Number.NEGATIVE_INFINITY);
    expect(inf.pValue).toBe(0);
    expect(tTest(Float64Array.of(1, 1), Float64Array.of(2, 2), { alternative: 'greater' }).pValue).toBe(1);
    expect(tTest(new Float64Array(0), Float64Array.of(1, 2)).pValue).toBeNaN();
    expect(() => tTest(Float64Array.of(1, 2), Float64Array.of(1, 2), { alternative: 'x' as 'less' })).toThrow(
      UsageError,
    );
  });

  it('property: p ∈ [0, 1], two-sided p symmetric in the samples, identical samples → p = 1', () => {
    const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = Float64Array.from(a);
        const y = Float64Array.from(b);
        const r = tTest(x, y);
        if (!Number.isNaN(r.pValue)) {
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
          expect(tTest(y, x).pValue).toBeCloseTo(r.pValue, 12);
        }
        const same = tTest(x, Float64Array.from(a));
        if (!Number.isNaN(same.pValue)) expect(same.pValue).toBe(1);
      }),
    );
  });
});
