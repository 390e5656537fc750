/**
 * Mann-Whitney U rank test, Evidently's `mannw` drift method
 * (`scipy.stats.mannwhitneyu(x=reference, y=current, alternative="less")`).
 *
 * Ported from scipy 1.10.1 scipy/stats/_mannwhitneyu.py (BSD-3):
 * - U1 = R1 − n1(n1 + 1)/2 from the mid-ranks of the pooled sample; 'greater' uses U1, 'less' uses
 *   U2 = n1·n2 − U1 (by symmetry of the null distribution), 'two-sided' uses max(U1, U2) and doubles the tail.
 * - method 'auto' (scipy 1.10.1 `_mwu_choose_method`): exact when min(n1, n2) ≤ 8 and the pooled sample
 *   has no ties, otherwise asymptotic. (scipy 1.17.1 has the same rule; it only computes the exact
 *   distribution differently, with the same values.)
 * - exact: the null distribution of U counts partitions (Mann & Whitney 1947; Löffler's recurrence in scipy).
 *   Here its frequencies are the coefficients of the Gaussian binomial [m+n choose m]_q, built by
 *   multiplying by (1 − q^{n+i}) and dividing by (1 − q^i) for i = 1..min(m, n), truncated at the degree
 *   needed. Exact in doubles while C(m+n, m) < 2^53 (then identical to scipy's float recurrence),
 *   with BigInt beyond.
 * - asymptotic: normal approximation with tie correction and continuity correction ½,
 *   z = (U − n1·n2/2 − ½) / √(n1·n2/12 · ((n+1) − Σ(t³ − t)/(n(n−1)))), p = normalSf(z).
 * @module
 */

import { UsageError } from '../errors.ts';
import { pooledRankSummary } from './rank.ts';
import { normalSf } from './special/index.ts';

/** Alternative hypothesis: 'less' means the distribution of `x` is stochastically less than that of `y`. */
export type MannWhitneyAlternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link mannWhitneyU}. */
export interface MannWhitneyOptions {
  /** Alternative hypothesis (default `'less'`, as Evidently calls it; scipy's own default is 'two-sided'). */
  readonly alternative?: MannWhitneyAlternative;
  /** p-value method (default `'auto'`, scipy 1.10.1 rule). `'exact'` ignores ties, like scipy. */
  readonly method?: 'auto' | 'exact' | 'asymptotic';
  /** Continuity correction of the asymptotic method (default true). */
  readonly useContinuity?: boolean;
}

/** Result of {@link mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U1, the U statistic of `x` (scipy's `statistic`). */
  readonly statistic: number;
  /** p-value of the chosen alternative, clipped to [0, 1]. */
  readonly pValue: number;
  /** Method actually used. */
  readonly method: 'exact' | 'asymptotic';
}

const TWO_POW_53 = 9007199254740992;

/**
 * Mann-Whitney U test of two **sorted ascending** samples (precondition, not checked: the caller sorts once
 * and reuses the arrays). Runs in O(n1 + n2) for the asymptotic method.
 * @param sortedX - first sample (Evidently: reference), sorted ascending, no NaN.
 * @param sortedY - second sample (Evidently: current), sorted ascending, no NaN.
 */
