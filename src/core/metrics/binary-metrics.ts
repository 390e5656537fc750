/**
 * Quality metrics of a binary classifier: threshold metrics from labels, ranking and probability metrics
 * from scores, calibration, curves, the best-F1 threshold and the dummy baseline. Definitions and their
 * sources are in the modules this one combines (confusion, roc, precision-recall, calibration,
 * probability-losses, binary-dummy). Cost: O(n) plus one O(n log n) sort of the scores (radix sort for
 * large n), shared by every score-based metric.
 * @module
 */

import { UsageError } from '../errors.ts';
import { binaryClfCurve } from './binary-clf-curve.ts';
import { type BinaryDummyMetrics, binaryDummy } from './binary-dummy.ts';
import { calibrationFromCurve, type ReliabilityBin } from './calibration.ts';
import {
  type BinaryConfusionMatrix,
  binaryConfusion,
  thresholdConfusion,
  thresholdMetrics,
} from './confusion.ts';
import {
  averagePrecisionFromCurve,
  type BestThreshold,
  bestF1FromCurve,
  type PrCurve,
  prCurveFromCurve,
} from './precision-recall.ts';
import { allProbabilities, binaryLogLoss, brierScore } from './probability-losses.ts';
import { type RocCurve, rocAucFromCurve, rocCurveFromCurve } from './roc.ts';
import { assertBinary, assertFinite, assertLength, checkOption } from './validate.ts';

export interface BinaryMetricsInput {
  /** 1 = positive class, 0 = negative. */
  readonly target: Uint8Array;
  /** Predicted labels (0/1). Default: `score ≥ threshold`. */
  readonly prediction?: Uint8Array;
  /** Score or probability of the positive class (finite). Needed for every score-based metric. */
  readonly score?: Float64Array;
  /** Decision threshold on `score` when `prediction` is absent (also used by the dummy). Default 0.5. */
  readonly threshold?: number;
  /** β of `fBeta`. Default 1. */
  readonly beta?: number;
  /** Equal-count bins of the ECE and reliability curve. Default 10. */
  readonly calibrationBins?: number;
  /**
   * Share of positives the dummy model predicts. Default: the share of positives in `target` (Evidently's
   * "dummy"); pass the reference data's share for Evidently's "dummy by reference".
   */
  readonly dummyPrior?: number;
  /**
   * Build the ROC and PR curves (up to n points each). Default true; pass false when only the scalar metrics
   * are needed (per-segment or per-chunk runs) to skip the curve arrays, the costliest part for 1M distinct
   * scores. `rocCurve` and `prCurve` are then null.
   */
  readonly curves?: boolean;
}

export interface BinaryMetrics {
  readonly rows: number;
  /** Threshold applied to the scores (null without scores). */
  readonly threshold: number | null;
  readonly beta: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fBeta: number;
  /** ROC AUC; NaN with one class. */
  readonly rocAuc: number | null;
  /** Average precision (sklearn `average_precision_score`). */
  readonly prAuc: number | null;
  /** NaN when a score is outside [0, 1]. */
  readonly logLoss: number | null;
  /** NaN when a score is outside [0, 1]. */
  readonly brier: number | null;
  readonly tpr: number;
  readonly tnr: number;
  readonly fpr: number;
  readonly fnr: number;
  readonly confusionMatrix: BinaryConfusionMatrix;
  /** NaN when a score is outside [0, 1] or there are fewer than 4 rows. */
  readonly ece: number | null;
  readonly reliability: readonly ReliabilityBin[] | null;
  /** Null without a score or with `curves: false`. Its arrays are not frozen (cost), treat them as read-only. */
  readonly rocCurve: RocCurve | null;
  readonly prCurve: PrCurve | null;
  readonly bestF1Threshold: BestThreshold | null;
  readonly dummy: BinaryDummyMetrics;
}

