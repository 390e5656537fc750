/**
 * NannyML's calibration decision: does isotonic calibration make the reference scores better calibrated?
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/calibration.py` (Apache-2.0), `needs_calibration` with
 * `bin_count=10`, `split_count=10`:
 * 1. no calibration when the target has one class, or when the reference ROC AUC exceeds 0.999;
 * 2. `StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)`; on each split fit isotonic regression on
 *    the train rows and predict the test rows; pool the 10 test folds (rows may repeat across folds);
 * 3. expected calibration error (ECE) with 10 equal-count bins of the pooled rows sorted by score
 *    (`_get_bin_index_edges`, `_calculate_expected_calibration_error`), before and after calibration;
 * 4. calibrate iff ECE before > ECE after.
 * The splits are scikit-learn's exactly (numpy's MT19937 reproduced). Deviations: the ECE sort is stable (numpy's
 * default quicksort orders tied scores platform-dependently, which moves tied rows between bins), and where NannyML
 * raises (a class with < 2 rows, fewer than 4 pooled rows) the answer here is "no calibration".
 * @module
 */
import { numpySum } from '../stats/t-test.ts';
import { fitIsotonicSorted, predictIsotonicValue } from './isotonic-regression.ts';
import { binaryRocAuc } from './realized-metrics.ts';
import { stableArgsort } from './stable-argsort.ts';
import { stratifiedShuffleSplit } from './stratified-shuffle-split.ts';

/** Why calibration was or was not applied. */
export type CalibrationReason =
  /** decided by comparing the ECE before and after calibration */
  | 'ece'
  /** the reference target has a single class */
  | 'single-class'
  /** the reference ROC AUC is above 0.999 */
  | 'roc-auc-above-0.999'
  /** too few rows for the stratified split or the 10 ECE bins */
  | 'too-few-rows'
  /** the caller forced it (`calibration: 'always' | 'never'`) */
  | 'forced';

export interface CalibrationDecision {
  /** Whether the scores are calibrated (isotonic regression fitted on the full reference). */
  readonly applied: boolean;
  /** Whether NannyML's rule asks for calibration (equals `applied` unless forced). */
  readonly needed: boolean;
  readonly reason: CalibrationReason;
  /** ECE of the pooled test folds before calibration; NaN when not computed. */
  readonly eceBefore: number;
  /** ECE of the pooled test folds after calibration; NaN when not computed. */
  readonly eceAfter: number;
}

/**
 * Equal-count bins over `n` sorted rows (`_get_bin_index_edges`): [start, end) pairs. With n ≤ 2·binCount the bin
 * count drops to ⌊n/2⌋; the bin width is ⌊n / binCount⌋ and the last bin ends at n (so it may be wider, and there
 * may be more bins than asked: 25 rows in 10 bins give 12 bins of 2 rows, the last one of 3). Null when fewer than
 * 2 bins are possible (n < 4).
 */
export function binIndexEdges(n: number, binCount = 10): Array<readonly [number, number]> | null {
  let bins = binCount;
  if (n <= 2 * bins) {
    bins = Math.floor(n / 2);
    if (bins < 2) return null;
  }
  const width = Math.floor(n / bins);
  const edges: number[] = [];
  for (let e = 0; e <= n; e += width) edges.push(e);
  edges[edges.length - 1] = n;
  const out: Array<readonly [number, number]> = [];
  for (let i = 0; i + 1 < edges.length; i++) out.push([edges[i]!, edges[i + 1]!]);
  return out;
}

/**
 * Expected calibration error over the given bins of the rows sorted by probability (stable sort):
 * Σ_bins (bin size / n) · |mean probability − mean target| (`_calculate_expected_calibration_error`).
 */
