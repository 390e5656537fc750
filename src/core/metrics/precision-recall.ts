/**
 * Average precision, the precision–recall curve and the best-F1 threshold from a {@link ClfCurve}.
 *
 * Curve: scikit-learn 1.2.1 `precision_recall_curve` (sklearn/metrics/_ranking.py, BSD-3): precision =
 * tps/(tps + fps), recall = tps/P (all ones when there is no positive row), reversed so that thresholds
 * increase, then a final point (precision 1, recall 0) without threshold. 1.2.1 keeps every threshold (older
 * versions stopped at full recall).
 *
 * Average precision: `average_precision_score` = −Σ diff(recall)·precision[:-1] (the step integral, no
 * interpolation) = Σ_i (tps_i − tps_{i−1})/P · precision_i over the thresholds from the top. With no positive
 * row this is 0, as in scikit-learn 1.2.1.
 *
 * Best F1: the threshold t among the distinct scores that maximises the F1 of `score ≥ t`,
 * F1 = 2·tps/(tps + fps + P) (= 2·p·r/(p + r)); on equal F1 the highest threshold wins (fewest positive
 * predictions). With no positive row F1 is 0 at every threshold and the result is NaN/NaN.
 * @module
 */
import type { ClfCurve } from './binary-clf-curve.ts';
import { CompensatedSum } from './compensated-sum.ts';

export interface PrCurve {
  readonly precision: readonly number[];
  readonly recall: readonly number[];
  /** Increasing; one shorter than precision/recall (the final (1, 0) point has no threshold). */
  readonly thresholds: readonly number[];
}

export interface BestThreshold {
  readonly threshold: number;
  readonly f1: number;
}

/** Average precision (sklearn `average_precision_score`); NaN for no rows, 0 when there is no positive. */
export function averagePrecisionFromCurve(curve: ClfCurve): number {
  const { tps, fps, positives } = curve;
  if (tps.length === 0) return Number.NaN;
  if (positives === 0) return 0;
  const acc = new CompensatedSum();
  let prevTp = 0;
  for (let i = 0; i < tps.length; i++) {
    const tp = tps[i]!;
    if (tp !== prevTp) acc.add(((tp - prevTp) / positives) * (tp / (tp + fps[i]!)));
    prevTp = tp;
  }
  return acc.value();
}

/** The points of `precision_recall_curve` (scikit-learn 1.2.1). Empty for no rows. */
export function prCurveFromCurve(curve: ClfCurve): PrCurve {
  const { thresholds, tps, fps, positives } = curve;
  const m = tps.length;
  if (m === 0) {
    return Object.freeze({
      precision: Object.freeze([]),
      recall: Object.freeze([]),
      thresholds: Object.freeze([]),
    });
  }
  const precision = new Array<number>(m + 1);
  const recall = new Array<number>(m + 1);
  const thr = new Array<number>(m);
  for (let k = 0; k < m; k++) {
    const i = m - 1 - k;
    const tp = tps[i]!;
    precision[k] = tp / (tp + fps[i]!);
    recall[k] = positives > 0 ? tp / positives : 1;
    thr[k] = thresholds[i]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  // The arrays are typed readonly but not frozen: freezing a 1M-element array costs ~15 ms each.
  return Object.freeze({ precision, recall, thresholds: thr });
}

/** Highest-F1 threshold among the distinct scores (ties → highest threshold). NaN/NaN without positives. */
export function bestF1FromCurve(curve: ClfCurve): BestThreshold {
  const { thresholds, tps, fps, positives } = curve;
  if (positives === 0 || tps.length === 0) return Object.freeze({ threshold: Number.NaN, f1: Number.NaN });
  // Compare 2·tp/(tp + fp + P) exactly via cross-multiplication of integers (< 2^53), so that mathematically
  // equal F1 values tie regardless of rounding.
  let best = 0;
  let bestNum = 2 * tps[0]!;
  let bestDen = tps[0]! + fps[0]! + positives;
  for (let i = 1; i < tps.length; i++) {
    const num = 2 * tps[i]!;
    const den = tps[i]! + fps[i]! + positives;
    if (num * bestDen > bestNum * den) {
      best = i;
      bestNum = num;
      bestDen = den;
    }
  }
  return Object.freeze({ threshold: thresholds[best]!, f1: bestNum / bestDen });
}
