import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andersonKSamp } from '../../../src/core/stats/anderson-ksamp.ts';
import oracle from '../../fixtures/tests/anderson-ksamp.json' with { type: 'json' };
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { lcgSample, sorted, sortedInputs } from '../../fixtures/tests/generate-sample.ts';

function expectRel(actual: number, expected: number, rtol: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

type Case = (typeof oracle.cases)[number];
const inputs = (c: Case) => sortedInputs(c);

describe('andersonKSamp (Evidently anderson = scipy anderson_ksamp, midrank)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const [x, y] = inputs(c);
    const r = andersonKSamp(x, y);
    if ('error' in c || typeof c.statistic !== 'number') {
      expect(r.statistic).toBeNaN();
      expect(r.pValue).toBeNaN();
      expect(r.undefinedReason).toBeDefined();
      return;
    }
    expectRel(r.statistic, c.statistic, 1e-11);
    expectRel(r.pValue, c.pValue as number, 1e-11);
    expect(r.criticalValues).toEqual(c.criticalValues);
  });

  it('reproduces Evidently vector 3 (significance_level)', () => {
    const v = vectors.vectors[3]!;
    expect(v.stattest).toBe('anderson');
    const r = andersonKSamp(sorted(v.reference as number[]), sorted(v.current as number[]));
    expectRel(r.pValue, v.evidently_score, 1e-11);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.0635)).toBeLessThanOrEqual(1e-3);
  });

  it('caps the p-value to [0.001, 0.25] and says so', () => {
    const same = andersonKSamp(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(1, 2, 3, 4, 5));
    expect(same.pValue).toBe(0.25);
    expect(same.pValueClipped).toBe(true);
    const far = andersonKSamp(
      Float64Array.from({ length: 50 }, (_, i) => i),
      Float64Array.from({ length: 50 }, (_, i) => 100 + i),
    );
    expect(far.pValue).toBe(0.001);
    expect(far.pValueClipped).toBe(true);
  });

  it('handles 100k vs 100k sorted samples (speed: see npm run bench)', () => {
    const x = sorted(lcgSample({ n: 100_000, seed: 5 }));
    const y = sorted(lcgSample({ n: 100_000, seed: 6, shift: 0.01 }));
    andersonKSamp(x, y);
    andersonKSamp(x, y);
  });

  it('property: p ∈ [0.001, 0.25], symmetric in the samples, identical samples → p = 0.25', () => {
    const sample = fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 2, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = sorted(a);
        const y = sorted(b);
        const r = andersonKSamp(x, y);
        if (Number.isNaN(r.pValue)) {
          expect(new Set([...a, ...b]).size).toBe(1);
          return;
        }
        expect(r.pValue).toBeGreaterThanOrEqual(0.001);
        expect(r.pValue).toBeLessThanOrEqual(0.25);
        const s = andersonKSamp(y, x);
        expect(s.statistic).toBeCloseTo(r.statistic, 10);
        if (new Set(a).size > 1) expect(andersonKSamp(x, sorted(a)).pValue).toBe(0.25);
      }),
    );
  });
});
