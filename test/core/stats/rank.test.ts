import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, forEachTieGroup, pooledRankSummary, tieCounts } from '../../../src/core/stats/rank.ts';
import { sorted } from '../../fixtures/tests/generate-sample.ts';
import oracle from '../../fixtures/tests/rank.json' with { type: 'json' };

describe('averageRanks (scipy rankdata, method="average")', () => {
  it.each(oracle.cases)('matches scipy 1.10.1 for $values', (c) => {
    expect(Array.from(averageRanks(Float64Array.from(c.values)))).toEqual(c.ranks);
  });

  it('does not modify its input and handles the empty array', () => {
    const x = Float64Array.of(3, 1, 2);
    averageRanks(x);
    expect(Array.from(x)).toEqual([3, 1, 2]);
    expect(averageRanks(new Float64Array(0)).length).toBe(0);
  });
});

describe('tieCounts', () => {
  it('counts runs of equal values in a sorted array', () => {
    expect(Array.from(tieCounts(Float64Array.of(1, 1, 2, 3, 3, 3)))).toEqual([2, 1, 3]);
    expect(Array.from(tieCounts(new Float64Array(0)))).toEqual([]);
  });
});

describe('forEachTieGroup / pooledRankSummary', () => {
  it('property: agree with ranking the pooled sample directly', () => {
    const sample = fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 0, maxLength: 25 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const x = sorted(a);
        const y = sorted(b);
        const pooled = Float64Array.from([...x, ...y]);
        const ranks = averageRanks(pooled);
        let rankSumA = 0;
        for (let i = 0; i < x.length; i++) rankSumA += ranks[i]!;
        const ties = tieCounts(sorted(pooled));
        const tieTerm = ties.reduce((s, t) => s + t * t * t - t, 0);
        const summary = pooledRankSummary(x, y);
        expect(summary.rankSumA).toBe(rankSumA);
        expect(summary.tieTerm).toBe(tieTerm);
        expect(summary.hasTies).toBe(ties.some((t) => t > 1));
        let groups = 0;
        let seen = 0;
        forEachTieGroup(x, y, (_v, ca, cb, below) => {
          expect(below).toBe(seen);
          seen += ca + cb;
          groups++;
        });
        expect(seen).toBe(pooled.length);
        expect(groups).toBe(ties.length);
      }),
    );
  });
});