export function mannWhitneyU(
  sortedX: Float64Array,
  sortedY: Float64Array,
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const alternative = options.alternative ?? 'less';
  const requested = options.method ?? 'auto';
  const useContinuity = options.useContinuity ?? true;
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `mannWhitneyU: unknown alternative '${String(alternative)}'.`,
    );
  }
  if (requested !== 'auto' && requested !== 'exact' && requested !== 'asymptotic') {
    throw new UsageError('DW_STATS_BAD_OPTION', `mannWhitneyU: unknown method '${String(requested)}'.`);
  }
  const n1 = sortedX.length;
  const n2 = sortedY.length;
  if (n1 === 0 || n2 === 0) {
    throw new UsageError(
      'DW_STATS_EMPTY_SAMPLE',
      'mannWhitneyU: both samples must be non-empty (scipy raises).',
    );
  }
  const { rankSumA, tieTerm, hasTies } = pooledRankSummary(sortedX, sortedY);
  const u1 = rankSumA - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  let u: number;
  let factor: number;
  if (alternative === 'greater') {
    u = u1;
    factor = 1;
  } else if (alternative === 'less') {
    u = u2;
    factor = 1;
  } else {
    u = Math.max(u1, u2);
    factor = 2;
  }
  const method = requested === 'auto' ? ((n1 > 8 && n2 > 8) || hasTies ? 'asymptotic' : 'exact') : requested;
  let p: number;
  if (method === 'exact') {
    // scipy: sf(U) = cdf(m·n − U) by symmetry, with U truncated to an integer (U.astype(int)).
    p = exactCdf(n1 * n2 - Math.trunc(u), n1, n2);
  } else {
    const n = n1 + n2;
    const mu = (n1 * n2) / 2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    let numerator = u - mu;
    if (useContinuity) numerator -= 0.5;
    p = normalSf(numerator / s);
  }
  p *= factor;
  p = Math.min(Math.max(p, 0), 1);
  return Object.freeze({ statistic: u1, pValue: p, method });
}

/**
 * P(U ≤ k) under the null hypothesis for sample sizes m and n (no ties).
 * Uses the symmetry f(k) = f(mn − k) so that at most ⌊mn/2⌋ + 1 frequencies are needed, and never
 * subtracts probabilities: for k above the centre the count is C − Σ_{j ≤ mn−k−1} f(j) in exact integers.
 */
function exactCdf(k: number, m: number, n: number): number {
  const mn = m * n;
  if (k < 0) return 0;
  if (k >= mn) return 1;
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const upper = Math.min(k, mn - k - 1); // highest frequency index needed
  const total = binomialExact(m + n, small);
  if (total < BigInt(TWO_POW_53)) {
    const f = gaussianBinomialNumber(small, large, upper);
    let acc = 0;
    for (let j = 0; j <= upper; j++) acc += f[j]!;
    const totalN = Number(total);
    return k === upper ? acc / totalN : (totalN - acc) / totalN;
  }
  const f = gaussianBinomialBigInt(small, large, upper);
  let acc = 0n;
  for (let j = 0; j <= upper; j++) acc += f[j]!;
  const count = k === upper ? acc : total - acc;
  return bigRatio(count, total);
}

/** C(n, k) as an exact BigInt. */
function binomialExact(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/**
 * Coefficients 0..upper of the Gaussian binomial [small + large choose small]_q
 * = Π_{i=1..small} (1 − q^{large+i}) / (1 − q^i), i.e. the number of ways to obtain U = j.
 * Exact in doubles because every intermediate is an integer bounded by C(small + large, small) < 2^53.
 */
function gaussianBinomialNumber(small: number, large: number, upper: number): Float64Array {
  const f = new Float64Array(upper + 1);
  f[0] = 1;
  for (let i = 1; i <= small; i++) {
    const shift = large + i;
    for (let j = upper; j >= shift; j--) f[j] = f[j]! - f[j - shift]!; // × (1 − q^{large+i})
    for (let j = i; j <= upper; j++) f[j] = f[j]! + f[j - i]!; // ÷ (1 − q^i)
  }
  return f;
}

/** Same as {@link gaussianBinomialNumber} in exact BigInt arithmetic, for totals ≥ 2^53. */
function gaussianBinomialBigInt(small: number, large: number, upper: number): bigint[] {
  const f: bigint[] = new Array<bigint>(upper + 1).fill(0n);
  f[0] = 1n;
  for (let i = 1; i <= small; i++) {
    const shift = large + i;
    for (let j = upper; j >= shift; j--) f[j] = f[j]! - f[j - shift]!;
    for (let j = i; j <= upper; j++) f[j] = f[j]! + f[j - i]!;
  }
  return f;
}

/** a / b for BigInts 0 ≤ a ≤ b < 2^1024: two roundings, so within ~1 ulp of the exact ratio. */
function bigRatio(a: bigint, b: bigint): number {
  return Number(a) / Number(b);
}
