/**
 * Cressie-Read power-divergence goodness-of-fit tests on category counts: Pearson's χ² (Evidently
 * `chisquare`) and the log-likelihood-ratio G-test (Evidently `g_test`).
 *
 * Ported from scipy 1.10.1 scipy/stats/_stats_py.py `power_divergence` / `chisquare` (BSD-3), and Evidently
 * src/evidently/legacy/calculations/stattests/chisquare_stattest.py and g_stattest.py (Apache-2.0) for how
 * the observed and expected frequencies are built from the two samples.
 * @module
 */

import { UsageError } from '../errors.ts';
import { chi2Sf } from './special/index.ts';

/** Why a power-divergence p-value is NaN. */
export type PowerDivergenceUndefinedReason =
  /** Fewer than 2 categories: df = k − 1 = 0 (scipy returns p = NaN). */
  | 'single-category'
  /** Σ f_obs and Σ f_exp differ by more than 1e-8 relative: scipy ≥ 1.9 raises a ValueError. */
  | 'sums-differ'
  /** A category with f_obs = f_exp = 0 makes a 0/0 term (scipy gives NaN). */
  | 'empty-category';

/** Result of a power-divergence test. */
export interface PowerDivergenceResult {
  /** The test statistic (χ² for Pearson, G for log-likelihood); +∞ when an expected count is 0 but observed > 0. */
  readonly statistic: number;
  /** Upper-tail χ² probability of `statistic` with `df` degrees of freedom; NaN when undefined. */
  readonly pValue: number;
  /** Degrees of freedom, k − 1. */
  readonly df: number;
  /** Set only when `pValue` is NaN because of the data. */
  readonly undefinedReason?: PowerDivergenceUndefinedReason;
}

/** λ of the Cressie-Read family: 1 = Pearson χ², 0 = log-likelihood ratio (G-test). */
export type PowerDivergenceLambda = 'pearson' | 'log-likelihood' | number;

/** Relative tolerance of scipy's check that Σ f_obs = Σ f_exp (scipy 1.10.1 `power_divergence`, `rtol = 1e-8`). */
const SUM_RTOL = 1e-8;

function checkSameLength(a: Float64Array, b: Float64Array, what: string): void {
  if (a.length !== b.length) {
    throw new UsageError(
      'DW_STATS_LENGTH_MISMATCH',
      `${what}: both count arrays must have one entry per category (got ${a.length} and ${b.length}).`,
    );
  }
}

/** x·ln(y) with xlogy's convention 0·ln(y) = 0 unless y is NaN (scipy.special.xlogy). */
function xlogy(x: number, y: number): number {
  if (x === 0 && !Number.isNaN(y)) return 0;
  return x * Math.log(y);
}

/**
 * Cressie-Read power-divergence test of observed frequencies against expected frequencies, as
 * `scipy.stats.power_divergence(fObs, fExp, lambda_)` (ddof = 0). Where scipy raises because the sums
 * differ, this returns NaN with `undefinedReason: 'sums-differ'`.
 */
