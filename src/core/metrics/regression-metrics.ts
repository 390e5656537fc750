/**
 * Quality metrics of a regression model, error = prediction − target.
 *
 * scikit-learn 1.2.1 (`sklearn/metrics/_regression.py`, BSD-3): `mae` = mean |error|, `mse` = mean error²,
 * `rmse` = √mse, `maxAbsError` = max |error| (`max_error`), `medianAbsError` = median |error|
 * (`median_absolute_error`), `mapeFraction` = mean(|error| / max(|target|, ε)) (`mean_absolute_percentage_error`,
 * a fraction, ε = 2^−52), `r2` = 1 − Σerror²/Σ(target − mean target)² (`r2_score` with force_finite: 1 when
 * both sums are 0, 0 when only the denominator is 0, NaN for fewer than 2 rows).
 *
 * Evidently (`legacy/calculations/regression_performance.py::_calculate_quality_metrics`, Apache-2.0):
 * `meanError` = mean(prediction − target) and `mape` = 100 · mean(|error| / max(target, ε)) — a **percent**,
 * and the denominator is `np.maximum(target, ε)`, not |target|: a zero target gives |error|/ε (≈ 4.5e15 ×
 * |error|), and so does a **negative** target. This is Evidently's definition, reproduced as is; use
 * `mapeFraction` for scikit-learn's.
 *
 * `errorQuantiles` are NumPy's default (linear) quantiles of the signed error.
 *
 * Dummy baselines (Evidently `RegressionDummyMetric`, "dummy by current" by default, or fitted on another
 * target column such as the reference's): MAE of the constant median, RMSE of the constant mean, MAPE (percent,
 * scikit-learn's definition × 100) of the constant that Evidently takes as the MAPE-optimal one (the weighted
 * median of the non-zero targets with weights 1/y; NaN if there is none), and the max |target − median|.
 * Evidently 0.7's v2 `DummyMAE`/`DummyMAPE` read the model's own MAE/MAPE field by mistake; the legacy
 * `*_default` values are the ones reproduced here.
 * @module
 */
import { quantileSorted } from '../stats/quantile.ts';
import { sortFloat64 } from '../stats/sort-float64.ts';
import { CompensatedSum } from './compensated-sum.ts';
import { assertFinite, assertLength } from './validate.ts';

const EPS = 2 ** -52;

export interface RegressionMetricsInput {
  readonly target: Float64Array;
  readonly prediction: Float64Array;
  /** Target values the dummy constants are fitted on. Default: `target` (Evidently's "dummy by current"). */
  readonly dummyTarget?: Float64Array;
}

export interface ErrorQuantiles {
  readonly q05: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q95: number;
}

export interface RegressionDummyMetrics {
  readonly mae: number;
  readonly rmse: number;
  /** Percent. */
  readonly mape: number;
  readonly maxAbsError: number;
}

export interface RegressionMetrics {
  readonly rows: number;
  readonly meanError: number;
  readonly mae: number;
  readonly mse: number;
  readonly rmse: number;
  /** Percent, Evidently's definition (see module comment). */
  readonly mape: number;
  /** Fraction, scikit-learn's `mean_absolute_percentage_error`. */
  readonly mapeFraction: number;
  readonly r2: number;
  readonly maxAbsError: number;
  readonly medianAbsError: number;
  readonly errorQuantiles: ErrorQuantiles;
  readonly dummy: RegressionDummyMetrics;
}

/** NumPy's median of sorted data: the middle value, or the mean (a + b)/2 of the two middle values. */
export function medianSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = n >> 1;
  return n % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/**
 * Evidently's MAPE-optimal constant: w = (1/y)/Σ(1/y) over the non-zero y (Σ summed in row order, like
 * Python's `sum`), sorted increasingly; the y whose cumulative weight first exceeds 0.5. NaN if none.
 */
export function mapeOptimalConstant(y: Float64Array): number {
  let total = 0;
  let m = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0) {
      total += 1 / y[i]!;
      m++;
    }
  }
  const w = new Float64Array(m);
  const value = new Float64Array(m);
  let j = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0) {
      w[j] = 1 / y[i]! / total;
      value[j] = y[i]!;
      j++;
    }
  }
  const sortedW = sortFloat64(w.slice());
  let cum = 0;
  for (let k = 0; k < m; k++) {
    cum += sortedW[k]!;
    if (cum > 0.5) {
      // Equal weights come from equal targets, so any row with this weight gives the constant.
      const target = sortedW[k]!;
      for (let i = 0; i < m; i++) if (w[i] === target) return value[i]!;
    }
  }
  return Number.NaN;
}

