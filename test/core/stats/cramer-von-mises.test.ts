import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import {
  besselKQuarterScaled,
  cramerVonMises2Samp,
  cvmLimitingCdf,
} from '../../../src/core/stats/cramer-von-mises.ts';
import oracle from '../../fixtures/tests/cramer-von-mises.json' with { type: 'json' };
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { lcgSample, sorted, sortedInputs } from '../../fixtures/tests/generate-sample.ts';

function expectRel(actual: number, expected: number, rtol: number): void {
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

type Case = (typeof oracle.cases)[number];
const inputs = (c: Case) => sortedInputs(c);

describe('cramerVonMises2Samp (Evidently cramer_von_mises)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1 cramervonmises_2samp (Evidently’s copy): $name', (c) => {
    const [x, y] = inputs(c);
    const r = cramerVonMises2Samp(x, y, { method: c.method as 'auto' });
    expectRel(r.statistic, c.statistic, 1e-13);
    // the asymptotic p-value is 1 − cdf (as in Evidently/scipy): it carries an absolute error of a few 1e-16
    // from the series, so far-tail values can only agree to ~1e-15 absolute
    expect(Math.abs(r.pValue - c.pValue)).toBeLessThanOrEqual(1e-10 * Math.abs(c.pValue) + 5e-15);
  });

  it('reproduces Evidently vector 6 (p <= threshold)', () => {
    const v = vectors.vectors[6]!;
    expect(v.stattest).toBe('cramer_von_mises');
    const r = cramerVonMises2Samp(sorted(v.reference as number[]), sorted(v.current as number[]));
    expectRel(r.pValue, v.evidently_score, 1e-10);
    expect(r.pValue <= v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.8076839)).toBeLessThanOrEqual(1e-3);
  });

  it('K_{1/4} matches scipy kv(0.25, x)·eˣ (AMOS) to ~1e-13', () => {
    for (const { x, value } of oracle.besselKQuarter) {
      if (value === 0) continue; // scipy underflows; the scaled form does not
      expectRel(besselKQuarterScaled(x) * Math.exp(-x), value, 2e-13);
    }
    expect(besselKQuarterScaled(0)).toBe(Number.POSITIVE_INFINITY);
    expect(besselKQuarterScaled(Number.POSITIVE_INFINITY)).toBe(0);
  });

  it('limiting cdf is increasing from 0 to 1', () => {
    let prev = 0;
    for (const x of [0.003, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 3]) {
      const v = cvmLimitingCdf(x);
      expect(v).toBeGreaterThanOrEqual(prev);
      prev = v;
    }
    expect(prev).toBeGreaterThan(0.9999);
  });

  it('exact p-values for the largest exact sizes stay fast (19 vs 20, 20 vs 20)', () => {
    const r = cramerVonMises2Samp(
      sorted(Array.from({ length: 19 }, (_, i) => i * 1.1)),
      sorted(Array.from({ length: 20 }, (_, i) => i + 0.3)),
    );
    cramerVonMises2Samp(
      sorted(Array.from({ length: 20 }, (_, i) => i * 1.1)),
      sorted(Array.from({ length: 20 }, (_, i) => i + 0.3)),
    );
    expect(r.method).toBe('exact');
  });

  it('handles 100k vs 100k sorted samples (speed: see npm run bench)', () => {
    const x = sorted(lcgSample({ n: 100_000, seed: 5 }));
    const y = sorted(lcgSample({ n: 100_000, seed: 6, shift: 0.01 }));
    cramerVonMises2Samp(x, y);
    cramerVonMises2Samp(x, y);
  });

  it('returns NaN with fewer than 2 observations (Evidently raises) and rejects unknown methods', () => {
    expect(cramerVonMises2Samp(Float64Array.of(1), Float64Array.of(1, 2)).pValue).toBeNaN();
    expect(() =>
      cramerVonMises2Samp(Float64Array.of(1, 2), Float64Array.of(1, 2), { method: 'x' as 'exact' }),
    ).toThrow(UsageError);
  });

  it('property: p ∈ [0, 1], symmetric in the samples, identical samples → p = 1', () => {
    const sample = fc.array(fc.integer({ min: -15, max: 15 }), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = sorted(a);
        const y = sorted(b);
        const r = cramerVonMises2Samp(x, y);
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        const s = cramerVonMises2Samp(y, x);
        expect(s.statistic).toBeCloseTo(r.statistic, 12);
        expect(s.pValue).toBeCloseTo(r.pValue, 12);
        expect(cramerVonMises2Samp(x, sorted(a)).pValue).toBe(1);
      }),
      { numRuns: 60 },
    );
  });
});
