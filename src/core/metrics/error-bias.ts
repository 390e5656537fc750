/**
 * Regression error bias against a feature.
 *
 * `errorBiasByFeature` is Evidently's "error bias" table (`legacy/calculations/regression_performance.py`
 * `error_with_quantiles` + `_error_num_feature_bias` / `_error_cat_feature_bias`, used by
 * `RegressionErrorBiasTable`, Apache-2.0). Note that Evidently groups the rows by **error** quantile, not by
 * feature quantile: with error = prediction − target and `topError` (default 0.05),
 * - under = rows with error ≤ q(topError) (largest underestimation),
 * - over = rows with error ≥ q(1 − topError) (largest overestimation),
 * - majority = the rows in between (Evidently's "expected" group),
 * using NumPy's linear quantile. For a numeric feature the table reports the feature's mean over all rows
 * (Evidently's `majority` column is this overall mean, not the middle group's), over `under` and over `over`,
 * and range = 100·|mean_over − mean_under| / (max − min of the feature) (0 when the two means are equal).
 * Feature means skip NaN (pandas). The mean error of each group (Evidently's "underperformance" table) is
 * reported too.
 *
 * `errorByFeatureQuantile` is the converse view: rows grouped by the feature's own quantiles (low: feature ≤
 * q_low, middle, high: feature ≥ q_high, same inclusive pattern) with the mean error of each group. It is not
 * an Evidently metric.
 * @module
 */
import { quantileSorted } from '../stats/quantile.ts';
import { sortFloat64 } from '../stats/sort-float64.ts';
import { CompensatedSum } from './compensated-sum.ts';
import { assertFinite, assertLength, checkOption } from './validate.ts';

export interface ErrorBiasOptions {
  /** Share of rows in each tail group, in (0, 0.5). Default 0.05 (Evidently's `TOP_ERROR_DEFAULT`). */
  readonly topError?: number;
}

export interface ErrorGroupStats {
  readonly rows: number;
  /** Mean of prediction − target in the group; NaN if empty. */
  readonly meanError: number;
}

export interface ErrorBias {
  readonly topError: number;
  /** q(topError) and q(1 − topError) of the error. */
  readonly errorQuantileLow: number;
  readonly errorQuantileHigh: number;
  readonly under: ErrorGroupStats & { readonly featureMean: number };
  readonly majority: ErrorGroupStats & { readonly featureMean: number };
  readonly over: ErrorGroupStats & { readonly featureMean: number };
  /** Mean of the feature over all rows: Evidently's `current_majority` / `ref_majority` value. */
  readonly featureMean: number;
  /** 100·|over.featureMean − under.featureMean| / (max − min): Evidently's `range`. */
  readonly range: number;
}

export interface CategoricalErrorBias {
  readonly topError: number;
  readonly errorQuantileLow: number;
  readonly errorQuantileHigh: number;
  /** Most frequent category code overall / in the under and over groups (−1 if none). */
  readonly mode: number;
  readonly underMode: number;
  readonly overMode: number;
  /** 1 if the three modes are not all equal, else 0 (Evidently's `range` for categorical features). */
  readonly range: number;
}

function errors(target: Float64Array, prediction: Float64Array): Float64Array {
  const e = new Float64Array(target.length);
  for (let i = 0; i < e.length; i++) e[i] = prediction[i]! - target[i]!;
  return e;
}

function errorQuantiles(err: Float64Array, topError: number): [number, number] {
  const sorted = sortFloat64(err.slice());
  return [quantileSorted(sorted, topError), quantileSorted(sorted, 1 - topError)];
}

function checkInputs(
  target: Float64Array,
  prediction: Float64Array,
  featureLength: number,
  topError: number,
): void {
  checkOption(topError > 0 && topError < 0.5, `topError must be in (0, 0.5), got ${topError}`);
  assertLength(target.length, { prediction, feature: { length: featureLength } });
  assertFinite('target', target);
  assertFinite('prediction', prediction);
}

/** Evidently's error-bias row of a numeric feature (NaN feature values are skipped in the means). */
export function errorBiasByFeature(
  target: Float64Array,
  prediction: Float64Array,
  feature: Float64Array,
  options: ErrorBiasOptions = {},
): ErrorBias {
  const topError = options.topError ?? 0.05;
  checkInputs(target, prediction, feature.length, topError);
  const err = errors(target, prediction);
  const [qLow, qHigh] = errorQuantiles(err, topError);
  // group 0 under, 1 majority, 2 over, 3 all
  const rows = [0, 0, 0];
  const errSum = [new CompensatedSum(), new CompensatedSum(), new CompensatedSum()];
  const featSum = [new CompensatedSum(), new CompensatedSum(), new CompensatedSum(), new CompensatedSum()];
  const featCount = [0, 0, 0, 0];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const addFeature = (g: number, x: number) => {
    featSum[g]!.add(x);
    featCount[g]!++;
  };
  for (let i = 0; i < err.length; i++) {
    const e = err[i]!;
    const x = feature[i]!;
    const groups: number[] = [];
    if (e <= qLow) groups.push(0);
    if (e > qLow && e < qHigh) groups.push(1);
    if (e >= qHigh) groups.push(2);
    for (const g of groups) {
      rows[g]!++;
      errSum[g]!.add(e);
      if (!Number.isNaN(x)) addFeature(g, x);
    }
    if (!Number.isNaN(x)) {
      addFeature(3, x);
      if (x < min) min = x;
      if (x > max) max = x;
    }
  }
  const featureMeanOf = (g: number) =>
    featCount[g] === 0 ? Number.NaN : featSum[g]!.value() / featCount[g]!;
  const group = (g: number) =>
    Object.freeze({
      rows: rows[g]!,
      meanError: rows[g] === 0 ? Number.NaN : errSum[g]!.value() / rows[g]!,
      featureMean: featureMeanOf(g),
    });
  const under = group(0);
  const over = group(2);
  const range =
    over.featureMean === under.featureMean
      ? 0
      : (100 * Math.abs(over.featureMean - under.featureMean)) / (max - min);
  return Object.freeze({
    topError,
    errorQuantileLow: qLow,
    errorQuantileHigh: qHigh,
    under,
    majority: group(1),
    over,
    featureMean: featureMeanOf(3),
    range,
  });
}

