import { describe, expect, it } from 'vitest';
import {
  bootstrapStandardError,
  meanStandardError,
  proportionStandardError,
  rankSegments,
  selectRows,
} from '../../../src/core/segments/index.ts';

describe('proportionStandardError / meanStandardError', () => {
  it('binomial standard error sqrt(p(1−p)/n)', () => {
    expect(proportionStandardError(0.5, 100)).toBe(0.05);
    expect(proportionStandardError(0.2, 400)).toBeCloseTo(0.02, 16);
    expect(proportionStandardError(0, 10)).toBe(0);
    expect(proportionStandardError(0.5, 0)).toBeNaN();
    expect(proportionStandardError(1.2, 10)).toBeNaN();
    expect(proportionStandardError(Number.NaN, 10)).toBeNaN();
  });
  it('standard error of a mean s/√n', () => {
    // 1, 2, 3, 4: mean 2.5, s² = (2.25 + 0.25 + 0.25 + 2.25)/3 = 5/3, SE = sqrt(5/3/4) = sqrt(5/12).
    expect(meanStandardError(Float64Array.from([1, 2, 3, 4]))).toBeCloseTo(Math.sqrt(5 / 12), 15);
    expect(
      meanStandardError(Float64Array.from([9, 1, 2, 9, 3, 4]), Uint32Array.from([1, 2, 4, 5])),
    ).toBeCloseTo(Math.sqrt(5 / 12), 15);
    expect(meanStandardError(Float64Array.from([1]))).toBeNaN();
  });
});

describe('bootstrapStandardError', () => {
  it('is deterministic and close to the analytic SE of a mean', () => {
    const n = 400;
    const values = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 101) / 10);
    const rows = Uint32Array.from({ length: n }, (_, i) => i);
    const mean = (r: Uint32Array) => selectRows(values, r).reduce((s, v) => s + v, 0) / r.length;
    const a = bootstrapStandardError(rows, mean, { replicates: 500, seed: 3 });
    const b = bootstrapStandardError(rows, mean, { replicates: 500, seed: 3 });
    expect(a).toEqual(b);
    expect(a.finiteReplicates).toBe(500);
    // Bootstrap SE ≈ s·sqrt((n−1)/n)/√n; with 500 replicates its relative error is ~3 %.
    const analytic = meanStandardError(values) * Math.sqrt((n - 1) / n);
    expect(Math.abs(a.standardError / analytic - 1)).toBeLessThan(0.12);
  });
  it('drops non-finite replicates, and handles empty segments and bad options', () => {
    let calls = 0;
    const r = bootstrapStandardError(
      Uint32Array.from([0, 1, 2]),
      () => (calls++ % 2 === 0 ? Number.NaN : calls),
      {
        replicates: 10,
      },
    );
    expect(r.finiteReplicates).toBe(5);
    expect(bootstrapStandardError(new Uint32Array(0), () => 1).standardError).toBeNaN();
    expect(() => bootstrapStandardError(Uint32Array.from([0]), () => 1, { replicates: 1 })).toThrow(
      expect.objectContaining({ code: 'DW_SEGMENTS_BAD_OPTION' }),
    );
  });
});

