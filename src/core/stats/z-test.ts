/**
 * Pooled two-proportion z-test, Evidently's `z` drift method.
 *
 * Ported from Evidently src/evidently/legacy/calculations/stattests/z_stattest.py (Apache-2.0):
 * the categories are sorted, the first category counts as 0 and every other category as 1, and
 * z = (p1 − p2) / √(P(1 − P)(1/n1 + 1/n2)) with the pooled proportion P.
 *
 * Deviation (on purpose): Evidently computes the two-sided p-value as `2 * (1 - norm.cdf(|z|))`, which
 * underflows to 0 for |z| ≳ 8.3; here it is `2 * normalSf(|z|)`, accurate in the far tail. The drift
 * decision (`p < threshold`) is the same for any threshold above ~1e-15.
 * @module
 */

import { UsageError } from '../errors.ts';
import { normalCdf, normalSf } from './special/index.ts';

/** Alternative hypothesis of {@link zTest}. */
export type ZTestAlternative = 'two-sided' | 'less' | 'greater';

/** Options of {@link zTest}. */
export interface ZTestOptions {
  /** Alternative hypothesis (default `'two-sided'`, as Evidently). 'less'/'greater' refer to p_ref − p_cur. */
  readonly alternative?: ZTestAlternative;
}

/** Result of {@link zTest}. */
export interface ZTestResult {
  /** z statistic; NaN when both samples hold the same single category (then `pValue` is 1). */
  readonly statistic: number;
  /** p-value; 1 when both samples hold the same single category (Evidently's special case). */
  readonly pValue: number;
  /** Share of reference observations outside the first category (p1). */
  readonly refProportion: number;
  /** Share of current observations outside the first category (p2). */
  readonly curProportion: number;
}

/**
 * Pooled two-proportion z-test as Evidently's `z` method.
 * @param refCounts - reference count per category, in **sorted key order** (the first entry is the
 *   category mapped to 0; every other entry is mapped to 1).
 * @param curCounts - current count per category, aligned with `refCounts`.
 */
export function zTest(
  refCounts: Float64Array,
  curCounts: Float64Array,
  options: ZTestOptions = {},
): ZTestResult {
  if (refCounts.length !== curCounts.length) {
    throw new UsageError(
      'DW_STATS_LENGTH_MISMATCH',
      `zTest: both count arrays must have one entry per category (got ${refCounts.length} and ${curCounts.length}).`,
    );
  }
  const alternative = options.alternative ?? 'two-sided';
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new UsageError('DW_STATS_BAD_OPTION', `zTest: unknown alternative '${String(alternative)}'.`);
  }
  let n1 = 0;
  let n2 = 0;
  let refNonZero = 0;
  let curNonZero = 0;
  let refOnly = -1;
  let curOnly = -1;
  for (let i = 0; i < refCounts.length; i++) {
    const r = refCounts[i]!;
    const c = curCounts[i]!;
    n1 += r;
    n2 += c;
    if (r > 0) {
      refNonZero++;
      refOnly = i;
    }
    if (c > 0) {
      curNonZero++;
      curOnly = i;
    }
  }
  if (n1 === 0 || n2 === 0) {
    throw new UsageError('DW_STATS_EMPTY_SAMPLE', 'zTest: both samples must hold at least one observation.');
  }
  const s1 = n1 - refCounts[0]!;
  const s2 = n2 - curCounts[0]!;
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  // Evidently: both sides hold one and the same value → p = 1 (the z statistic would be 0/0).
  if (refNonZero === 1 && curNonZero === 1 && refOnly === curOnly) {
    return Object.freeze({ statistic: Number.NaN, pValue: 1, refProportion: p1, curProportion: p2 });
  }
  // Literal order of operations of Evidently's proportions_diff_z_stat_ind.
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
  let pValue: number;
  if (alternative === 'two-sided') pValue = 2 * normalSf(Math.abs(z));
  else if (alternative === 'less') pValue = normalCdf(z);
  else pValue = normalSf(z);
  return Object.freeze({ statistic: z, pValue, refProportion: p1, curProportion: p2 });
}
