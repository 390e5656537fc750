import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { empiricalMmdTest, medianHeuristicSigma } from '../../../src/core/stats/empirical-mmd.ts';
import oracle from '../../fixtures/tests/empirical-mmd.json' with { type: 'json' };

const se = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

describe('empiricalMmdTest (Evidently empirical_mmd, approximate p-value by design)', () => {
  it.each(oracle.cases)(
    'statistic and sigma match the numpy evaluation of Evidently’s formulas: $name',
    (c) => {
      const x = Float64Array.from(c.x);
      const y = Float64Array.from(c.y);
      const r = empiricalMmdTest(x, y);
      expect(r.sigma).toBe(c.sigma);
      // MMD is a difference of O(1) kernel sums: compare relative to the sums' scale
      expect(Math.abs(r.statistic - c.statistic)).toBeLessThanOrEqual(1e-13);
      expect(r.permutations).toBe(100);
      // p-value with 100 permutations vs a 2000-permutation numpy estimate: ±4 combined SE (+1/100 granularity)
      const p = c.pValueReference;
      const band = 4 * Math.sqrt(se(p, 100) ** 2 + se(p, c.referencePermutations) ** 2) + 0.011;
      expect(Math.abs(r.pValue - p)).toBeLessThanOrEqual(band);
    },
  );

  it('uses the on-the-fly kernel above 2048 pooled values with the same result', () => {
    const x = Float64Array.from({ length: 1100 }, (_, i) => Math.sin(i) * 2);
    const y = Float64Array.from({ length: 1000 }, (_, i) => Math.cos(i * 1.3) * 2 + 0.1);
    const r = empiricalMmdTest(x, y, { permutations: 3 });
    expect(Number.isFinite(r.statistic)).toBe(true);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
  });

  it('median heuristic: numpy "nearest" on n² distances; zero median → √½', () => {
    expect(medianHeuristicSigma(Float64Array.of(1, 1, 1))).toBe(Math.sqrt(0.5));
    // x = [0, 1]: distances {0, 1, 1, 0}, index around(1.5) = 2 → 1 → σ = √0.5
    expect(medianHeuristicSigma(Float64Array.of(0, 1))).toBe(Math.sqrt(0.5));
    // x = [0, 1, 3]: 9 distances sorted 0,0,0,1,1,4,4,9,9 → index 4 → 1
    expect(medianHeuristicSigma(Float64Array.of(0, 1, 3))).toBe(Math.sqrt(0.5));
    expect(medianHeuristicSigma(Float64Array.of(0, 2, 6))).toBe(Math.sqrt(0.5 * 4));
    // > 2^20 equal distances: the radix selection resolves all 64 bits without collecting them
    expect(medianHeuristicSigma(new Float64Array(1100).fill(3))).toBe(Math.sqrt(0.5));
    // large sample: agrees with sorting all n² distances
    const x = Float64Array.from({ length: 1050 }, (_, i) => Math.sin(i * 0.7) * 3);
    const all = new Float64Array(x.length * x.length);
    for (let i = 0; i < x.length; i++) {
      for (let j = 0; j < x.length; j++)
        all[i * x.length + j] = x[j]! * x[j]! - 2 * (x[i]! * x[j]!) + x[i]! * x[i]!;
    }
    all.sort();
    const idx = (all.length - 1) / 2; // n even → n² − 1 odd → x.5 → round half to even
    const k = Math.floor(idx) % 2 === 0 ? Math.floor(idx) : Math.ceil(idx);
    expect(medianHeuristicSigma(x)).toBe(Math.sqrt(0.5 * all[k]!));
  });

  it('returns NaN when a sample has fewer than 2 values, rejects bad options', () => {
    expect(empiricalMmdTest(Float64Array.of(1), Float64Array.of(1, 2)).pValue).toBeNaN();
    expect(() => empiricalMmdTest(Float64Array.of(1, 2), Float64Array.of(1, 2), { permutations: 0 })).toThrow(
      UsageError,
    );
  });

  it('property: p ∈ [0, 1]; reproducible per seed', () => {
    const sample = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 15 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = Float64Array.from(a);
        const y = Float64Array.from(b);
        const r = empiricalMmdTest(x, y, { permutations: 20, seed: 1 });
        expect(r.pValue).toBeGreaterThanOrEqual(0);
        expect(r.pValue).toBeLessThanOrEqual(1);
        expect(empiricalMmdTest(x, y, { permutations: 20, seed: 1 }).pValue).toBe(r.pValue);
      }),
      { numRuns: 40 },
    );
  });
});
