/**
 * Quality metrics of a multiclass classifier.
 *
 * Per class c (one-vs-rest counts tp, fp = predicted c but not c, fn = c predicted as another class):
 * precision, recall and F1 with scikit-learn 1.2.1's zero-division rule (0), support = rows of class c, and
 * ROC AUC of `scores[c]` against `target == c` (NaN when class c is absent from the target or is the only
 * class present).
 *
 * Averages (scikit-learn `precision_recall_fscore_support`, `labels=None`, as Evidently calls it):
 * - macro = plain mean over the classes that occur in the target or the prediction (sklearn's
 *   `unique_labels(y_true, y_pred)`); a listed class that occurs in neither is left out. `precision`,
 *   `recall`, `f1` are these macro averages, as Evidently reports them;
 * - weighted = mean weighted by support;
 * - micro = from the summed counts; for single-label data all three equal the accuracy.
 * ROC AUC (one-vs-rest, `roc_auc_score(multi_class="ovr")`): macro = mean of the per-class AUCs, weighted =
 * support-weighted mean. scikit-learn (and so Evidently) raises when a class has no row in the target; here
 * such classes are left out of both averages (they have zero weight in the weighted one anyway), and the
 * averages are NaN only if no class has a defined AUC.
 * Log loss: scikit-learn 1.2.1 `log_loss(target, P, labels=range(k))` (see probability-losses); NaN when a
 * score is outside [0, 1].
 * Confusion matrix: `matrix[i][j]` = rows of true class i predicted as class j, over all listed classes.
 * @module
 */
import { UsageError } from '../errors.ts';
import { binaryClfCurve } from './binary-clf-curve.ts';
import { divideOrZero, fBetaFrom } from './confusion.ts';
import { allProbabilities, multiclassLogLoss } from './probability-losses.ts';
import { rocAucFromCurve } from './roc.ts';
import { assertClassIndices, assertFinite, assertLength } from './validate.ts';

export interface MulticlassMetricsInput {
  /** True class index per row, 0 … classes.length − 1. */
  readonly target: Int32Array;
  /** Predicted class index per row. Default: the first class with the highest score (needs `scores`). */
  readonly prediction?: Int32Array;
  /** One probability column per class (`scores[c][i]`), rows summing to ~1. Needed for ROC AUC and log loss. */
  readonly scores?: readonly Float64Array[];
  /** Class labels, indexed by class index. */
  readonly classes: readonly string[];
}

export interface ClassMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** One-vs-rest ROC AUC; null without scores, NaN when undefined. */
  readonly rocAuc: number | null;
  /** Rows of this class in the target. */
  readonly support: number;
}

export interface MulticlassMetrics {
  readonly rows: number;
  readonly accuracy: number;
  /** = precisionMacro. */
  readonly precision: number;
  /** = recallMacro. */
  readonly recall: number;
  /** = f1Macro. */
  readonly f1: number;
  readonly precisionMacro: number;
  readonly recallMacro: number;
  readonly f1Macro: number;
  readonly precisionWeighted: number;
  readonly recallWeighted: number;
  readonly f1Weighted: number;
  readonly precisionMicro: number;
  readonly recallMicro: number;
  readonly f1Micro: number;
  /** One-vs-rest macro ROC AUC; null without scores. */
  readonly rocAuc: number | null;
  readonly rocAucWeighted: number | null;
  readonly logLoss: number | null;
  readonly confusionMatrix: {
    readonly labels: readonly string[];
    readonly matrix: readonly (readonly number[])[];
  };
  readonly byClass: Readonly<Record<string, ClassMetrics>>;
}

/** Index of the first maximal score per row (pandas `idxmax` over the score columns). */
export function argmaxPrediction(scores: readonly Float64Array[], n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = scores[0]![i]!;
    for (let c = 1; c < scores.length; c++) {
      const s = scores[c]![i]!;
      if (s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    out[i] = best;
  }
  return out;
}

function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i]! * weights[i]!;
    w += weights[i]!;
  }
  return w === 0 ? Number.NaN : s / w;
}

