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

/** Mean and variance (ddof = 1) in two passes, as numpy's `mean` and `var`. */
function meanVar(x: Float64Array): { mean: number; variance: number } {
  const n = x.length;
  // Neumaier-compensated sum: numpy's pairwise sum is within a few ulp of the exact sum, and so is this,
  // which keeps the mean difference accurate when both means are large and close.
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  const mean = (s + c) / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    ss += d * d;
  }
  return { mean, variance: ss / (n - 1) };
}

/**
 * Two-sample t-test with pooled variance, as `scipy.stats.ttest_ind(a, b)` (equal_var=True).
 * Samples need not be sorted. With n1 = n2 = 1 the variance is undefined and the result is NaN
 * (scipy returns NaN with a warning).
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
