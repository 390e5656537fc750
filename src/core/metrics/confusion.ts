/**
 * Binary confusion matrix and the threshold metrics derived from it.
 *
 * Definitions follow scikit-learn 1.2.1 (`sklearn/metrics/_classification.py`, BSD-3) with its default
 * `zero_division="warn"`, which returns 0 for an undefined ratio:
 * - precision = tp/(tp + fp), 0 when nothing is predicted positive;
 * - recall = tp/(tp + fn), 0 when there is no positive row;
 * - F-beta = (1 + β²)·p·r / (β²·p + r) computed from those p and r, 0 when the denominator is 0 (1.2.1's
 *   `_precision_recall_fscore_support`); F1 is F-beta with β = 1.
 * The rates follow Evidently (`legacy/calculations/classification_performance.py::calculate_metrics`), which
 * divides the counts with NumPy and so gives NaN for 0/0: tpr = tp/(tp + fn), tnr = tn/(tn + fp),
 * fpr = fp/(fp + tn), fnr = fn/(fn + tp).
 * @module
 */

export interface BinaryConfusionMatrix {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

export interface ThresholdMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fBeta: number;
  readonly tpr: number;
  readonly tnr: number;
  readonly fpr: number;
  readonly fnr: number;
}

/** Counts of a 0/1 target against a 0/1 prediction. */
export function binaryConfusion(target: Uint8Array, prediction: Uint8Array): BinaryConfusionMatrix {
  // cell index = 2·target + prediction: 0 tn, 1 fp, 2 fn, 3 tp
  const c = [0, 0, 0, 0];
  for (let i = 0; i < target.length; i++) c[2 * target[i]! + prediction[i]!]!++;
  return Object.freeze({ tn: c[0]!, fp: c[1]!, fn: c[2]!, tp: c[3]! });
}

/** Counts of a 0/1 target against the prediction `score ≥ threshold`. */
export function thresholdConfusion(
  target: Uint8Array,
  score: Float64Array,
  threshold: number,
): BinaryConfusionMatrix {
  const c = [0, 0, 0, 0];
  for (let i = 0; i < target.length; i++) c[2 * target[i]! + (score[i]! >= threshold ? 1 : 0)]!++;
  return Object.freeze({ tn: c[0]!, fp: c[1]!, fn: c[2]!, tp: c[3]! });
}

/** 0/0 → 0, as scikit-learn's `zero_division="warn"`. */
export function divideOrZero(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** F-beta from precision and recall, scikit-learn 1.2.1's formula (0 when β²·p + r = 0). */
export function fBetaFrom(precision: number, recall: number, beta: number): number {
  const beta2 = beta * beta;
  let denom = beta2 * precision + recall;
  if (denom === 0) denom = 1;
  return ((1 + beta2) * precision * recall) / denom;
}

/** Every threshold metric of a confusion matrix (NaN accuracy for an empty matrix). */
export function thresholdMetrics(cm: BinaryConfusionMatrix, beta = 1): ThresholdMetrics {
  const { tn, fp, fn, tp } = cm;
  const n = tn + fp + fn + tp;
  const precision = divideOrZero(tp, tp + fp);
  const recall = divideOrZero(tp, tp + fn);
  return Object.freeze({
    accuracy: n === 0 ? Number.NaN : (tp + tn) / n,
    precision,
    recall,
    f1: fBetaFrom(precision, recall, 1),
    fBeta: fBetaFrom(precision, recall, beta),
    tpr: tp / (tp + fn),
    tnr: tn / (tn + fp),
    fpr: fp / (fp + tn),
    fnr: fn / (fn + tp),
  });
}