describe('rankSegments', () => {
  /*
   * Accuracy (higher is better, proportion):
   *   A: 0.70 vs 0.90, 400 rows → degradation 0.20, SE = sqrt(0.7·0.3/400) = 0.0229128784747792
   *   B: 0.85 vs 0.90, 100 rows → 0.05, SE = sqrt(0.85·0.15/100) = 0.0357071421427143, within 1.96·SE = 0.07
   *   C: 0.20 vs 0.90,  10 rows → 0.70 but tooFewRows → ranked after A and B
   *   D: 0.95 vs 0.90, 200 rows → −0.05 (improved)
   *   E: 0.80, no reference → last
   */
  const rows = [
    { segment: 'city', value: 'B', rows: 100, metric: 0.85, referenceMetric: 0.9 },
    { segment: 'city', value: 'C', rows: 10, metric: 0.2, referenceMetric: 0.9 },
    { segment: 'city', value: 'E', rows: 500, metric: 0.8, referenceMetric: null },
    {
      segment: ['city', 'plan'] as const,
      value: ['A', 'pro'] as const,
      rows: 400,
      metric: 0.7,
      referenceMetric: 0.9,
    },
    { segment: 'city', value: 'D', rows: 200, metric: 0.95, referenceMetric: 0.9 },
  ];

  it('orders by degradation, small segments after, undefined last', () => {
    const r = rankSegments(rows, { higherIsBetter: true, proportion: true });
    expect(r.map((s) => s.value)).toEqual([['A', 'pro'], 'B', 'D', 'C', 'E']);
    expect(r.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5]);
    const [a, b, d, c, e] = r;
    expect(a!.degradation).toBeCloseTo(0.2, 15);
    expect(a!.relativeDegradation).toBeCloseTo(0.2 / 0.9, 15);
    expect(a!.standardError).toBeCloseTo(0.0229128784747792, 15);
    expect(a!.degradationStandardError).toBe(a!.standardError);
    expect(a!.withinNoise).toBe(false);
    expect(b!.standardError).toBeCloseTo(0.0357071421427143, 15);
    expect(b!.withinNoise).toBe(true);
    expect(d!.degradation).toBeCloseTo(-0.05, 15);
    expect(c).toMatchObject({ tooFewRows: true, value: 'C' });
    expect(c!.degradation).toBeCloseTo(0.7, 15);
    expect(e).toMatchObject({
      degradation: null,
      relativeDegradation: null,
      withinNoise: null,
      tooFewRows: false,
    });
    expect(Object.isFrozen(r[0])).toBe(true);
  });

  it('lower-is-better metrics flip the sign; unknown SE stays null for non-proportions', () => {
    const r = rankSegments(
      [
        { segment: 's', value: 'x', rows: 50, metric: 1.0, referenceMetric: 2.0 },
        { segment: 's', value: 'y', rows: 50, metric: 3.0, referenceMetric: 2.0, standardError: 0.4 },
      ],
      { higherIsBetter: false },
    );
    expect(r.map((s) => s.value)).toEqual(['y', 'x']);
    expect(r[0]).toMatchObject({ degradation: 1, standardError: 0.4, withinNoise: false });
    expect(r[1]).toMatchObject({ degradation: -1, standardError: null, withinNoise: null });
  });

  it('combines the reference standard error and uses sampleSize for proportions of a subset', () => {
    const [r] = rankSegments(
      [
        // recall 0.5 over 25 positives (SE 0.1) vs reference 0.6 over 96 positives (SE 0.05).
        {
          segment: 's',
          value: 'x',
          rows: 200,
          metric: 0.5,
          referenceMetric: 0.6,
          sampleSize: 25,
          referenceSampleSize: 96,
        },
      ],
      { higherIsBetter: true, proportion: true },
    );
    expect(r!.standardError).toBeCloseTo(0.1, 15);
    expect(r!.degradationStandardError).toBeCloseTo(Math.hypot(0.1, 0.05), 15);
    expect(r!.withinNoise).toBe(true);
  });

  it('ties keep larger segments first; options are validated', () => {
    const r = rankSegments(
      [
        { segment: 's', value: 'small', rows: 40, metric: 0.5, referenceMetric: 0.6 },
        { segment: 's', value: 'big', rows: 90, metric: 0.5, referenceMetric: 0.6 },
      ],
      { higherIsBetter: true, minRows: 10 },
    );
    expect(r.map((s) => s.value)).toEqual(['big', 'small']);
    expect(() => rankSegments([], { higherIsBetter: 'yes' as unknown as boolean })).toThrow(
      expect.objectContaining({ code: 'DW_SEGMENTS_BAD_OPTION' }),
    );
    expect(() => rankSegments([], { higherIsBetter: true, z: -1 })).toThrow(
      expect.objectContaining({ code: 'DW_SEGMENTS_BAD_OPTION' }),
    );
    expect(rankSegments([], { higherIsBetter: true })).toEqual([]);
  });
});