/** All multiclass quality metrics. Throws `DW_METRICS_*` usage errors for misaligned or invalid input. */
export function multiclassMetrics(input: MulticlassMetricsInput): MulticlassMetrics {
  const { target, scores, classes } = input;
  const k = classes.length;
  const n = target.length;
  if (k < 2)
    throw new UsageError('DW_METRICS_BAD_OPTION', `multiclass metrics need at least 2 classes, got ${k}`);
  if (new Set(classes).size !== k) {
    throw new UsageError(
      'DW_METRICS_BAD_OPTION',
      `class labels must be unique, got ${JSON.stringify(classes)}`,
    );
  }
  assertClassIndices('target', target, k);
  if (scores !== undefined) {
    if (scores.length !== k) {
      throw new UsageError(
        'DW_METRICS_LENGTH_MISMATCH',
        `scores has ${scores.length} columns but there are ${k} classes; pass one probability column per class`,
      );
    }
    scores.forEach((s, c) => {
      assertLength(n, { [`scores[${c}]`]: s });
      assertFinite(`scores[${c}]`, s);
    });
  }
  let prediction = input.prediction;
  if (prediction === undefined) {
    if (scores === undefined) {
      throw new UsageError(
        'DW_METRICS_MISSING_INPUT',
        'multiclass metrics need a prediction or score columns',
      );
    }
    prediction = argmaxPrediction(scores, n);
  } else {
    assertLength(n, { prediction });
    assertClassIndices('prediction', prediction, k);
  }

  const matrix: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) matrix[target[i]!]![prediction[i]!]!++;
  let correct = 0;
  const support = new Array<number>(k).fill(0);
  const predicted = new Array<number>(k).fill(0);
  for (let a = 0; a < k; a++) {
    correct += matrix[a]![a]!;
    for (let b = 0; b < k; b++) {
      support[a] = support[a]! + matrix[a]![b]!;
      predicted[b] = predicted[b]! + matrix[a]![b]!;
    }
  }

  const precision: number[] = [];
  const recall: number[] = [];
  const f1: number[] = [];
  for (let c = 0; c < k; c++) {
    const tp = matrix[c]![c]!;
    const p = divideOrZero(tp, predicted[c]!);
    const r = divideOrZero(tp, support[c]!);
    precision.push(p);
    recall.push(r);
    f1.push(fBetaFrom(p, r, 1));
  }
  const present: number[] = [];
  for (let c = 0; c < k; c++) if (support[c]! > 0 || predicted[c]! > 0) present.push(c);
  const pick = (values: number[]) => present.map((c) => values[c]!);
  const presentSupport = pick(support);

  let aucs: number[] | null = null;
  let rocAuc: number | null = null;
  let rocAucWeighted: number | null = null;
  let logLoss: number | null = null;
  if (scores !== undefined) {
    aucs = [];
    const isClass = new Uint8Array(n);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) isClass[i] = target[i] === c ? 1 : 0;
      aucs.push(rocAucFromCurve(binaryClfCurve(isClass, scores[c]!)));
    }
    const defined = aucs.map((a, c) => (Number.isNaN(a) ? -1 : c)).filter((c) => c >= 0);
    rocAuc = mean(defined.map((c) => aucs![c]!));
    rocAucWeighted = weightedMean(
      defined.map((c) => aucs![c]!),
      defined.map((c) => support[c]!),
    );
    logLoss = scores.every(allProbabilities) ? multiclassLogLoss(target, scores) : Number.NaN;
  }

  const accuracy = n === 0 ? Number.NaN : correct / n;
  const micro = n === 0 ? Number.NaN : accuracy;
  // Object.fromEntries defines own properties, so a label such as "__proto__" is stored like any other.
  const byClass: Record<string, ClassMetrics> = Object.fromEntries(
    classes.map((label, c) => [
      label,
      Object.freeze({
        precision: precision[c]!,
        recall: recall[c]!,
        f1: f1[c]!,
        rocAuc: aucs === null ? null : aucs[c]!,
        support: support[c]!,
      }),
    ]),
  );
  const precisionMacro = mean(pick(precision));
  const recallMacro = mean(pick(recall));
  const f1Macro = mean(pick(f1));
  return Object.freeze({
    rows: n,
    accuracy,
    precision: precisionMacro,
    recall: recallMacro,
    f1: f1Macro,
    precisionMacro,
    recallMacro,
    f1Macro,
    precisionWeighted: weightedMean(pick(precision), presentSupport),
    recallWeighted: weightedMean(pick(recall), presentSupport),
    f1Weighted: weightedMean(pick(f1), presentSupport),
    precisionMicro: micro,
    recallMicro: micro,
    f1Micro: micro,
    rocAuc,
    rocAucWeighted,
    logLoss,
    confusionMatrix: Object.freeze({
      labels: Object.freeze([...classes]),
      matrix: Object.freeze(matrix.map((row) => Object.freeze(row))),
    }),
    byClass: Object.freeze(byClass),
  });
}
