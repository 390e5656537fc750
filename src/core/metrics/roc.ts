/**
 * ROC AUC and the ROC curve from a {@link ClfCurve}.
 *
 * Curve: scikit-learn 1.2.1 `roc_curve(y_true, y_score, drop_intermediate=True)` (sklearn/metrics/_ranking.py,
 * BSD-3): points where neither `fps` nor `tps` has a corner (second difference 0) are dropped, then a point
 * (0, 0) is prepended with threshold `thresholds[0] + 1`. scikit-learn ≥ 1.3 prepends `+inf` instead; 1.2.1's
 * finite value is kept here because JSON has no infinity. With one class only, the rate of the missing class
 * is NaN (sklearn warns and returns NaN arrays).
 *
 * AUC: `roc_auc_score` = trapezoidal area under the (fpr, tpr) points. The trapezoids are summed on the
 * integer counts, Σ Δfps·(tps_i + tps_{i−1}) / (2·P·N), which is exact in binary64 up to n ≈ 10^7 rows and
 * equals sklearn's `auc(fpr, tpr)` to rounding; dropping collinear points does not change the area. With one
 * class the AUC is undefined: NaN (sklearn raises "Only one class present in y_true").
 * @module
 */
import type { ClfCurve } from './binary-clf-curve.ts';

export interface RocCurve {
  readonly fpr: readonly number[];
  readonly tpr: readonly number[];
  readonly thresholds: readonly number[];
}

/** ROC AUC from the curve counts; NaN when either class is absent. */
export function rocAucFromCurve(curve: ClfCurve): number {
  const { tps, fps, positives, negatives } = curve;
  if (positives === 0 || negatives === 0) return Number.NaN;
  let area = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let i = 0; i < tps.length; i++) {
    const tp = tps[i]!;
    const fp = fps[i]!;
    area += (fp - prevFp) * (tp + prevTp);
    prevTp = tp;
    prevFp = fp;
  }
  return area / (2 * positives * negatives);
}

/** The ROC curve points of `roc_curve(drop_intermediate=True)` (scikit-learn 1.2.1). Empty for no rows. */
export function rocCurveFromCurve(curve: ClfCurve): RocCurve {
  const { thresholds, tps, fps, positives, negatives } = curve;
  const m = tps.length;
  if (m === 0)
    return Object.freeze({ fpr: Object.freeze([]), tpr: Object.freeze([]), thresholds: Object.freeze([]) });
  const keep: number[] = [];
  if (m > 2) {
    keep.push(0);
    for (let i = 1; i < m - 1; i++) {
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(m - 1);
  } else {
    for (let i = 0; i < m; i++) keep.push(i);
  }
  const len = keep.length + 1;
  const fpr = new Array<number>(len);
  const tpr = new Array<number>(len);
  const thr = new Array<number>(len);
  fpr[0] = negatives > 0 ? 0 : Number.NaN;
  tpr[0] = positives > 0 ? 0 : Number.NaN;
  thr[0] = thresholds[0]! + 1;
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k]!;
    fpr[k + 1] = negatives > 0 ? fps[i]! / negatives : Number.NaN;
    tpr[k + 1] = positives > 0 ? tps[i]! / positives : Number.NaN;
    thr[k + 1] = thresholds[i]!;
  }
  // The arrays are typed readonly but not frozen: freezing a 1M-element array costs ~15 ms each.
  return Object.freeze({ fpr, tpr, thresholds: thr });
}
