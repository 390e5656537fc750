/**
 * Fisher's exact test on a 2×2 contingency table, Evidently's `fisher_exact` drift method.
 *
 * Ported from scipy 1.10.1 scipy/stats/_stats_py.py `fisher_exact` (BSD-3): the first cell follows the
 * hypergeometric distribution given the margins; the two-sided p-value sums the probabilities of all
 * tables at most as likely as the observed one, with scipy's relative slack γ = 1 + 1e-14 and its early
 * exit (p = 1 when the observed table is as likely as the mode).
 *
 * Implementation note: scipy evaluates the hypergeometric pmf/cdf with Boost. Here the pmf is built
 * from the mode outwards with the ratio pmf(x+1)/pmf(x) = (K−x)(N−x) / ((x+1)(M−K−N+x+1)), so every
 * probability is a product of O(distance to the mode) correctly rounded factors (relative error
 * ~1e-15 × distance), no log-gamma cancellation, and tails are sums, never 1 − cdf.
 * Probabilities below ~1e-308 relative to the mode underflow to 0.
 * @module
 */

import { UsageError } from '../errors.ts';

/** Alternative hypothesis for the odds ratio of the table. */
export type FisherAlternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link fisherExact2x2} and {@link fisherExactTest}. */
export interface FisherExactOptions {
  /** Alternative hypothesis (default `'two-sided'`, as Evidently). */
  readonly alternative?: FisherAlternative;
}

/** Result of a Fisher exact test. */
export interface FisherExactResult {
  /** Sample odds ratio a·d / (b·c) (scipy's `statistic`); +∞ when b·c = 0, NaN when a margin is 0. */
  readonly oddsRatio: number;
  /** p-value. */
  readonly pValue: number;
}

function isCount(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

/**
 * Fisher's exact test on the 2×2 table [[a, b], [c, d]], as `scipy.stats.fisher_exact`.
 * All cells must be non-negative integers.
 */
export function fisherExact2x2(
  a: number,
  b: number,
  c: number,
  d: number,
  options: FisherExactOptions = {},
): FisherExactResult {
  const alternative = options.alternative ?? 'two-sided';
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `fisherExact2x2: unknown alternative '${String(alternative)}'.`,
    );
  }
  if (!isCount(a) || !isCount(b) || !isCount(c) || !isCount(d)) {
    throw new UsageError(
      'DW_STATS_BAD_COUNTS',
      `fisherExact2x2: table cells must be non-negative integers (got ${a}, ${b}, ${c}, ${d}).`,
    );
  }
  // A zero row or column sum: scipy returns (nan, 1.0).
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) {
    return Object.freeze({ oddsRatio: Number.NaN, pValue: 1 });
  }
  const oddsRatio = c > 0 && b > 0 ? (a * d) / (c * b) : Number.POSITIVE_INFINITY;
  const n1 = a + b; // successes in the population (first row)
  const n2 = c + d;
  const n = a + c; // draws (first column)
  let pValue: number;
  if (alternative === 'less') {
    pValue = new Hypergeometric(n1 + n2, n1, n).cdf(a);
  } else if (alternative === 'greater') {
    // scipy: same formula as 'less' on the second column.
    pValue = new Hypergeometric(n1 + n2, n1, b + d).cdf(b);
  } else {
    pValue = new Hypergeometric(n1 + n2, n1, n).twoSided(a);
  }
  return Object.freeze({ oddsRatio, pValue: Math.min(pValue, 1) });
}

/**
 * Evidently's `fisher_exact` drift test on a binary categorical column. Evidently builds the table
 * [[cur₁, cur₀], [ref₁, ref₀]] where 0/1 is an arbitrary mapping of the two categories; the two-sided
 * p-value does not depend on that choice. Here row 0 = current, row 1 = reference, column j = category j.
 * A single category (length-1 arrays) gives p = 1, as Evidently's placeholder category does.
 *
 * Evidently also refuses samples of different sizes (`len(ref) != len(cur)` raises); that is a property
 * of its drift method, not of the test, and is left to the caller.
 * @param refCounts - reference count per category (1 or 2 categories).
 * @param curCounts - current count per category, aligned with `refCounts`.
 */
