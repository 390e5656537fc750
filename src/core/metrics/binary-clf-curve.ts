/**
 * Cumulative true/false positive counts at every distinct score, from the highest score down: the common
 * core of ROC AUC, average precision, the ROC and PR curves, the best-F1 threshold and the calibration bins.
 *
 * Ported from scikit-learn 1.2.1 `sklearn/metrics/_ranking.py::_binary_clf_curve` (BSD-3), without sample
 * weights: sklearn sorts the scores once (`argsort(kind="mergesort")[::-1]`), keeps the last index of every
 * run of equal scores and takes `tps = cumsum(y_true)` and `fps = 1 + index − tps` there. Tied scores
 * therefore form one point of every curve, whatever the order of the tied rows.
 *
 * Technique: instead of an index sort, the positive rows' scores and the negative rows' scores are copied
 * into two arrays, each sorted with the radix sort of `sortFloat64`, and merged from the top. This gives the
 * same (threshold, tps, fps) triples, is O(n log n) (O(n) for the radix path), and avoids a comparator sort
 * of 1M indices (which costs ~1 s in V8).
 * @module
 */
import { sortFloat64 } from '../stats/sort-float64.ts';

export interface ClfCurve {
  /** Distinct scores, strictly decreasing (sklearn's `thresholds`, before roc_curve adds its first point). */
  readonly thresholds: Float64Array;
  /** Number of positive rows with score ≥ thresholds[i] (sklearn's `tps`). */
  readonly tps: Float64Array;
  /** Number of negative rows with score ≥ thresholds[i] (sklearn's `fps`). */
  readonly fps: Float64Array;
  /** Total positive rows (tps of the last point). */
  readonly positives: number;
  /** Total negative rows. */
  readonly negatives: number;
}

/**
 * The distinct-threshold curve of binary `target` (0/1) against `score` (finite). Inputs are not modified.
 * O(n log n); empty input gives empty arrays.
 */
export function binaryClfCurve(target: Uint8Array, score: Float64Array): ClfCurve {
  const n = target.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += target[i]!;
  const negatives = n - positives;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let ip = 0;
  let ineg = 0;
  for (let i = 0; i < n; i++) {
    if (target[i] === 1) pos[ip++] = score[i]!;
    else neg[ineg++] = score[i]!;
  }
  sortFloat64(pos);
  sortFloat64(neg);
  const thresholds = new Float64Array(n);
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let m = 0;
  let i = positives - 1;
  let j = negatives - 1;
  let tp = 0;
  let fp = 0;
  while (i >= 0 || j >= 0) {
    // Next distinct value from the top. −0 and +0 compare equal, as in NumPy's np.diff test.
    const v = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i]! === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j]! === v) {
      fp++;
      j--;
    }
    thresholds[m] = v;
    tps[m] = tp;
    fps[m] = fp;
    m++;
  }
  return {
    thresholds: thresholds.subarray(0, m),
    tps: tps.subarray(0, m),
    fps: fps.subarray(0, m),
    positives,
    negatives,
  };
}
