import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { energyDistance } from '../../../src/core/stats/energy-distance.ts';
import oracle from '../../fixtures/tests/energy-distance.json' with { type: 'json' };
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import { lcgSample, sorted, sortedInputs } from '../../fixtures/tests/generate-sample.ts';

type Case = (typeof oracle.cases)[number];
const inputs = (c: Case) => sortedInputs(c);

describe('energyDistance (Evidently ed = scipy energy_distance)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const [x, y] = inputs(c);
    const d = energyDistance(x, y);
    if (c.value === 0) expect(d).toBe(0);
    else expect(Math.abs(d - c.value) / c.value).toBeLessThanOrEqual(1e-13);
  });

  it('reproduces Evidently vector 10 (drift if > threshold)', () => {
    const v = vectors.vectors[10]!;
    expect(v.stattest).toBe('ed');
    const d = energyDistance(sorted(v.reference as number[]), sorted(v.current as number[]));
    expect(Math.abs(d - v.evidently_score) / v.evidently_score).toBeLessThanOrEqual(1e-13);
    expect(d > v.threshold).toBe(v.evidently_drifted);
  });

  it('handles 100k vs 100k sorted samples (speed: see npm run bench)', () => {
    const x = sorted(lcgSample({ n: 100_000, seed: 5 }));
    const y = sorted(lcgSample({ n: 100_000, seed: 6, shift: 0.01 }));
    energyDistance(x, y);
    energyDistance(x, y);
  });

  it('property: ≥ 0, symmetric, 0 for identical samples, shift-equivariant', () => {
    const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = sorted(a);
        const y = sorted(b);
        const d = energyDistance(x, y);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(energyDistance(y, x)).toBeCloseTo(d, 12);
        expect(energyDistance(x, sorted(a))).toBe(0);
        expect(
          energyDistance(
            x.map((v) => v + 7),
            y.map((v) => v + 7),
          ),
        ).toBeCloseTo(d, 10);
      }),
    );
  });
});
