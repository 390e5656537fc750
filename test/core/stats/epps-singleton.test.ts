import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { eppsSingleton2Samp, symmetricEigen } from '../../../src/core/stats/epps-singleton.ts';
import oracle from '../../fixtures/tests/epps-singleton.json' with { type: 'json' };
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { sorted } from '../../fixtures/tests/generate-sample.ts';

function expectRel(actual: number, expected: number, rtol: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

describe('eppsSingleton2Samp (Evidently es = scipy epps_singleton_2samp)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const r = eppsSingleton2Samp(sorted(c.x), sorted(c.y));
    if ('error' in c) {
      expect(r.pValue).toBeNaN();
      expect(r.undefinedReason).toBe(c.name === 'zero IQR' ? 'zero-iqr' : 'too-few-observations');
      return;
    }
    // scipy's own value moves by ~1e-12 between BLAS/LAPACK builds (pinv of a 4×4 covariance)
    expectRel(r.statistic, c.statistic as number, 1e-9);
    expectRel(r.pValue, c.pValue as number, 1e-9);
  });

  it('reproduces Evidently vector 8', () => {
    const v = vectors.vectors[8]!;
    expect(v.stattest).toBe('es');
    const r = eppsSingleton2Samp(sorted(v.reference as number[]), sorted(v.current as number[]));
    expectRel(r.pValue, v.evidently_score, 1e-9);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(r.df).toBe(4);
  });

  it('symmetricEigen reconstructs A = V Λ Vᵀ with orthonormal V', () => {
    const a = Float64Array.of(4, 1, 0.5, 0.2, 1, 3, 0.1, 0.4, 0.5, 0.1, 2, 0.3, 0.2, 0.4, 0.3, 1);
    const { values, vectors: v } = symmetricEigen(a, 4);
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        let s = 0;
        let dot = 0;
        for (let k = 0; k < 4; k++) {
          s += v[r * 4 + k]! * values[k]! * v[c * 4 + k]!;
          dot += v[k * 4 + r]! * v[k * 4 + c]!;
        }
        expect(s).toBeCloseTo(a[r * 4 + c]!, 13);
        expect(dot).toBeCloseTo(r === c ? 1 : 0, 13);
      }
    }
  });

  it('rejects bad t', () => {
    const x = Float64Array.of(1, 2, 3, 4, 5);
    expect(() => eppsSingleton2Samp(x, x, { t: [0.4, -1] })).toThrow(UsageError);
    expect(() => eppsSingleton2Samp(x, x, { t: [] })).toThrow(UsageError);
  });

  it('property: p ∈ [0, 1] or NaN for degenerate data, symmetric in the samples', () => {
    const sample = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 5, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = sorted(a);
        const y = sorted(b);
        const r = eppsSingleton2Samp(x, y);
        if (Number.isNaN(r.pValue)) return;
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        const s = eppsSingleton2Samp(y, x);
        if (r.df === 4 && s.df === 4 && r.statistic < 1e6) expect(s.statistic).toBeCloseTo(r.statistic, 4);
      }),
      { numRuns: 80 },
    );
  });
});
