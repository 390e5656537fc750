import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { mannWhitneyU } from '../../../src/core/stats/mann-whitney.ts';
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { lcgSample, sorted, sortedInputs } from '../../fixtures/tests/generate-sample.ts';
import oracle from '../../fixtures/tests/mann-whitney.json' with { type: 'json' };

function expectRel(actual: number, expected: number, rtol: number): void {
  if (expected === 0) {
    expect(actual).toBe(0);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

type Case = (typeof oracle.cases)[number];
const inputs = (c: Case) => sortedInputs(c);

describe('mannWhitneyU (Evidently mannw = scipy mannwhitneyu)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const [x, y] = inputs(c);
    const r = mannWhitneyU(x, y, {
      alternative: c.alternative as 'less',
      method: c.method as 'auto',
    });
    expect(r.statistic).toBe(c.statistic);
    expectRel(r.pValue, c.pValue, 1e-12);
  });

  it('chooses the method with the scipy 1.10.1 rule', () => {
    const small = Float64Array.of(1, 2, 3);
    expect(mannWhitneyU(small, Float64Array.of(1.5, 2.5, 4, 5, 6, 7, 8, 9, 10, 11)).method).toBe('exact');
    expect(mannWhitneyU(small, Float64Array.of(1, 2.5)).method).toBe('asymptotic'); // a tie
    const nine = Float64Array.from({ length: 9 }, (_, i) => i);
    expect(
      mannWhitneyU(
        nine,
        Float64Array.from({ length: 9 }, (_, i) => i + 0.5),
      ).method,
    ).toBe('asymptotic');
  });

  it('reproduces Evidently vector 7 (x = reference, y = current, alternative "less")', () => {
    const v = vectors.vectors[7]!;
    expect(v.stattest).toBe('mannw');
    const r = mannWhitneyU(sorted(v.reference as number[]), sorted(v.current as number[]));
    expectRel(r.pValue, v.evidently_score, 1e-12);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.481)).toBeLessThanOrEqual(1e-2);
  });

  it('rejects empty samples and unknown options', () => {
    expect(() => mannWhitneyU(new Float64Array(0), Float64Array.of(1))).toThrow(UsageError);
    expect(() =>
      mannWhitneyU(Float64Array.of(1), Float64Array.of(2), { alternative: 'x' as 'less' }),
    ).toThrow(UsageError);
    expect(() => mannWhitneyU(Float64Array.of(1), Float64Array.of(2), { method: 'x' as 'exact' })).toThrow(
      UsageError,
    );
  });

  it('handles 100k vs 100k sorted samples (speed: see npm run bench)', () => {
    const x = sorted(lcgSample({ n: 100_000, seed: 5 }));
    const y = sorted(lcgSample({ n: 100_000, seed: 6, shift: 0.01 }));
    mannWhitneyU(x, y); // warm-up
    const r = mannWhitneyU(x, y);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
  });

  it('property: p ∈ [0, 1]; swapping samples swaps less/greater; identical samples → two-sided p = 1', () => {
    const sample = fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = sorted(a);
        const y = sorted(b);
        for (const alternative of ['less', 'greater', 'two-sided'] as const) {
          const p = mannWhitneyU(x, y, { alternative }).pValue;
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(mannWhitneyU(y, x, { alternative: 'greater' }).pValue).toBeCloseTo(
          mannWhitneyU(x, y, { alternative: 'less' }).pValue,
          12,
        );
        expect(mannWhitneyU(y, x, { alternative: 'two-sided' }).pValue).toBeCloseTo(
          mannWhitneyU(x, y, { alternative: 'two-sided' }).pValue,
          12,
        );
        expect(mannWhitneyU(x, sorted(a), { alternative: 'two-sided' }).pValue).toBe(1);
      }),
    );
  });
});
