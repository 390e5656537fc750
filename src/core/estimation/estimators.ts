/**
 * CBPE's estimators for one chunk of one binary (or one-vs-rest) problem: the expected confusion matrix and the
 * metrics derived from it, and the estimated ROC AUC and average precision.
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/performance_estimation/confidence_based/metrics.py` (Apache-2.0):
 * - expected confusion matrix from calibrated probabilities p̂: TP = Σ_{ŷ=1} p̂, FP = Σ_{ŷ=1} (1 − p̂),
 *   FN = Σ_{ŷ=0} p̂, TN = Σ_{ŷ=0} (1 − p̂) (`estimate_precision`, …: `np.sum(np.where(ŷ == 1, p̂, 0))`); the
 *   reported cells are `np.mean(np.where(…)) · n`;
 * - accuracy (TP + TN)/n, precision TP/(TP + FP), recall TP/(TP + FN), specificity TN/(TN + FP),
 *   F1 TP/(TP + ½(FP + FN)); 0/0 is NaN (e.g. precision with no predicted positive);
 * - `estimate_roc_auc`: rows sorted by the **uncalibrated** score, descending; TP_k = Σ of the first k p̂,
 *   FP_k = k − TP_k, both rounded to 5 decimals (`np.round`, half to even) with (0, 0) prepended;
 *   TPR = TP/TP_n, FPR = FP/FP_n; trapezoidal area (`sklearn.metrics.auc`);
 * - `estimate_ap`: the same cumulative sums, precision_k = TP_k / k (with 1 prepended), recall = TP/TP_n,
 *   AP = Σ (recall_k − recall_{k−1}) · precision_k (scikit-learn's step integral over the reversed arrays).
 * Sums use numpy's pairwise order (`numpySum`) and the arrays NannyML materialises, so results are bit-identical to
 * NannyML's for the same row order. Rows with tied uncalibrated scores are taken in reverse row order (a stable
 * ascending sort, reversed, as `np.argsort(...)[::-1]` does when numpy's sort keeps ties in order); for binary CBPE
 * ties have equal p̂ and the order does not matter.
 * @module
 */
import { numpySum } from '../stats/t-test.ts';

/** Expected confusion-matrix cells and the metrics derived from them, for one chunk. */
export interface ExpectedConfusion {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tnr: number;
}

/**
 * Expected confusion matrix of one chunk. `isPredictedPositive(i)` says whether row i is predicted positive,
 * `probability[i]` is its calibrated probability of the positive class.
 */
export function expectedConfusion(
  isPredictedPositive: (i: number) => boolean,
  probability: Float64Array,
): ExpectedConfusion {
  const n = probability.length;
  const tpTerms = new Float64Array(n);
  const fpTerms = new Float64Array(n);
  const fnTerms = new Float64Array(n);
  const tnTerms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = probability[i]!;
    if (isPredictedPositive(i)) {
      tpTerms[i] = p;
      fpTerms[i] = 1 - p;
    } else {
      fnTerms[i] = p;
      tnTerms[i] = 1 - p;
    }
  }
  const TP = numpySum(tpTerms);
  const FP = numpySum(fpTerms);
  const FN = numpySum(fnTerms);
  const TN = numpySum(tnTerms);
  return {
    // np.mean(np.where(...)) * len(y_pred)
    tn: (TN / n) * n,
    fp: (FP / n) * n,
    fn: (FN / n) * n,
    tp: (TP / n) * n,
    accuracy: (TP + TN) / n,
    precision: TP / (TP + FP),
    recall: TP / (TP + FN),
    f1: TP / (TP + 0.5 * (FP + FN)),
    tnr: TN / (TN + FP),
  };
}

/** `np.round(x, 5)`: x·10⁵ rounded half to even (`np.rint`), divided by 10⁵. */
function round5(x: number): number {
  const y = x * 100000;
  let r = Math.round(y);
  if (r - y === 0.5 && r % 2 !== 0) r -= 1; // Math.round rounds halves up; rint rounds them to even
  return r / 100000;
}

