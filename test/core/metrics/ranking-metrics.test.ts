import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { rankingMetrics } from '../../../src/core/metrics/ranking-metrics.ts';
import { expectClose, loadFixture } from './fixture.ts';

interface RankingCase {
  name: string;
  input: {
    queryIds: number[];
    relevance: number[];
    score: number[];
    k: number;
    includeNoFeedbackQueries: boolean;
  };
  expected: Record<string, unknown>;
  evidentlyCrossChecked: boolean;
}

const fixture = loadFixture<{ sklearn: string; cases: RankingCase[] }>('ranking.json');

function run(i: RankingCase['input']) {
  return rankingMetrics({
    queryIds: Int32Array.from(i.queryIds),
    relevance: Float64Array.from(i.relevance),
    score: Float64Array.from(i.score),
    k: i.k,
    includeNoFeedbackQueries: i.includeNoFeedbackQueries,
  });
}

describe('rankingMetrics against sklearn ndcg_score and Evidently’s recsys definitions', () => {
  it('uses the Debian scikit-learn fixtures, some cross-checked against Evidently’s pandas code', () => {
    expect(fixture.sklearn).toBe('1.2.1');
    expect(fixture.cases.filter((c) => c.evidentlyCrossChecked).length).toBeGreaterThanOrEqual(4);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      expectClose(run(c.input), c.expected);
    });
  }
});

describe('rankingMetrics behaviour', () => {
  it('computes a hand-checked query', () => {
    // one query: ranked relevances [0, 1, 1, 0], k = 3
    const m = rankingMetrics({
      queryIds: Int32Array.from([5, 5, 5, 5]),
      relevance: Float64Array.from([0, 1, 1, 0]),
      score: Float64Array.from([0.9, 0.8, 0.7, 0.1]),
      k: 3,
    });
    expect(m.precisionAtK).toBeCloseTo(2 / 3, 15);
    expect(m.recallAtK).toBe(1);
    expect(m.mapAtK).toBeCloseTo((1 / 2 + 2 / 3) / 2, 15);
    expect(m.mrr).toBe(0.5);
    expect(m.hitRateAtK).toBe(1);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(4);
    const idcg = 1 + 1 / Math.log2(3);
    expect(m.ndcgAtK).toBeCloseTo(dcg / idcg, 14);
    expect(m.queries).toBe(1);
  });

  it('does not depend on the row order when scores are distinct', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 6 }),
        (rows, k) => {
          const queryIds = Int32Array.from(rows, ([q]) => q);
          const relevance = Float64Array.from(rows, ([, r]) => r);
          const score = Float64Array.from(rows, (_, i) => (i * 7919) % 101);
          const a = rankingMetrics({ queryIds, relevance, score, k });
          const rev = (x: ArrayLike<number>) => Array.from(x).reverse();
          const b = rankingMetrics({
            queryIds: Int32Array.from(rev(queryIds)),
            relevance: Float64Array.from(rev(relevance)),
            score: Float64Array.from(rev(score)),
            k,
          });
          return (['ndcgAtK', 'precisionAtK', 'recallAtK', 'mapAtK', 'mrr', 'hitRateAtK'] as const).every(
            (key) => Object.is(a[key], b[key]) || Math.abs(a[key] - b[key]) < 1e-12,
          );
        },
      ),
    );
  });

  it('rejects bad input with DW_METRICS_* usage errors', () => {
    const q = Int32Array.from([1, 1]);
    const r = Float64Array.from([1, 0]);
    const s = Float64Array.from([0.2, 0.1]);
    const cases: [() => unknown, string][] = [
      [() => rankingMetrics({ queryIds: q, relevance: r, score: s, k: 0 }), 'DW_METRICS_BAD_OPTION'],
      [() => rankingMetrics({ queryIds: q, relevance: r, score: s, k: 1.5 }), 'DW_METRICS_BAD_OPTION'],
      [
        () => rankingMetrics({ queryIds: q, relevance: r, score: new Float64Array(1), k: 1 }),
        'DW_METRICS_LENGTH_MISMATCH',
      ],
      [
        () => rankingMetrics({ queryIds: q, relevance: Float64Array.from([1, -1]), score: s, k: 1 }),
        'DW_METRICS_NEGATIVE_RELEVANCE',
      ],
      [
        () => rankingMetrics({ queryIds: q, relevance: r, score: Float64Array.from([0, Number.NaN]), k: 1 }),
        'DW_METRICS_NOT_FINITE',
      ],
    ];
    for (const [f, code] of cases) {
      expect(f).toThrow(UsageError);
      expect(f).toThrow(expect.objectContaining({ code }));
    }
  });

  it('returns NaN averages when no query has a relevant row', () => {
    const m = rankingMetrics({
      queryIds: Int32Array.from([1, 2]),
      relevance: Float64Array.from([0, 0]),
      score: Float64Array.from([1, 2]),
      k: 1,
    });
    expect(m.ndcgAtK).toBeNaN();
    expect(m.queries).toBe(0);
    expect(m.queriesWithoutRelevant).toBe(2);
  });
});
