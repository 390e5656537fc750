/**
 * Student's two-sample t-test with pooled variance, Evidently's `t_test` drift method
 * (`scipy.stats.ttest_ind(ref, cur)`, equal_var=True).
 *
 * Ported from scipy 1.10.1 scipy/stats/_stats_py.py `ttest_ind`, `_equal_var_ttest_denom`,
 * `_ttest_ind_from_stats` and `_ttest_finish` (BSD-3). scipy's two-sided p-value is
 * `stdtr(df, -|t|) * 2`, i.e. twice the upper tail, computed here as `2 * studentTSf(|t|, df)`.
 * @module
 */

import { UsageError } from '../errors.ts';
import { studentTCdf, studentTSf } from './special/index.ts';

/** Alternative hypothesis: 'less' means mean(a) < mean(b). */
export type TTestAlternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link tTest}. */
export interface TTestOptions {
  /** Alternative hypothesis (default `'two-sided'`, as Evidently). */
  readonly alternative?: TTestAlternative;
}

/** Result of {@link tTest}. */
export interface TTestResult {
  /** t statistic; NaN when both samples have zero variance and equal means (0/0), ±∞ for zero variance otherwise. */
  readonly statistic: number;
  /** p-value; NaN when the statistic or the degrees of freedom are undefined. */
  readonly pValue: number;
  /** Degrees of freedom n1 + n2 − 2. */
  readonly df: number;
}

/**
 * Σ values[from … from+n) exactly as numpy's float64 pairwise summation (`DOUBLE_pairwise_sum` in
 * numpy/core/src/umath/loops_utils.h.src): fewer than 8 terms are added in order; up to 128 terms use 8
 * interleaved accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the remainder; longer
 * runs are split in two halves (the first a multiple of 8).
 */
function numpyPairwise(values: Float64Array, from: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[from + i]!;
    return res;
  }
  if (n <= 128) {
    let r0 = values[from]!;
    let r1 = values[from + 1]!;
    let r2 = values[from + 2]!;
    let r3 = values[from + 3]!;
    let r4 = values[from + 4]!;
    let r5 = values[from + 5]!;
    let r6 = values[from + 6]!;
    let r7 = values[from + 7]!;
    let i = 8;
    const end = n - (n % 8);
    for (; i < end; i += 8) {
      const b = from + i;
      r0 += values[b]!;
      r1 += values[b + 1]!;
      r2 += values[b + 2]!;
      r3 += values[b + 3]!;
      r4 += values[b + 4]!;
      r5 += values[b + 5]!;
      r6 += values[b + 6]!;
      r7 += values[b + 7]!;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[from + i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpyPairwise(values, from, n2) + numpyPairwise(values, from + n2, n - n2);
}

/**
 * Sum of a float64 array in the same order as numpy 1.24 `np.sum` / `add.reduce` on a contiguous array
 * (Evidently's environment): the reduction runs over buffers of 8192 elements, each summed pairwise, the
 * buffer sums added in order. Bit-identical results keep means of large, nearly equal values (where the
 * t statistic is a difference of two such means) identical to scipy's. (numpy 2.x no longer splits into
 * 8192-element buffers; the difference is in the last bits.)
 */
export function numpySum(values: Float64Array): number {
  const BUFFER = 8192;
  let acc = 0;
  for (let start = 0; start < values.length; start += BUFFER) {
    acc += numpyPairwise(values, start, Math.min(BUFFER, values.length - start));
  }
  return acc;
}

/**
 * Mean and variance (ddof = 1) as scipy 1.10.1 `ttest_ind` computes them: `np.mean(x)` and
 * `_var(x, ddof=1)` = `np.mean((x − mean)²) · (n / (n − 1))` (scipy's `_moment`, not numpy's `var`).
 */
function meanVar(x: Float64Array): { mean: number; variance: number } {
  const n = x.length;
  const mean = numpySum(x) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    sq[i] = d * d;
  }
  return { mean, variance: (numpySum(sq) / n) * (n / (n - 1)) };
}

/**
 * Two-sample t-test with pooled variance, as `scipy.stats.ttest_ind(a, b)` (equal_var=True).
 * Samples need not be sorted. Means and variances are summed in numpy 1.24's order, so passing the samples
 * in their original row order gives results bit-identical to scipy's even when the means are large and
 * nearly equal; any other order (e.g. sorted) is equally accurate but may differ in the last bits, which
 * that cancellation can amplify (1e-6 relative for means ≈ 1e6 that differ by 1e-4).
 * With n1 = n2 = 1 the variance is undefined and the result is NaN (scipy returns NaN with a warning).
 */
export function tTest(a: Float64Array, b: Float64Array, options: TTestOptions = {}): TTestResult {
  const alternative = options.alternative ?? 'two-sided';
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new UsageError('DW_STATS_BAD_OPTION', `tTest: unknown alternative '${String(alternative)}'.`);
  }
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) {
    // scipy 1.10.1 returns (nan, nan) for an empty sample.
    return Object.freeze({ statistic: Number.NaN, pValue: Number.NaN, df: Number.NaN });
  }
  const sa = meanVar(a);
  const sb = meanVar(b);
  const df = n1 + n2 - 2.0;
  const svar = ((n1 - 1) * sa.variance + (n2 - 1) * sb.variance) / df;
  const denom = Math.sqrt(svar * (1.0 / n1 + 1.0 / n2));
  const t = (sa.mean - sb.mean) / denom;
  let pValue: number;
  if (Number.isNaN(t) || !(df > 0)) pValue = Number.NaN;
  else if (!Number.isFinite(t)) {
    // zero pooled variance with different means: the t distribution puts no mass at ±∞
    const towardAlt = alternative === 'two-sided' || (alternative === 'less' ? t < 0 : t > 0);
    pValue = towardAlt ? 0 : 1;
  } else if (alternative === 'two-sided') pValue = 2 * studentTSf(Math.abs(t), df);
  else if (alternative === 'less') pValue = studentTCdf(t, df);
  else pValue = studentTSf(t, df);
  return Object.freeze({ statistic: t, pValue, df });
}