/** All binary quality metrics. Throws `DW_METRICS_*` usage errors for misaligned or invalid input. */
export function binaryMetrics(input: BinaryMetricsInput): BinaryMetrics {
  const { target, score } = input;
  const threshold = input.threshold ?? 0.5;
  const beta = input.beta ?? 1;
  const bins = input.calibrationBins ?? 10;
  const n = target.length;
  checkOption(Number.isFinite(threshold), `threshold must be a finite number, got ${threshold}`);
  checkOption(Number.isFinite(beta) && beta > 0, `beta must be a positive number, got ${beta}`);
  checkOption(Number.isInteger(bins) && bins >= 1, `calibrationBins must be a positive integer, got ${bins}`);
  if (input.prediction === undefined && score === undefined) {
    throw new UsageError(
      'DW_METRICS_MISSING_INPUT',
      'binary metrics need a prediction or a score column (or both)',
    );
  }
  assertBinary('target', target);
  if (input.prediction !== undefined) {
    assertLength(n, { prediction: input.prediction });
    assertBinary('prediction', input.prediction);
  }
  if (score !== undefined) {
    assertLength(n, { score });
    assertFinite('score', score);
  }

  const cm =
    input.prediction !== undefined
      ? binaryConfusion(target, input.prediction)
      : thresholdConfusion(target, score!, threshold);
  const t = thresholdMetrics(cm, beta);
  const positives = cm.tp + cm.fn;
  const negatives = cm.tn + cm.fp;
  const prior = input.dummyPrior ?? (n === 0 ? Number.NaN : positives / n);
  checkOption(
    Number.isNaN(prior) || (prior >= 0 && prior <= 1),
    `dummyPrior must be in [0, 1], got ${prior}`,
  );
  const dummy = binaryDummy(positives, negatives, prior, score === undefined ? null : threshold);

  let scoreBased: Pick<
    BinaryMetrics,
    | 'rocAuc'
    | 'prAuc'
    | 'logLoss'
    | 'brier'
    | 'ece'
    | 'reliability'
    | 'rocCurve'
    | 'prCurve'
    | 'bestF1Threshold'
  > = {
    rocAuc: null,
    prAuc: null,
    logLoss: null,
    brier: null,
    ece: null,
    reliability: null,
    rocCurve: null,
    prCurve: null,
    bestF1Threshold: null,
  };
  if (score !== undefined) {
    const curve = binaryClfCurve(target, score);
    const probabilities = allProbabilities(score);
    const calibration = probabilities
      ? calibrationFromCurve(curve, bins)
      : { ece: Number.NaN, reliability: Object.freeze([]) };
    scoreBased = {
      rocAuc: rocAucFromCurve(curve),
      prAuc: averagePrecisionFromCurve(curve),
      logLoss: probabilities ? binaryLogLoss(target, score) : Number.NaN,
      brier: probabilities ? brierScore(target, score) : Number.NaN,
      ece: calibration.ece,
      reliability: calibration.reliability,
      rocCurve: input.curves === false ? null : rocCurveFromCurve(curve),
      prCurve: input.curves === false ? null : prCurveFromCurve(curve),
      bestF1Threshold: bestF1FromCurve(curve),
    };
  }

  return Object.freeze({
    rows: n,
    threshold: score === undefined ? null : threshold,
    beta,
    accuracy: t.accuracy,
    precision: t.precision,
    recall: t.recall,
    f1: t.f1,
    fBeta: t.fBeta,
    rocAuc: scoreBased.rocAuc,
    prAuc: scoreBased.prAuc,
    logLoss: scoreBased.logLoss,
    brier: scoreBased.brier,
    tpr: t.tpr,
    tnr: t.tnr,
    fpr: t.fpr,
    fnr: t.fnr,
    confusionMatrix: cm,
    ece: scoreBased.ece,
    reliability: scoreBased.reliability,
    rocCurve: scoreBased.rocCurve,
    prCurve: scoreBased.prCurve,
    bestF1Threshold: scoreBased.bestF1Threshold,
    dummy,
  });
}

export interface MetricsAtThreshold {
  readonly threshold: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly tpr: number;
  readonly tnr: number;
  readonly fpr: number;
  readonly fnr: number;
  readonly confusionMatrix: BinaryConfusionMatrix;
}

/** Threshold metrics of the prediction `score ≥ threshold`. O(n). */
export function metricsAtThreshold(
  target: Uint8Array,
  score: Float64Array,
  threshold: number,
): MetricsAtThreshold {
  checkOption(!Number.isNaN(threshold), 'threshold must be a number, got NaN');
  assertBinary('target', target);
  assertLength(target.length, { score });
  assertFinite('score', score);
  const cm = thresholdConfusion(target, score, threshold);
  const t = thresholdMetrics(cm);
  return Object.freeze({
    threshold,
    accuracy: t.accuracy,
    precision: t.precision,
    recall: t.recall,
    f1: t.f1,
    tpr: t.tpr,
    tnr: t.tnr,
    fpr: t.fpr,
    fnr: t.fnr,
    confusionMatrix: cm,
  });
}
