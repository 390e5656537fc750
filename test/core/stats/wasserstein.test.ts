import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { cdfDistance, wassersteinDistance } from '../../../src/core/stats/wasserstein.ts';
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { lcgSample, sorted, sortedInputs } from '../../fixtures/tests/generate-sample.ts';
import oracle from '../../fixtures/tests/wasserstein.json' with { type: 'json' };

type Case = (typeof oracle.cases)[number];
const inputs = (c: Case) => sortedInputs(c);

/** numpy's population standard deviation (ddof = 0), for Evidently's normalisation in the vectors. */
function stdPop(x: readonly number[]): number {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length);
}

describe('wassersteinDistance (scipy wasserstein_distance)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const [x, y] = inputs(c);
    const d = wassersteinDistance(x, y);
    if (c.value === 0) expect(d).toBe(0);
    else expect(Math.abs(d - c.value) / c.value).toBeLessThanOrEqual(1e-13);
  });

  it('reproduces Evidently vectors 15 and 20 after the caller’s std normalisation (drift if >= threshold)', () => {
    for (const idx of [15, 20]) {
      const v = vectors.vectors[idx]!;
      expect(v.stattest).toBe('wasserstein');
      const ref = v.reference as number[];
      const score =
        wassersteinDistance(sorted(ref), sorted(v.current as number[])) / Math.max(stdPop(ref), 0.001);
      expect(Math.abs(score - v.evidently_score) / v.evidently_score).toBeLessThanOrEqual(1e-12);
      expect(score >= v.threshold).toBe(v.evidently_drifted);
    }
  });

  it('handles 100k vs 100k sorted samples (speed: see npm run bench)', () => {
    const x = sorted(lcgSample({ n: 100_000, seed: 5 }));
    const y = sorted(lcgSample({ n: 100_000, seed: 6, shift: 0.01 }));
    wassersteinDistance(x, y);
    wassersteinDistance(x, y);
  });

  it('rejects empty samples', () => {
    expect(() => cdfDistance(1, new Float64Array(0), Float64Array.of(1))).toThrow(UsageError);
  });

  it('property: ≥ 0, symmetric, 0 for identical samples, equals the shift for shifted samples', () => {
    const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 1, max: 20 }), (a, b, shift) => {
        const x = sorted(a);
        const y = sorted(b);
        const d = wassersteinDistance(x, y);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(wassersteinDistance(y, x)).toBeCloseTo(d, 12);
        expect(wassersteinDistance(x, sorted(a))).toBe(0);
        expect(
          wassersteinDistance(
            x,
            x.map((v) => v + shift),
          ),
        ).toBeCloseTo(shift, 10);
      }),
    );
  });
});
