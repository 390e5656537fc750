/**
 * Ranking / recommendation quality at cut-off k, averaged over queries (users).
 *
 * Definitions follow Evidently's legacy recsys metrics (`legacy/metrics/recsys/precision_recall_k.py`,
 * `ndcg_k.py`, `mrr.py`, `hit_rate_k.py`, `legacy/calculations/recommender_systems.py`, Apache-2.0). For a
 * query with g rows, R relevant rows (relevance > 0) and its rows ranked by decreasing score:
 * - precisionAtK = (relevant rows in the top k) / min(g, k)  (Evidently divides by min(size, k), not by k);
 * - recallAtK = (relevant rows in the top k) / R;
 * - mapAtK = Σ_{i ≤ min(k, g), row i relevant} precision@i / R  (divided by **all** R relevant rows of the
 *   query, not by min(k, R));
 * - mrr = 1 / rank of the first relevant row if it is within the top k, else 0 (Evidently's MRR is at k);
 * - hitRateAtK = 1 if a relevant row is in the top k, else 0;
 * - ndcgAtK = DCG@k / ideal DCG@k with linear gains (the relevance value itself) and discount 1/log₂(rank + 1),
 *   = scikit-learn 1.2.1 `ndcg_score([relevance], [score], k=k)` of the query (`_ranking.py`, BSD-3).
 * Averages are over the queries with at least one relevant row (Evidently's default
 * `no_feedback_users=False`); with `includeNoFeedbackQueries` every query counts and a query without a
 * relevant row scores 0 on every metric (Evidently's `no_feedback_users=True`, which maps the undefined 0/0
 * to 0).
 *
 * Ties in score: NDCG averages the gains over tied rows (scikit-learn's `ignore_ties=False`, McSherry &
 * Najork 2008 — the expected DCG over all orders of the ties). The binary metrics rank tied rows in input
 * order (stable sort). Evidently ranks with pandas' `rank(method="average")` truncated to an integer, which
 * gives tied rows the same rank and can count more than k rows "in the top k"; that is not reproduced.
 * Evidently's MAP also re-counts the last row of a query shorter than k once per missing position; not
 * reproduced either.
 * @module
 */
import { UsageError } from '../errors.ts';
import { assertFinite, assertLength, checkOption } from './validate.ts';

export interface RankingMetricsInput {
  /** Query (user) id of each row; rows of a query need not be contiguous. */
  readonly queryIds: Int32Array;
  /** Relevance of each row (≥ 0; > 0 = relevant). Graded values count as gains in NDCG. */
  readonly relevance: Float64Array;
  /** Model score; higher = ranked first. */
  readonly score: Float64Array;
  /** Cut-off, a positive integer. */
  readonly k: number;
  /** Count queries without any relevant row (as 0). Default false (Evidently's default). */
  readonly includeNoFeedbackQueries?: boolean;
}

export interface RankingMetrics {
  readonly k: number;
  readonly ndcgAtK: number;
  readonly precisionAtK: number;
  readonly recallAtK: number;
  readonly mapAtK: number;
  readonly mrr: number;
  readonly hitRateAtK: number;
  /** Queries averaged over. */
  readonly queries: number;
  /** Queries without a relevant row (excluded unless `includeNoFeedbackQueries`). */
  readonly queriesWithoutRelevant: number;
}

/** Discount of 1-based rank r: 1/log₂(r + 1), written as scikit-learn does (log(r+1)/log(2)). */
function discount(rank: number): number {
  return 1 / (Math.log(rank + 1) / Math.LN2);
}

/**
 * Tie-averaged DCG@k of one query whose rows are `rows` sorted by decreasing score (scikit-learn
 * `_tie_averaged_dcg`): each run of equal scores spreads its mean gain over the positions it occupies.
 */
function tieAveragedDcg(rows: Uint32Array, relevance: Float64Array, score: Float64Array, k: number): number {
  let dcg = 0;
  let start = 0;
  const g = rows.length;
  while (start < g && start < k) {
    const s = score[rows[start]!]!;
    let end = start + 1;
    while (end < g && score[rows[end]!]! === s) end++;
    let gain = 0;
    for (let t = start; t < end; t++) gain += relevance[rows[t]!]!;
    let discounts = 0;
    for (let r = start; r < Math.min(end, k); r++) discounts += discount(r + 1);
    dcg += (gain / (end - start)) * discounts;
    start = end;
  }
  return dcg;
}

/** Ranking metrics at k averaged over queries. O(n log n). */
export function rankingMetrics(input: RankingMetricsInput): RankingMetrics {
  const { queryIds, relevance, score, k } = input;
  const n = queryIds.length;
  checkOption(Number.isInteger(k) && k >= 1, `k must be a positive integer, got ${k}`);
  assertLength(n, { relevance, score });
  assertFinite('relevance', relevance);
  assertFinite('score', score);
  for (let i = 0; i < n; i++) {
    if (relevance[i]! < 0) {
      throw new UsageError(
        'DW_METRICS_NEGATIVE_RELEVANCE',
        `relevance[${i}] is ${relevance[i]}; relevance must be ≥ 0 (0 = not relevant)`,
      );
    }
  }
  // One sort: by query, then decreasing score, then input order (stable ties).
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => queryIds[a]! - queryIds[b]! || score[b]! - score[a]! || a - b);

  const includeAll = input.includeNoFeedbackQueries ?? false;
  let queries = 0;
  let withoutRelevant = 0;
  let sumNdcg = 0;
  let sumPrecision = 0;
  let sumRecall = 0;
  let sumMap = 0;
  let sumMrr = 0;
  let sumHit = 0;
  let start = 0;
  while (start < n) {
    const q = queryIds[order[start]!]!;
    let end = start + 1;
    while (end < n && queryIds[order[end]!]! === q) end++;
    const rows = order.subarray(start, end);
    start = end;
    const g = rows.length;
    let relevantTotal = 0;
    for (let t = 0; t < g; t++) if (relevance[rows[t]!]! > 0) relevantTotal++;
    if (relevantTotal === 0) {
      withoutRelevant++;
      if (includeAll) queries++;
      continue;
    }
    queries++;
    const top = Math.min(k, g);
    let hits = 0;
    let ap = 0;
    let firstRank = 0;
    for (let t = 0; t < top; t++) {
      if (relevance[rows[t]!]! > 0) {
        hits++;
        ap += hits / (t + 1);
        if (firstRank === 0) firstRank = t + 1;
      }
    }
    sumPrecision += hits / top;
    sumRecall += hits / relevantTotal;
    sumMap += ap / relevantTotal;
    sumMrr += firstRank === 0 ? 0 : 1 / firstRank;
    sumHit += hits > 0 ? 1 : 0;
    // Ideal DCG: relevances in decreasing order (ties irrelevant).
    const ideal = Float64Array.from(rows, (r) => relevance[r]!)
      .sort()
      .reverse();
    let idcg = 0;
    for (let t = 0; t < top; t++) idcg += ideal[t]! * discount(t + 1);
    sumNdcg += tieAveragedDcg(rows, relevance, score, k) / idcg;
  }
  const avg = (s: number) => (queries === 0 ? Number.NaN : s / queries);
  return Object.freeze({
    k,
    ndcgAtK: avg(sumNdcg),
    precisionAtK: avg(sumPrecision),
    recallAtK: avg(sumRecall),
    mapAtK: avg(sumMap),
    mrr: avg(sumMrr),
    hitRateAtK: avg(sumHit),
    queries,
    queriesWithoutRelevant: withoutRelevant,
  });
}
