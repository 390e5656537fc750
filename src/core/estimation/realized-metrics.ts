/**
 * Realized classification metrics (with targets), computed the way NannyML's CBPE `Metric._realized_performance`
 * computes them for the reference-chunk alert thresholds: scikit-learn 1.2.1 formulas plus NannyML's NaN rules.
 *
 * Sources: scikit-learn 1.2.1 `sklearn/metrics/_ranking.py` (`_binary_clf_curve`, `roc_curve` with
 * `drop_intermediate=True`, `auc`, `precision_recall_curve`, `average_precision_score`) and
 * `sklearn/metrics/_classification.py` (`precision_recall_fscore_support` with `zero_division` → 0), BSD-3;
 * NannyML main @ 4c86ee35 `nannyml/performance_estimation/confidence_based/metrics.py` (Apache-2.0) for when a
 * metric is NaN:
 * - binary ROC AUC: NaN with one target class; average precision: NaN without a positive target;
 *   precision/recall/F1: NaN when the target or the prediction has a single value (else 0 on a zero denominator,
 *   scikit-learn's `zero_division`); specificity (TNR): NaN when TN + FP = 0; accuracy: always defined;
 * - multiclass: ROC AUC (one-vs-rest, macro) NaN unless every class occurs in the target; every other metric NaN
 *   when the target or the prediction has a single value; specificity is the macro mean of per-class TN/(TN+FP).
 * These are the rules of CBPE's thresholds; the model-quality report has its own metric module.
 * @module
 */
import { numpySum } from '../stats/t-test.ts';
import { stableArgsort } from './stable-argsort.ts';

/** Realized metric values of one chunk, binary classification. */
export interface BinaryRealized {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tnr: number;
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

/** Realized metric values of one chunk, multiclass classification (macro averages over the classes). */
export interface MulticlassRealized {
  readonly rocAuc: number;
  readonly prAuc: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tnr: number;
  /** Counts, row = true class, column = predicted class; NaN when precision etc. are NaN. */
  readonly confusionMatrix: readonly (readonly number[])[];
}

interface Curve {
  /** Cumulative positives / negatives at the last row of every distinct score, from the highest score down. */
  readonly tps: Float64Array;
  readonly fps: Float64Array;
}

/** `_binary_clf_curve` from the scores' ascending order (ties' order does not matter). */
function clfCurve(
  isPositive: (row: number) => boolean,
  scores: Float64Array,
  ascending: ArrayLike<number>,
): Curve {
  const n = ascending.length;
  const tps = new Float64Array(n);
  const fps = new Float64Array(n);
  let m = 0;
  let tp = 0;
  for (let j = 0; j < n; j++) {
    const row = ascending[n - 1 - j]!;
    if (isPositive(row)) tp++;
    if (j + 1 === n || scores[ascending[n - 2 - j]!] !== scores[row]) {
      tps[m] = tp;
      fps[m] = 1 + j - tp;
      m++;
    }
  }
  return { tps: tps.subarray(0, m), fps: fps.subarray(0, m) };
}

/** `np.trapz(y, x)` with numpy's pairwise sum, as `sklearn.metrics.auc` for non-decreasing x. */
function trapezoid(x: Float64Array, y: Float64Array): number {
  const terms = new Float64Array(x.length - 1);
  for (let i = 0; i < terms.length; i++) terms[i] = ((x[i + 1]! - x[i]!) * (y[i + 1]! + y[i]!)) / 2;
  return numpySum(terms);
}

/** `roc_auc_score` from a curve; NaN when one class is missing. */
function rocAucFromCurve(curve: Curve): number {
  let { tps, fps } = curve;
  const m = tps.length;
  if (m === 0 || tps[m - 1]! <= 0 || fps[m - 1]! <= 0) return Number.NaN;
  if (m > 2) {
    // drop_intermediate: keep the ends and every point where the second difference of fps or tps is non-zero
    const keep: number[] = [0];
    for (let i = 1; i < m - 1; i++) {
      const d2f = fps[i + 1]! - 2 * fps[i]! + fps[i - 1]!;
      const d2t = tps[i + 1]! - 2 * tps[i]! + tps[i - 1]!;
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(m - 1);
    tps = Float64Array.from(keep, (i) => tps[i]!);
    fps = Float64Array.from(keep, (i) => fps[i]!);
  }
  const k = tps.length;
  const tpr = new Float64Array(k + 1);
  const fpr = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) {
    tpr[i + 1] = tps[i]! / tps[k - 1]!;
    fpr[i + 1] = fps[i]! / fps[k - 1]!;
  }
  return trapezoid(fpr, tpr);
}

/** `average_precision_score` from a curve (recall set to 1 when there is no positive, as scikit-learn). */
function averagePrecisionFromCurve(curve: Curve): number {
  const { tps, fps } = curve;
  const m = tps.length;
  if (m === 0) return Number.NaN;
  const total = tps[m - 1]!;
  const precision = (i: number): number => (tps[i]! + fps[i]! === 0 ? 0 : tps[i]! / (tps[i]! + fps[i]!));
  const recall = (i: number): number => (total === 0 ? 1 : tps[i]! / total);
  // Reversed arrays with (precision 1, recall 0) appended: AP = −Σ_j (r_{j+1} − r_j) · p_j.
  const terms = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    const i = m - 1 - j;
    const rNext = i === 0 ? 0 : recall(i - 1);
    terms[j] = (rNext - recall(i)) * precision(i);
  }
  return -numpySum(terms);
}

