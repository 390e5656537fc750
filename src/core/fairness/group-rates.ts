/**
 * Per-group classification rates (operations.md §5 notation): SR = P(Ŷ=1), TPR = P(Ŷ=1 | Y=1),
 * FPR = P(Ŷ=1 | Y=0), TNR = P(Ŷ=0 | Y=0), FNR = P(Ŷ=0 | Y=1), precision (PPV) = P(Y=1 | Ŷ=1),
 * accuracy = P(Ŷ=Y). Same definitions as Fairlearn `selection_rate`, `true_positive_rate`, ... in
 * fairlearn/fairlearn `fairlearn/metrics/_base_metrics.py` and scikit-learn `precision_score`/`accuracy_score`.
 * @module
 */
import type { ConfusionCounts } from './group-counts.ts';
import { rate, type ZeroDivision } from './rate.ts';

/** Rates of one group. Label-based rates are `null` without a target; `NaN` when their denominator is 0. */
export interface GroupRates {
  /** Share of rows predicted positive; `NaN` for an empty group. */
  readonly selectionRate: number;
  readonly tpr: number | null;
  readonly fpr: number | null;
  readonly tnr: number | null;
  readonly fnr: number | null;
  readonly precision: number | null;
  /** `NaN` for an empty group. */
  readonly accuracy: number | null;
}

/**
 * Rates of one group from its counts.
 * @param zeroDivision - value of a rate with a zero denominator in a non-empty group (default `'nan'`);
 *   an empty group's rates are always `NaN` (Fairlearn has no such group: pandas' groupby drops it).
 */
export function groupRates(
  rows: number,
  predictedPositives: number,
  confusion: ConfusionCounts | null,
  zeroDivision: ZeroDivision = 'nan',
): GroupRates {
  const z: ZeroDivision = rows === 0 ? 'nan' : zeroDivision;
  const selectionRate = rate(predictedPositives, rows, 'nan');
  if (confusion === null) {
    return { selectionRate, tpr: null, fpr: null, tnr: null, fnr: null, precision: null, accuracy: null };
  }
  const { tn, fp, fn, tp } = confusion;
  return {
    selectionRate,
    tpr: rate(tp, tp + fn, z),
    fpr: rate(fp, fp + tn, z),
    tnr: rate(tn, fp + tn, z),
    fnr: rate(fn, tp + fn, z),
    precision: rate(tp, tp + fp, z),
    accuracy: rate(tp + tn, rows, 'nan'),
  };
}
