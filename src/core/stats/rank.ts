import { argsortFloat64 } from './sort-float64.ts';

/**
 * Ranks with ties ("average" / mid-ranks) and tie counts, the building blocks of the rank tests
 * (Mann-Whitney U, Cramér-von Mises, Anderson-Darling k-sample).
 *
 * `averageRanks` reproduces `scipy.stats.rankdata(a, method='average')` (scipy 1.10.1,
 * scipy/stats/_stats_py.py). The two-sample helpers walk two **sorted** samples once, in O(n + m), instead
 * of sorting the pooled sample: the drift engine sorts each column once and reuses the sorted arrays.
 * @module
 */

/**
 * Average ranks (1-based; tied values get the mean of the ranks they span), as
 * `scipy.stats.rankdata(values, method='average')`. The input need not be sorted and is not modified.
 * Values must not be NaN.
 */
export function averageRanks(values: Float64Array): Float64Array {
  // One stable argsort (radix, see sort-float64.ts), then each run of equal values gets the mean of the
  // 1-based ranks it spans: positions i..j−1 hold ranks i+1..j, mean (i + 1 + j) / 2.
  const n = values.length;
  const order = argsortFloat64(values);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    const v = values[order[i]!]!;
    let j = i + 1;
    while (j < n && values[order[j]!]! === v) j++;
    const r = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) ranks[order[t]!] = r;
    i = j;
  }
  return ranks;
}

/**
 * Lengths of the runs of equal values in a **sorted** array (the tie counts `t` of the tie corrections).
 * A sample without ties gives an array of ones.
 */
export function tieCounts(sorted: Float64Array): Float64Array {
  const counts: number[] = [];
  let i = 0;
  const n = sorted.length;
  while (i < n) {
    const v = sorted[i]!;
    let j = i + 1;
    while (j < n && sorted[j]! === v) j++;
    counts.push(j - i);
    i = j;
  }
  return Float64Array.from(counts);
}

/**
 * Visitor for {@link forEachTieGroup}: called once per distinct value of the pooled sample, in ascending order.
 * @param value - the distinct value.
 * @param countA - how many times it occurs in sample A.
 * @param countB - how many times it occurs in sample B.
 * @param below - how many pooled observations are strictly smaller (so its pooled ranks are
 *   `below + 1 … below + countA + countB`, and its average rank is `below + (countA + countB + 1) / 2`).
 */
export type TieGroupVisitor = (value: number, countA: number, countB: number, below: number) => void;

/**
 * Walk the pooled sample of two **sorted ascending** samples as groups of equal values, in O(n + m).
 * This gives the mid-ranks, the tie counts and both empirical CDFs at every distinct pooled value.
 */
export function forEachTieGroup(sortedA: Float64Array, sortedB: Float64Array, visit: TieGroupVisitor): void {
  const na = sortedA.length;
  const nb = sortedB.length;
  let i = 0;
  let j = 0;
  while (i < na || j < nb) {
    const a = i < na ? sortedA[i]! : Number.POSITIVE_INFINITY;
    const b = j < nb ? sortedB[j]! : Number.POSITIVE_INFINITY;
    const v = Math.min(a, b);
    const below = i + j;
    let ca = 0;
    while (i < na && sortedA[i]! === v) {
      i++;
      ca++;
    }
    let cb = 0;
    while (j < nb && sortedB[j]! === v) {
      j++;
      cb++;
    }
    visit(v, ca, cb, below);
  }
}

/** Summary of the pooled ranks of two samples, see {@link pooledRankSummary}. */
export interface PooledRankSummary {
  /** Sum of the average ranks (in the pooled sample) of the observations of sample A. */
  readonly rankSumA: number;
  /** Σ (t³ − t) over the tie groups of the pooled sample (0 without ties). */
  readonly tieTerm: number;
  /** Whether the pooled sample holds any tie. */
  readonly hasTies: boolean;
}

/**
 * Rank sum of sample A and the tie term of the pooled sample, from two **sorted ascending** samples.
 * Rank sums are multiples of ½ and are exact in double precision for any realistic size.
 */
export function pooledRankSummary(sortedA: Float64Array, sortedB: Float64Array): PooledRankSummary {
  let rankSumA = 0;
  let tieTerm = 0;
  let hasTies = false;
  forEachTieGroup(sortedA, sortedB, (_v, ca, cb, below) => {
    const t = ca + cb;
    if (ca > 0) rankSumA += ca * (below + (t + 1) / 2);
    if (t > 1) {
      hasTies = true;
      tieTerm += t * t * t - t;
    }
  });
  return Object.freeze({ rankSumA, tieTerm, hasTies });
}