/** Binary ROC AUC as scikit-learn (`ascending`: the scores' ascending order, computed if omitted). */
export function binaryRocAuc(target: Uint8Array, scores: Float64Array, ascending?: Uint32Array): number {
  return rocAucFromCurve(clfCurve((r) => target[r] === 1, scores, ascending ?? stableArgsort(scores)));
}

/** Binary average precision as scikit-learn (`ascending`: the scores' ascending order, computed if omitted). */
export function binaryAveragePrecision(
  target: Uint8Array,
  scores: Float64Array,
  ascending?: Uint32Array,
): number {
  return averagePrecisionFromCurve(
    clfCurve((r) => target[r] === 1, scores, ascending ?? stableArgsort(scores)),
  );
}

/**
 * Average precision of the rows listed in `ascending` (row ids in ascending score order; a row may appear several
 * times, as in a bootstrap resample).
 */
export function averagePrecisionOfOrder(
  isPositive: (row: number) => boolean,
  scores: Float64Array,
  ascending: ArrayLike<number>,
): number {
  return averagePrecisionFromCurve(clfCurve(isPositive, scores, ascending));
}

/**
 * Average precision of a multiset of rows summarised per distinct score: `rows[g]` rows with the g-th smallest
 * distinct score, `positives[g]` of them positive. Equals `averagePrecisionOfOrder` of those rows
 * (`_binary_clf_curve` walks the rows from the highest score down and closes a threshold where the score changes:
 * one point per distinct score present), without listing them: a bootstrap resample is its counts.
 */
export function averagePrecisionOfScoreCounts(positives: Float64Array, rows: Float64Array): number {
  const groups = rows.length;
  const tps = new Float64Array(groups);
  const fps = new Float64Array(groups);
  let m = 0;
  let tp = 0;
  let seen = 0;
  for (let g = groups - 1; g >= 0; g--) {
    const w = rows[g]!;
    if (w === 0) continue;
    tp += positives[g]!;
    seen += w;
    tps[m] = tp;
    fps[m] = seen - tp;
    m++;
  }
  return averagePrecisionFromCurve({ tps: tps.subarray(0, m), fps: fps.subarray(0, m) });
}

/** Precision, recall and F1 from counts as scikit-learn with `zero_division=0`. */
function prf(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const denom = precision + recall;
  // scikit-learn 1.2.1: (1 + β²)·P·R / (β²·P + R), with the denominator 0 replaced by 1
  const f1 = (2 * precision * recall) / (denom === 0 ? 1 : denom);
  return { precision, recall, f1 };
}