/**
 * Cumulative expected positives, rounded to 5 decimals, over the rows in descending uncalibrated-score order
 * (`ascending` reversed): tps[k] for the first k rows, k = 0 … n (tps[0] = 0); likewise fps.
 */
function roundedCumulative(
  probability: Float64Array,
  ascending: Uint32Array,
): { tps: Float64Array; fps: Float64Array } {
  const n = ascending.length;
  const tps = new Float64Array(n + 1);
  const fps = new Float64Array(n + 1);
  let cum = 0;
  for (let k = 0; k < n; k++) {
    cum += probability[ascending[n - 1 - k]!]!;
    tps[k + 1] = round5(cum);
    fps[k + 1] = round5(1 + k - cum);
  }
  return { tps, fps };
}

/**
 * Estimated ROC AUC (`estimate_roc_auc`). `probability`: calibrated p̂ per row; `ascending`: the rows' ascending
 * order by uncalibrated score. NaN when the expected positives or negatives sum to 0, or when the rounded FPR is
 * not monotonic (where scikit-learn's `auc` raises and NannyML reports NaN).
 */
export function estimateRocAuc(probability: Float64Array, ascending: Uint32Array): number {
  if (ascending.length === 0) return Number.NaN;
  return rocAucOf(roundedCumulative(probability, ascending));
}

function rocAucOf({ tps, fps }: { tps: Float64Array; fps: Float64Array }): number {
  const n = tps.length - 1;
  const tpTotal = tps[n]!;
  const fpTotal = fps[n]!;
  if (!(tpTotal > 0) || !(fpTotal > 0)) return Number.NaN;
  const terms = new Float64Array(n);
  let increasing = false;
  let decreasing = false;
  let prevX = 0;
  let prevY = 0;
  for (let k = 1; k <= n; k++) {
    const x = fps[k]! / fpTotal;
    const y = tps[k]! / tpTotal;
    const dx = x - prevX;
    if (dx < 0) decreasing = true;
    else if (dx > 0) increasing = true;
    terms[k - 1] = (dx * (y + prevY)) / 2;
    prevX = x;
    prevY = y;
  }
  if (decreasing && increasing) return Number.NaN;
  const area = numpySum(terms);
  return decreasing ? -area : area;
}

/**
 * Estimated average precision (`estimate_ap`), arguments as `estimateRocAuc`. NaN when the expected positives sum
 * to 0.
 */
export function estimateAveragePrecision(probability: Float64Array, ascending: Uint32Array): number {
  if (ascending.length === 0) return Number.NaN;
  return averagePrecisionOf(roundedCumulative(probability, ascending).tps);
}

function averagePrecisionOf(tps: Float64Array): number {
  const n = tps.length - 1;
  const total = tps[n]!;
  // Reversed: recall_r[j] = tps[n − j] / total, precision_r[j] = tps[n − j] / (n − j) (1 for j = n);
  // AP = −Σ_{j<n} (recall_r[j+1] − recall_r[j]) · precision_r[j].
  const terms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const i = n - j;
    const precision = tps[i]! / i;
    terms[j] = (tps[i - 1]! / total - tps[i]! / total) * precision;
  }
  return -numpySum(terms);
}

/** `estimateRocAuc` and `estimateAveragePrecision` from one pass over the sorted rows. */
export function estimateRocAucAndAveragePrecision(
  probability: Float64Array,
  ascending: Uint32Array,
): { readonly rocAuc: number; readonly prAuc: number } {
  if (ascending.length === 0) return { rocAuc: Number.NaN, prAuc: Number.NaN };
  const cumulative = roundedCumulative(probability, ascending);
  return { rocAuc: rocAucOf(cumulative), prAuc: averagePrecisionOf(cumulative.tps) };
}