export function fisherExactTest(
  refCounts: Float64Array,
  curCounts: Float64Array,
  options: FisherExactOptions = {},
): FisherExactResult {
  if (refCounts.length !== curCounts.length) {
    throw new UsageError(
      'DW_STATS_LENGTH_MISMATCH',
      `fisherExactTest: both count arrays must have one entry per category (got ${refCounts.length} and ${curCounts.length}).`,
    );
  }
  if (refCounts.length < 1 || refCounts.length > 2) {
    throw new UsageError(
      'DW_STATS_NOT_BINARY',
      `fisherExactTest: Fisher's exact test needs 1 or 2 categories (got ${refCounts.length}).`,
    );
  }
  const c0 = curCounts[0]!;
  const c1 = curCounts[1] ?? 0;
  const r0 = refCounts[0]!;
  const r1 = refCounts[1] ?? 0;
  return fisherExact2x2(c0, c1, r0, r1, options);
}

/**
 * Hypergeometric distribution of the number of successes in `draws` draws without replacement from a
 * population of `total` items holding `successes` successes, with weights relative to the mode.
 */
class Hypergeometric {
  private readonly lo: number;
  private readonly hi: number;
  private readonly mode: number;
  /** w[x − lo] = pmf(x) / pmf(mode). */
  private readonly w: Float64Array;
  private readonly sum: number;

  constructor(total: number, successes: number, draws: number) {
    const K = successes;
    const N = draws;
    const M = total;
    this.lo = Math.max(0, N - (M - K));
    this.hi = Math.min(K, N);
    // scipy's mode formula (also the distribution's mode): int((n + 1)(n1 + 1) / (n1 + n2 + 2)).
    this.mode = Math.min(Math.max(Math.trunc(((N + 1) * (K + 1)) / (M + 2)), this.lo), this.hi);
    const w = new Float64Array(this.hi - this.lo + 1);
    const m = this.mode - this.lo;
    w[m] = 1;
    for (let x = this.mode; x < this.hi; x++) {
      const i = x - this.lo;
      w[i + 1] = (w[i]! * ((K - x) * (N - x))) / ((x + 1) * (M - K - N + x + 1));
    }
    for (let x = this.mode; x > this.lo; x--) {
      const i = x - this.lo;
      // pmf(x−1)/pmf(x) = x(M−K−N+x) / ((K−x+1)(N−x+1))
      w[i - 1] = (w[i]! * (x * (M - K - N + x))) / ((K - x + 1) * (N - x + 1));
    }
    // Sum from both ends towards the mode so that small terms are added first.
    let s = 0;
    for (let i = 0; i < m; i++) s += w[i]!;
    for (let i = w.length - 1; i >= m; i--) s += w[i]!;
    this.w = w;
    this.sum = s;
  }

  private weight(x: number): number {
    return x < this.lo || x > this.hi ? 0 : this.w[x - this.lo]!;
  }

  /** P(X ≤ x). */
  cdf(x: number): number {
    if (x < this.lo) return 0;
    if (x >= this.hi) return 1;
    if (x < this.mode) {
      let s = 0;
      for (let t = this.lo; t <= x; t++) s += this.weight(t);
      return s / this.sum;
    }
    // x at or above the mode: the part below the mode, then the terms from x down to the mode (small first)
    let s = 0;
    for (let t = this.lo; t < this.mode; t++) s += this.weight(t);
    for (let t = x; t >= this.mode; t--) s += this.weight(t);
    return s / this.sum;
  }

  /** scipy 1.10.1 two-sided p-value for the observed first cell `x`. */
  twoSided(x: number): number {
    const gamma = 1 + 1e-14;
    const pExact = this.weight(x);
    const pMode = 1;
    if (Math.abs(pExact - pMode) / Math.max(pExact, pMode) <= 1e-14) return 1;
    const threshold = pExact * gamma;
    let s = 0;
    if (x < this.mode) {
      // lower tail up to x, plus the upper-side tables strictly less likely than γ·pexact
      for (let t = this.lo; t <= x; t++) s += this.weight(t);
      let upper = 0;
      for (let t = this.hi; t >= this.mode; t--) {
        const v = this.weight(t);
        if (!(v < threshold)) break;
        upper += v;
      }
      s += upper;
    } else {
      // upper tail from x, plus the lower-side tables at most γ·pexact likely
      for (let t = this.hi; t >= x; t--) s += this.weight(t);
      let lower = 0;
      for (let t = this.lo; t <= this.mode; t++) {
        const v = this.weight(t);
        if (!(v <= threshold)) break;
        lower += v;
      }
      s += lower;
    }
    return s / this.sum;
  }
}