function dummyMetrics(target: Float64Array, fit: Float64Array): RegressionDummyMetrics {
  const n = target.length;
  if (n === 0 || fit.length === 0) {
    return Object.freeze({ mae: Number.NaN, rmse: Number.NaN, mape: Number.NaN, maxAbsError: Number.NaN });
  }
  const median = medianSorted(sortFloat64(fit.slice()));
  const fitSum = new CompensatedSum();
  for (let i = 0; i < fit.length; i++) fitSum.add(fit[i]!);
  const mean = fitSum.value() / fit.length;
  const constant = mapeOptimalConstant(fit);
  const abs = new CompensatedSum();
  const sq = new CompensatedSum();
  const pct = new CompensatedSum();
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const y = target[i]!;
    const a = Math.abs(y - median);
    abs.add(a);
    if (a > maxAbs) maxAbs = a;
    const d = y - mean;
    sq.add(d * d);
    pct.add(Math.abs(constant - y) / Math.max(Math.abs(y), EPS));
  }
  return Object.freeze({
    mae: abs.value() / n,
    rmse: Math.sqrt(sq.value() / n),
    mape: (pct.value() / n) * 100,
    maxAbsError: maxAbs,
  });
}

/** All regression quality metrics. Throws `DW_METRICS_*` usage errors for misaligned or non-finite input. */
export function regressionMetrics(input: RegressionMetricsInput): RegressionMetrics {
  const { target, prediction } = input;
  const n = target.length;
  assertLength(n, { prediction });
  assertFinite('target', target);
  assertFinite('prediction', prediction);
  if (input.dummyTarget !== undefined) assertFinite('dummyTarget', input.dummyTarget);

  const err = new Float64Array(n);
  const absErr = new Float64Array(n);
  const sumErr = new CompensatedSum();
  const sumAbs = new CompensatedSum();
  const sumSq = new CompensatedSum();
  const sumPct = new CompensatedSum();
  const sumPctFraction = new CompensatedSum();
  const sumTarget = new CompensatedSum();
  let maxAbs = n === 0 ? Number.NaN : 0;
  for (let i = 0; i < n; i++) {
    const y = target[i]!;
    const e = prediction[i]! - y;
    const a = Math.abs(e);
    err[i] = e;
    absErr[i] = a;
    sumErr.add(e);
    sumAbs.add(a);
    sumSq.add(e * e);
    sumPct.add(a / Math.max(y, EPS));
    sumPctFraction.add(a / Math.max(Math.abs(y), EPS));
    sumTarget.add(y);
    if (a > maxAbs) maxAbs = a;
  }
  const meanTarget = sumTarget.value() / n;
  const sumDev = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const d = target[i]! - meanTarget;
    sumDev.add(d * d);
  }
  const numerator = sumSq.value();
  const denominator = sumDev.value();
  let r2: number;
  if (n < 2) r2 = Number.NaN;
  else if (denominator !== 0) r2 = 1 - numerator / denominator;
  else r2 = numerator === 0 ? 1 : 0;

  sortFloat64(err);
  sortFloat64(absErr);
  const mse = sumSq.value() / n;
  return Object.freeze({
    rows: n,
    meanError: sumErr.value() / n,
    mae: sumAbs.value() / n,
    mse,
    rmse: Math.sqrt(mse),
    mape: (100 * sumPct.value()) / n,
    mapeFraction: sumPctFraction.value() / n,
    r2,
    maxAbsError: maxAbs,
    medianAbsError: medianSorted(absErr),
    errorQuantiles: Object.freeze({
      q05: quantileSorted(err, 0.05),
      q25: quantileSorted(err, 0.25),
      q50: quantileSorted(err, 0.5),
      q75: quantileSorted(err, 0.75),
      q95: quantileSorted(err, 0.95),
    }),
    dummy: dummyMetrics(target, input.dummyTarget ?? target),
  });
}
