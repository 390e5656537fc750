/**
 * Isotonic (monotonically increasing) regression fitted with the pool-adjacent-violators algorithm, predicting by
 * linear interpolation and clipping outside the fitted range: scikit-learn's
 * `IsotonicRegression(increasing=True, out_of_bounds='clip', y_min, y_max)`, which NannyML's `IsotonicCalibrator`
 * uses (with y ∈ {0, 1} the fitted values lie in [0, 1] whatever y_min/y_max).
 *
 * Ported from scikit-learn 1.2.1 (BSD-3): `sklearn/isotonic.py` (`_build_y`, `_build_f`, `transform`) and
 * `sklearn/_isotonic.pyx` (`_make_unique`, `_inplace_contiguous_isotonic_regression`), and scipy 1.10.1
 * `interp1d(kind='linear')._call_linear` for prediction. Steps:
 * 1. sort by (x, y) (`np.lexsort((y, X))`);
 * 2. merge rows whose x is within `eps` = 1e-15 (`np.finfo(float64).resolution`) of the first x of the group,
 *    averaging y, weight = group size;
 * 3. PAVA with backtracking over the merged points, pooling while y[i] ≥ y[next] (ties are pooled too);
 * 4. clip to [y_min, y_max];
 * 5. keep the first and last point and every point whose fitted y differs from its neighbour before or after;
 * 6. predict: clip x to [x_min, x_max], find `hi` = first threshold ≥ x (clamped to 1 … m−1), and return
 *    slope·(x − x[lo]) + y[lo] with slope = (y[hi] − y[lo]) / (x[hi] − x[lo]) (exactly scipy's arithmetic, so that
 *    a threshold itself may differ from y[hi] in the last bit, as in scikit-learn); a single point predicts y[0].
 * @module
 */
import { stableArgsort } from './stable-argsort.ts';

/** A fitted isotonic regression. */
export interface IsotonicModel {
  /** Interpolation knots, increasing (scikit-learn's `X_thresholds_`). */
  readonly xThresholds: Float64Array;
  /** Fitted values at the knots, non-decreasing (scikit-learn's `y_thresholds_`). */
  readonly yThresholds: Float64Array;
  /** Smallest and largest training x (`X_min_`, `X_max_`); predictions clip x to this range. */
  readonly xMin: number;
  readonly xMax: number;
}

export interface IsotonicOptions {
  /** Lower bound of the fitted values. Default −∞. */
  readonly yMin?: number;
  /** Upper bound of the fitted values. Default +∞. */
  readonly yMax?: number;
  /**
   * Row order sorted by x then y (`np.lexsort((y, x))`), if the caller has it. With y ∈ {0, 1} any order sorted by
   * x gives the same fit (the per-x sums of y are exact), which lets callers reuse one sort for many subsets.
   */
  readonly order?: ArrayLike<number>;
}

/** `np.finfo(np.float64).resolution`: x values closer than this to a group's first x are merged into it. */
const EPS = 1e-15;

/** Row order by (x, y) as `np.lexsort((y, x))`: a stable sort by y, then a stable sort by x. */
function lexsortXY(x: Float64Array, y: ArrayLike<number>): Uint32Array {
  const byY = stableArgsort(Float64Array.from(y));
  const xByY = new Float64Array(x.length);
  for (let i = 0; i < byY.length; i++) xByY[i] = x[byY[i]!]!;
  const byX = stableArgsort(xByY);
  const order = new Uint32Array(x.length);
  for (let i = 0; i < byX.length; i++) order[i] = byY[byX[i]!]!;
  return order;
}

/** In-place PAVA of `_inplace_contiguous_isotonic_regression` (weighted, increasing). */
function pava(y: Float64Array, w: Float64Array): void {
  const n = y.length;
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) target[i] = i;
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      // within a decreasing (non-increasing) run: pool block k into block i
      const prevY = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || prevY < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!; // backtrack to the start of the previous block
        break;
      }
    }
  }
  i = 0;
  while (i < n) {
    const k = target[i]! + 1;
    y.fill(y[i]!, i + 1, k);
    i = k;
  }
}

/**
 * Fit `y ≈ f(x)` with f non-decreasing. `x` must not contain NaN; `y` holds the targets (0/1 for calibration).
 * With `options.order`, only the rows listed there are fitted. Returns null when there is no row.
 */
