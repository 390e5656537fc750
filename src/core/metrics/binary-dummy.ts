/**
 * Dummy-model baseline for binary classification, after Evidently's `ClassificationDummyMetric`
 * (`legacy/metrics/classification_performance/classification_dummy_metric.py`, Apache-2.0).
 *
 * Evidently's dummy predicts each row's label at random from the class prior (`np.random.choice` with the
 * label shares of the current data, seed 0; "by reference" uses the reference shares, seed 1) and scores one
 * such random draw. driftwatch reports the **expected** value of that model instead, which is deterministic
 * and does not depend on NumPy's random stream: with prior p (share of positives the dummy predicts), P
 * positive and N negative rows, the expected confusion matrix is tp = P·p, fp = N·p, fn = P·(1 − p),
 * tn = N·(1 − p), and accuracy, precision (= P/n), recall (= p), F1 and the rates follow from it with the same
 * zero-division rules as the model's metrics. For large n a single Evidently draw is within sampling noise of
 * these values.
 *
 * As in Evidently, when the model has scores:
 * - precision, recall, F1 and the rates are corrected for the decision threshold t
 *   (`correction_for_threshold`): precision·cp, recall·cr with cp = min(1, 0.5/(1 − t)) (1 when t = 1) and
 *   cr = min(1, (1 − t)/0.5); tpr and fpr scale by cr, tnr and fnr by cp; F1 is recomputed from the corrected
 *   precision and recall (NaN when both are 0, as Evidently). At t = 0.5 nothing changes; thresholds outside
 *   [0, 1] (scores that are not probabilities) get no correction;
 * - log loss is that of the uniform probability 0.5 (= ln 2), ROC AUC is 0.5. The Brier score (not in
 *   Evidently) is that of the same uniform model, 0.25.
 * Without scores the score-based fields are null.
 * @module
 */
import { divideOrZero, fBetaFrom } from './confusion.ts';

export interface BinaryDummyMetrics {
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tpr: number;
  readonly tnr: number;
  readonly fpr: number;
  readonly fnr: number;
  readonly logLoss: number | null;
  readonly brier: number | null;
  readonly rocAuc: number | null;
}

/**
 * Expected metrics of the random-by-prior dummy.
 * @param positives - positive rows of the evaluated data.
 * @param negatives - negative rows of the evaluated data.
 * @param prior - share of rows the dummy predicts positive (the data's own share, or the reference's).
 * @param threshold - the model's decision threshold when it has scores, else `null` (no correction, no
 *   score-based fields).
 */
export function binaryDummy(
  positives: number,
  negatives: number,
  prior: number,
  threshold: number | null,
): BinaryDummyMetrics {
  const n = positives + negatives;
  const tp = positives * prior;
  const fp = negatives * prior;
  const fn = positives * (1 - prior);
  const tn = negatives * (1 - prior);
  let precision = divideOrZero(tp, tp + fp);
  let recall = divideOrZero(tp, tp + fn);
  let tpr = tp / (tp + fn);
  let tnr = tn / (tn + fp);
  let fpr = fp / (fp + tn);
  let fnr = fn / (fn + tp);
  let f1 = fBetaFrom(precision, recall, 1);
  if (threshold !== null && threshold >= 0 && threshold <= 1) {
    const cp = threshold === 1 ? 1 : Math.min(1, 0.5 / (1 - threshold));
    const cr = Math.min(1, (1 - threshold) / 0.5);
    precision *= cp;
    recall *= cr;
    tpr *= cr;
    fpr *= cr;
    tnr *= cp;
    fnr *= cp;
    // Evidently recomputes F1 by hand here and returns NaN (not 0) when precision + recall = 0.
    const denom = precision + recall;
    f1 = denom === 0 ? Number.NaN : (2 * precision * recall) / denom;
  }
  return Object.freeze({
    accuracy: n === 0 ? Number.NaN : (tp + tn) / n,
    precision,
    recall,
    f1,
    tpr,
    tnr,
    fpr,
    fnr,
    logLoss: threshold === null ? null : Math.LN2,
    brier: threshold === null ? null : 0.25,
    rocAuc: threshold === null ? null : 0.5,
  });
}