export function powerDivergence(
  fObs: Float64Array,
  fExp: Float64Array,
  lambda: PowerDivergenceLambda = 'pearson',
): PowerDivergenceResult {
  checkSameLength(fObs, fExp, 'powerDivergence');
  const lam = lambda === 'pearson' ? 1 : lambda === 'log-likelihood' ? 0 : lambda;
  if (!Number.isFinite(lam)) {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `powerDivergence: lambda must be a finite number (got ${lam}).`,
    );
  }
  const k = fObs.length;
  const df = k - 1;
  let sumObs = 0;
  let sumExp = 0;
  for (let i = 0; i < k; i++) {
    sumObs += fObs[i]!;
    sumExp += fExp[i]!;
  }
  // scipy: |Σobs − Σexp| / min(Σobs, Σexp) > rtol raises (0/0 = NaN does not).
  if (Math.abs(sumObs - sumExp) / Math.min(sumObs, sumExp) > SUM_RTOL) {
    return Object.freeze({ statistic: Number.NaN, pValue: Number.NaN, df, undefinedReason: 'sums-differ' });
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const o = fObs[i]!;
    const e = fExp[i]!;
    let term: number;
    if (lam === 1) {
      const d = o - e;
      term = (d * d) / e;
    } else if (lam === 0) {
      term = 2 * xlogy(o, o / e);
    } else if (lam === -1) {
      term = 2 * xlogy(e, e / o);
    } else {
      term = (o * ((o / e) ** lam - 1)) / (0.5 * lam * (lam + 1));
    }
    statistic += term;
  }
  if (Number.isNaN(statistic)) {
    return Object.freeze({ statistic, pValue: Number.NaN, df, undefinedReason: 'empty-category' });
  }
  if (df < 1) {
    return Object.freeze({ statistic, pValue: Number.NaN, df, undefinedReason: 'single-category' });
  }
  const pValue = statistic === Number.POSITIVE_INFINITY ? 0 : chi2Sf(statistic, df);
  return Object.freeze({ statistic, pValue, df });
}

/**
 * Evidently's `chisquare` drift test: Pearson's χ² goodness of fit of the current counts against the
 * reference counts rescaled to the current total (f_exp = ref × n_cur / n_ref, df = k − 1).
 * A category absent from the reference but present in the current data gives χ² = +∞ and p = 0.
 * @param refCounts - reference count per category (union of both samples' categories).
 * @param curCounts - current count per category, aligned with `refCounts`.
 */
export function chiSquareTest(refCounts: Float64Array, curCounts: Float64Array): PowerDivergenceResult {
  checkSameLength(refCounts, curCounts, 'chiSquareTest');
  return powerDivergence(curCounts, rescaleToTotal(refCounts, curCounts), 'pearson');
}

/** Options of {@link gTest}. */
export interface GTestOptions {
  /**
   * How the expected frequencies are built from the reference counts.
   * - `'raw'` (default): the raw reference counts, as Evidently 0.7.21 `g_stattest.py` does. When the two
   *   samples have different sizes scipy ≥ 1.9 raises (sums differ) and so does Evidently; here the result
   *   is NaN with `undefinedReason: 'sums-differ'`.
   * - `'rescaled'`: reference counts × n_cur / n_ref, like `chisquare` (the fix proposed upstream in
   *   evidentlyai/evidently#1928); defined for any sizes. Identical to `'raw'` when the sizes are equal.
   */
  readonly expected?: 'raw' | 'rescaled';
}

/**
 * Evidently's `g_test` drift test: the G-test (power divergence with λ = 0, "log-likelihood") of the
 * current counts against the reference counts, df = k − 1.
 * @param refCounts - reference count per category (union of both samples' categories).
 * @param curCounts - current count per category, aligned with `refCounts`.
 */
export function gTest(
  refCounts: Float64Array,
  curCounts: Float64Array,
  options: GTestOptions = {},
): PowerDivergenceResult {
  checkSameLength(refCounts, curCounts, 'gTest');
  const expected = options.expected ?? 'raw';
  if (expected !== 'raw' && expected !== 'rescaled') {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `gTest: expected must be 'raw' or 'rescaled' (got ${String(expected)}).`,
    );
  }
  const fExp = expected === 'raw' ? refCounts : rescaleToTotal(refCounts, curCounts);
  return powerDivergence(curCounts, fExp, 'log-likelihood');
}

/** ref × (n_cur / n_ref), with the factor computed first as Evidently does (`k_norm`). */
function rescaleToTotal(refCounts: Float64Array, curCounts: Float64Array): Float64Array {
  let nRef = 0;
  let nCur = 0;
  for (let i = 0; i < refCounts.length; i++) {
    nRef += refCounts[i]!;
    nCur += curCounts[i]!;
  }
  const kNorm = nCur / nRef;
  const out = new Float64Array(refCounts.length);
  for (let i = 0; i < refCounts.length; i++) out[i] = refCounts[i]! * kNorm;
  return out;
}