export function fitIsotonic(
  x: Float64Array,
  y: ArrayLike<number>,
  options: IsotonicOptions = {},
): IsotonicModel | null {
  const order = options.order ?? lexsortXY(x, y);
  const n = order.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const r = order[j]!;
    xs[j] = x[r]!;
    ys[j] = y[r]!;
  }
  return fitIsotonicSorted(xs, ys, options);
}

/** As `fitIsotonic` for rows already sorted by (x, y) (`options.order` is ignored). */
export function fitIsotonicSorted(
  xSorted: Float64Array,
  ySorted: ArrayLike<number>,
  options: Pick<IsotonicOptions, 'yMin' | 'yMax'> = {},
): IsotonicModel | null {
  const n = xSorted.length;
  if (n === 0) return null;
  // _make_unique: merge x within EPS of the group's first x; y averaged, weight = count.
  const ux = new Float64Array(n);
  const uy = new Float64Array(n);
  const uw = new Float64Array(n);
  let m = 0;
  let currentX = xSorted[0]!;
  let currentY = 0;
  let currentW = 0;
  for (let j = 0; j < n; j++) {
    const xv = xSorted[j]!;
    if (xv - currentX >= EPS) {
      ux[m] = currentX;
      uw[m] = currentW;
      uy[m] = currentY / currentW;
      m++;
      currentX = xv;
      currentW = 1;
      currentY = ySorted[j]!;
    } else {
      currentW += 1;
      currentY += ySorted[j]!;
    }
  }
  ux[m] = currentX;
  uw[m] = currentW;
  uy[m] = currentY / currentW;
  m++;
  const xs = ux.subarray(0, m);
  const ys = uy.subarray(0, m);
  pava(ys, uw.subarray(0, m));
  const yMin = options.yMin ?? Number.NEGATIVE_INFINITY;
  const yMax = options.yMax ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < m; i++) ys[i] = Math.min(Math.max(ys[i]!, yMin), yMax);
  // Trim points whose fitted value equals both neighbours'.
  const keepX: number[] = [];
  const keepY: number[] = [];
  for (let i = 0; i < m; i++) {
    if (i === 0 || i === m - 1 || ys[i] !== ys[i - 1] || ys[i] !== ys[i + 1]) {
      keepX.push(xs[i]!);
      keepY.push(ys[i]!);
    }
  }
  return Object.freeze({
    xThresholds: Float64Array.from(keepX),
    yThresholds: Float64Array.from(keepY),
    xMin: xs[0]!,
    xMax: xs[m - 1]!,
  });
}

/** Predict one value (scikit-learn's `predict` with `out_of_bounds='clip'`). */
export function predictIsotonicValue(model: IsotonicModel, value: number): number {
  const xt = model.xThresholds;
  const yt = model.yThresholds;
  const m = xt.length;
  if (m === 1) return yt[0]!;
  const v = Math.min(Math.max(value, model.xMin), model.xMax);
  // searchsorted(x, v, side='left'), clamped to [1, m − 1]
  let lo = 0;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xt[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  const h = Math.min(Math.max(lo, 1), m - 1);
  const xLo = xt[h - 1]!;
  const yLo = yt[h - 1]!;
  const slope = (yt[h]! - yLo) / (xt[h]! - xLo);
  return slope * (v - xLo) + yLo;
}

/** Predict every value of `values` (NaN stays NaN). */
export function predictIsotonic(model: IsotonicModel, values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isNaN(v) ? Number.NaN : predictIsotonicValue(model, v);
  }
  return out;
}

/**
 * As `predictIsotonic`, walking the knots once along `ascending` (the values' ascending order) instead of a
 * binary search per value. Same results.
 */
export function predictIsotonicAscending(
  model: IsotonicModel,
  values: Float64Array,
  ascending: Uint32Array,
): Float64Array {
  const xt = model.xThresholds;
  const yt = model.yThresholds;
  const m = xt.length;
  const out = new Float64Array(values.length);
  if (m === 1) return out.fill(yt[0]!);
  let pos = 0;
  for (let k = 0; k < ascending.length; k++) {
    const row = ascending[k]!;
    const v = Math.min(Math.max(values[row]!, model.xMin), model.xMax);
    while (pos < m && xt[pos]! < v) pos++;
    const h = Math.min(Math.max(pos, 1), m - 1);
    const xLo = xt[h - 1]!;
    const yLo = yt[h - 1]!;
    out[row] = ((yt[h]! - yLo) / (xt[h]! - xLo)) * (v - xLo) + yLo;
  }
  return out;
}