export function expectedCalibrationError(
  target: ArrayLike<number>,
  probability: Float64Array,
  edges: ReadonlyArray<readonly [number, number]>,
): number {
  const n = probability.length;
  const order = stableArgsort(probability);
  const p = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = probability[order[i]!]!;
    y[i] = target[order[i]!]!;
  }
  const terms = new Float64Array(edges.length);
  edges.forEach(([lo, hi], b) => {
    const meanP = numpySum(p.subarray(lo, hi)) / (hi - lo);
    const meanY = numpySum(y.subarray(lo, hi)) / (hi - lo);
    terms[b] = ((hi - lo) / n) * Math.abs(meanP - meanY);
  });
  return numpySum(terms);
}

/**
 * NannyML's `needs_calibration(y_true, y_pred_proba, IsotonicCalibrator())` for a binary target (0/1) and scores.
 * `scoreOrder` (optional) is the scores' ascending order, if the caller already has it.
 */
export function needsCalibration(
  target: Uint8Array,
  scores: Float64Array,
  scoreOrder?: Uint32Array,
): Omit<CalibrationDecision, 'applied'> {
  const nan = Number.NaN;
  const n = target.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += target[i]!;
  if (positives === 0 || positives === n) {
    return { needed: false, reason: 'single-class', eceBefore: nan, eceAfter: nan };
  }
  const order = scoreOrder ?? stableArgsort(scores);
  if (binaryRocAuc(target, scores, order) > 0.999) {
    return { needed: false, reason: 'roc-auc-above-0.999', eceBefore: nan, eceAfter: nan };
  }
  const splits = stratifiedShuffleSplit(target, 10, 0.1, 42);
  const pooledLength = splits ? splits.reduce((s, f) => s + f.test.length, 0) : 0;
  const edges = binIndexEdges(pooledLength, 10);
  if (!splits || !edges) return { needed: false, reason: 'too-few-rows', eceBefore: nan, eceAfter: nan };
  const pooledY = new Float64Array(pooledLength);
  const pooledP = new Float64Array(pooledLength);
  const pooledC = new Float64Array(pooledLength);
  const sortedX = new Float64Array(n);
  const sortedY = new Float64Array(n);
  const rankOf = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    sortedX[j] = scores[order[j]!]!;
    sortedY[j] = target[order[j]!]!;
    rankOf[order[j]!] = j;
  }
  const trainRank = new Uint8Array(n);
  // One more entry than any train set: the branch-free copy below writes every row and keeps the train ones.
  const xBuffer = new Float64Array(n + 1);
  const yBuffer = new Float64Array(n + 1);
  let at = 0;
  for (const { train, test } of splits) {
    if (train.length + test.length === n) {
      // The train rows are the rows not in test: mark the fewer test rows.
      trainRank.fill(1);
      for (let i = 0; i < test.length; i++) trainRank[rankOf[test[i]!]!] = 0;
    } else {
      trainRank.fill(0);
      for (let i = 0; i < train.length; i++) trainRank[rankOf[train[i]!]!] = 1;
    }
    // The train rows in score order: a subsequence of the full order (enough for 0/1 targets, see fitIsotonic).
    let t = 0;
    for (let j = 0; j < n; j++) {
      xBuffer[t] = sortedX[j]!;
      yBuffer[t] = sortedY[j]!;
      t += trainRank[j]!;
    }
    const xTrain = xBuffer.subarray(0, train.length);
    const yTrain = yBuffer.subarray(0, train.length);
    // The model is used for this split's test rows only, before the buffers are overwritten.
    const model = fitIsotonicSorted(xTrain, yTrain, { yMin: 0, yMax: 1 })!;
    for (let i = 0; i < test.length; i++) {
      const row = test[i]!;
      pooledY[at] = target[row]!;
      pooledP[at] = scores[row]!;
      pooledC[at] = predictIsotonicValue(model, scores[row]!);
      at++;
    }
  }
  const eceBefore = expectedCalibrationError(pooledY, pooledP, edges);
  const eceAfter = expectedCalibrationError(pooledY, pooledC, edges);
  return { needed: eceBefore > eceAfter, reason: 'ece', eceBefore, eceAfter };
}
