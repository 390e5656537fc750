/**
 * Log loss and Brier score.
 *
 * Log loss: scikit-learn 1.2.1 `log_loss` (sklearn/metrics/_classification.py, BSD-3) with `eps="auto"`:
 * probabilities are clipped to [ε, 1 − ε] (ε = 2^−52, float64 machine epsilon), each row is renormalised to
 * sum to 1, and the loss is the mean of −ln(p of the true class). For a binary score p the two columns are
 * (1 − clip(p), clip(p)), exactly as sklearn builds them from a 1-D `y_pred`. scikit-learn ≥ 1.5 no longer
 * renormalises (it warns instead); 1.2.1 is Evidently's reference here. Evidently passes the two columns
 * (p, 1 − p) and clips each, which differs from this only in the last bits for p within ε of 0 or 1.
 *
 * Brier score: `brier_score_loss` = mean((y − p)²).
 *
 * Both are defined for probabilities only: when a score lies outside [0, 1], scikit-learn's Brier raises and
 * its log loss silently clips; here both return NaN (the caller reports that the scores are not
 * probabilities).
 * @module
 */
import { CompensatedSum } from './compensated-sum.ts';

const EPS = 2 ** -52;

function clip(p: number): number {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}

/** True when every score is a probability in [0, 1]. */
export function allProbabilities(score: Float64Array): boolean {
  for (let i = 0; i < score.length; i++) {
    const s = score[i]!;
    if (!(s >= 0 && s <= 1)) return false;
  }
  return true;
}

/** Binary log loss of 0/1 `target` against the positive-class probability `score`; NaN if empty. */
export function binaryLogLoss(target: Uint8Array, score: Float64Array): number {
  const n = target.length;
  if (n === 0) return Number.NaN;
  const acc = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const p = clip(score[i]!);
    const q = 1 - p;
    acc.add(-Math.log((target[i] === 1 ? p : q) / (q + p)));
  }
  return acc.value() / n;
}

/** Brier score of 0/1 `target` against `score`; NaN if empty. */
export function brierScore(target: Uint8Array, score: Float64Array): number {
  const n = target.length;
  if (n === 0) return Number.NaN;
  const acc = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const d = target[i]! - score[i]!;
    acc.add(d * d);
  }
  return acc.value() / n;
}

/**
 * Multiclass log loss of class indices `target` against one probability column per class (`scores[c][i]`),
 * scikit-learn 1.2.1 `log_loss(target, P, labels=range(k))`: clip, renormalise each row, mean −ln p_true.
 */
export function multiclassLogLoss(target: Int32Array, scores: readonly Float64Array[]): number {
  const n = target.length;
  if (n === 0) return Number.NaN;
  const k = scores.length;
  const acc = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(scores[c]![i]!);
    acc.add(-Math.log(clip(scores[target[i]!]![i]!) / rowSum));
  }
  return acc.value() / n;
}