/** Realized binary metrics of one chunk, with NannyML's NaN rules. */
export function realizedBinary(
  target: Uint8Array,
  prediction: Uint8Array,
  scores: Float64Array,
  ascending?: Uint32Array,
): BinaryRealized {
  const n = target.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    if (prediction[i] === 1) {
      if (target[i] === 1) tp++;
      else fp++;
    } else if (target[i] === 1) fn++;
    else tn++;
  }
  const positives = tp + fn;
  const twoTargets = positives > 0 && positives < n;
  const twoPredictions = tp + fp > 0 && tp + fp < n;
  const order = ascending ?? stableArgsort(scores);
  const curve = n > 0 ? clfCurve((r) => target[r] === 1, scores, order) : null;
  const nan = Number.NaN;
  const scores3 = twoTargets && twoPredictions ? prf(tp, fp, fn) : { precision: nan, recall: nan, f1: nan };
  return Object.freeze({
    rocAuc: curve && twoTargets ? rocAucFromCurve(curve) : nan,
    prAuc: curve && positives > 0 ? averagePrecisionFromCurve(curve) : nan,
    accuracy: n === 0 ? nan : (tp + tn) / n,
    ...scores3,
    tnr: tn + fp === 0 ? nan : tn / (tn + fp),
    tn,
    fp,
    fn,
    tp,
  });
}

/**
 * Realized multiclass metrics of one chunk. `target`/`prediction` are class indices 0 … k−1, `scores[c]` the
 * probability of class c, `ascending[c]` (optional) the ascending order of `scores[c]`.
 */
export function realizedMulticlass(
  target: Int32Array,
  prediction: Int32Array,
  scores: readonly Float64Array[],
  ascending?: readonly Uint32Array[],
): MulticlassRealized {
  const k = scores.length;
  const n = target.length;
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const targetCount = new Array<number>(k).fill(0);
  const predCount = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const t = target[i]!;
    const p = prediction[i]!;
    if (t >= 0 && t < k) targetCount[t]!++;
    if (p >= 0 && p < k) predCount[p]!++;
    if (t >= 0 && t < k && p >= 0 && p < k) cm[t]![p]!++;
  }
  const distinct = (counts: number[]): number => counts.filter((c) => c > 0).length;
  const twoTargets = distinct(targetCount) > 1;
  const twoPredictions = distinct(predCount) > 1;
  const allClasses = distinct(targetCount) === k;
  const nan = Number.NaN;
  const macro = (values: number[]): number => numpySum(Float64Array.from(values)) / values.length;
  const orders = scores.map((s, c) => ascending?.[c] ?? stableArgsort(s));
  const curves = scores.map((s, c) => clfCurve((r) => target[r] === c, s, orders[c]!));
  let precision = nan;
  let recall = nan;
  let f1 = nan;
  let tnr = nan;
  let accuracy = nan;
  let confusionMatrix: number[][] = cm.map((row) => row.map(() => nan));
  if (twoTargets && twoPredictions) {
    const per = cm.map((_, c) => {
      const tp = cm[c]![c]!;
      return prf(tp, predCount[c]! - tp, targetCount[c]! - tp);
    });
    precision = macro(per.map((p) => p.precision));
    recall = macro(per.map((p) => p.recall));
    f1 = macro(per.map((p) => p.f1));
    tnr = macro(
      cm.map((_, c) => {
        const fp = predCount[c]! - cm[c]![c]!;
        const tn = n - targetCount[c]! - fp;
        return tn / (tn + fp);
      }),
    );
    let correct = 0;
    for (let c = 0; c < k; c++) correct += cm[c]![c]!;
    accuracy = correct / n;
    confusionMatrix = cm;
  }
  return Object.freeze({
    rocAuc: allClasses ? macro(curves.map(rocAucFromCurve)) : nan,
    prAuc: twoTargets ? macro(curves.map(averagePrecisionFromCurve)) : nan,
    accuracy,
    precision,
    recall,
    f1,
    tnr,
    confusionMatrix,
  });
}