/**
 * Most frequent code among `codes[i]` for the rows selected by `keep` (negative codes = missing, skipped);
 * ties go to the code seen first, like Evidently's `value_counts().reindex(pd.unique(...)).idxmax()`.
 */
function modeOf(codes: Int32Array, keep: (i: number) => boolean): number {
  const counts = new Map<number, number>();
  let best = -1;
  let bestCount = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0 || !keep(i)) continue;
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  // Scan in first-appearance order (Map iteration order) for the first maximum.
  for (const [code, count] of counts) {
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  return best;
}

/** Evidently's error-bias row of a categorical feature given as category codes (negative = missing). */
export function errorBiasByCategory(
  target: Float64Array,
  prediction: Float64Array,
  codes: Int32Array,
  options: ErrorBiasOptions = {},
): CategoricalErrorBias {
  const topError = options.topError ?? 0.05;
  checkInputs(target, prediction, codes.length, topError);
  const err = errors(target, prediction);
  const [qLow, qHigh] = errorQuantiles(err, topError);
  const mode = modeOf(codes, () => true);
  const underMode = modeOf(codes, (i) => err[i]! <= qLow);
  const overMode = modeOf(codes, (i) => err[i]! >= qHigh);
  return Object.freeze({
    topError,
    errorQuantileLow: qLow,
    errorQuantileHigh: qHigh,
    mode,
    underMode,
    overMode,
    range: mode !== underMode || overMode !== mode ? 1 : 0,
  });
}

export interface FeatureQuantileOptions {
  /** Lower and upper quantile of the feature. Default [0.05, 0.95]. */
  readonly quantiles?: readonly [number, number];
}

export interface ErrorByFeatureQuantile {
  readonly quantiles: readonly [number, number];
  /** The feature's values at the two quantiles (NumPy linear quantile over non-NaN values). */
  readonly featureQuantileLow: number;
  readonly featureQuantileHigh: number;
  readonly low: ErrorGroupStats;
  readonly middle: ErrorGroupStats;
  readonly high: ErrorGroupStats;
  /** Rows whose feature value is NaN (in no group). */
  readonly missing: number;
}

/** Mean error in the feature's low (≤ q_low), middle and high (≥ q_high) groups. */
export function errorByFeatureQuantile(
  target: Float64Array,
  prediction: Float64Array,
  feature: Float64Array,
  options: FeatureQuantileOptions = {},
): ErrorByFeatureQuantile {
  const quantiles = options.quantiles ?? ([0.05, 0.95] as const);
  const [lo, hi] = quantiles;
  checkOption(
    lo >= 0 && lo <= hi && hi <= 1,
    `quantiles must satisfy 0 ≤ low ≤ high ≤ 1, got [${lo}, ${hi}]`,
  );
  assertLength(target.length, { prediction, feature });
  assertFinite('target', target);
  assertFinite('prediction', prediction);
  const present: number[] = [];
  for (let i = 0; i < feature.length; i++) if (!Number.isNaN(feature[i]!)) present.push(feature[i]!);
  const sorted = sortFloat64(Float64Array.from(present));
  const qLow = quantileSorted(sorted, lo);
  const qHigh = quantileSorted(sorted, hi);
  const rows = [0, 0, 0];
  const sums = [new CompensatedSum(), new CompensatedSum(), new CompensatedSum()];
  for (let i = 0; i < feature.length; i++) {
    const x = feature[i]!;
    if (Number.isNaN(x)) continue;
    const e = prediction[i]! - target[i]!;
    const groups: number[] = [];
    if (x <= qLow) groups.push(0);
    if (x > qLow && x < qHigh) groups.push(1);
    if (x >= qHigh) groups.push(2);
    for (const g of groups) {
      rows[g]!++;
      sums[g]!.add(e);
    }
  }
  const group = (g: number) =>
    Object.freeze({ rows: rows[g]!, meanError: rows[g] === 0 ? Number.NaN : sums[g]!.value() / rows[g]! });
  return Object.freeze({
    quantiles: Object.freeze([lo, hi] as const),
    featureQuantileLow: qLow,
    featureQuantileHigh: qHigh,
    low: group(0),
    middle: group(1),
    high: group(2),
    missing: feature.length - present.length,
  });
}
