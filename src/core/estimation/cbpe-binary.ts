/**
 * CBPE for binary classifiers: fit on a labelled reference, then estimate the performance of any chunk from its
 * scores and predictions alone.
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/performance_estimation/confidence_based/cbpe.py` (`_fit_binary`,
 * `_estimate`) and `metrics.py` (Apache-2.0). Fit: sampling-error components and the alert bands (mean ± 3σ of
 * the metric **realized** on each reference chunk, uncalibrated scores, clipped to [0, 1]; counts ≥ 0) come first,
 * then the calibration decision and, if calibrating, isotonic regression on the full reference. Estimate: the
 * calibrated probabilities feed the expected confusion matrix and the estimated ROC AUC / AP (sorted by the
 * uncalibrated scores).
 * @module
 */
import { type ChunkSelection, selectFloat64, selectUint8 } from '../chunks/chunk.ts';
import { type Band, standardDeviationThreshold } from '../chunks/standard-deviation-threshold.ts';
import { type CalibrationDecision, needsCalibration } from './calibration.ts';
import {
  type BinaryChunkThresholds,
  type BinaryEstimates,
  type CbpeChunkResult,
  type CbpeMetricName,
  type CbpeOptions,
  type ConfusionCell,
  mapCells,
  mapMetrics,
} from './cbpe-types.ts';
import {
  assertBinary,
  assertChunks,
  assertLength,
  assertNonEmpty,
  assertScores,
  type ResolvedCbpeOptions,
  resolveOptions,
} from './cbpe-validate.ts';
import { estimateRocAucAndAveragePrecision, expectedConfusion } from './estimators.ts';
import { fitIsotonic, type IsotonicModel, predictIsotonicAscending } from './isotonic-regression.ts';
import { COUNT_LIMITS, metricEstimate, UNIT_LIMITS } from './metric-estimate.ts';
import { type BinaryRealized, realizedBinary } from './realized-metrics.ts';
import {
  aurocComponent,
  type BootstrapComponent,
  binaryCountComponents,
  bootstrapApComponents,
  countConfusion,
  indicatorVariance,
  type SamplingComponent,
  universalSamplingError,
} from './sampling-error.ts';
import { stableArgsort } from './stable-argsort.ts';

/** Labelled reference data of a binary classifier (row-aligned). */
export interface BinaryCbpeReference {
  /** Ground truth, 1 = positive class. */
  readonly target: Uint8Array;
  /** Score / probability of the positive class (uncalibrated model output). */
  readonly scores: Float64Array;
  /** Predicted label, 1 = positive class. */
  readonly prediction: Uint8Array;
}

/** Data to estimate: scores and predictions; targets optional (adds `realized` to every estimate). */
export interface BinaryCbpeData {
  readonly scores: Float64Array;
  readonly prediction: Uint8Array;
  readonly target?: Uint8Array;
}

/** Reference-derived sampling-error components (NannyML's `_sampling_error_components`). */
export interface BinarySamplingComponents {
  readonly rocAuc: SamplingComponent;
  readonly prAuc: BootstrapComponent;
  readonly f1: SamplingComponent;
  readonly precision: SamplingComponent;
  readonly recall: SamplingComponent;
  readonly tnr: SamplingComponent;
  /** Variance of the per-row correctness indicator. */
  readonly accuracy: number;
  /** Variance of each cell's per-row indicator. */
  readonly confusionMatrix: Readonly<Record<ConfusionCell, number>>;
}

/** A fitted binary CBPE model. */
export interface BinaryCbpeModel {
  readonly task: 'binary';
  readonly calibration: CalibrationDecision;
  /** The isotonic calibrator, or null when the scores are used as they are. */
  readonly calibrator: IsotonicModel | null;
  /** Alert bands: realized metric on the reference chunks, mean ± k·σ. */
  readonly chunkThresholds: BinaryChunkThresholds;
  /** Realized metrics of each reference chunk (what the bands are computed from). */
  readonly referenceChunks: readonly BinaryRealized[];
  readonly samplingErrorComponents: BinarySamplingComponents;
  readonly options: ResolvedCbpeOptions;
}

function fitCalibration(
  reference: BinaryCbpeReference,
  order: Uint32Array,
  mode: ResolvedCbpeOptions['calibration'],
): { decision: CalibrationDecision; calibrator: IsotonicModel | null } {
  const decision: CalibrationDecision =
    mode === 'auto'
      ? (() => {
          const rule = needsCalibration(reference.target, reference.scores, order);
          return { ...rule, applied: rule.needed };
        })()
      : {
          applied: mode === 'always',
          needed: mode === 'always',
          reason: 'forced',
          eceBefore: Number.NaN,
          eceAfter: Number.NaN,
        };
  const calibrator = decision.applied
    ? fitIsotonic(reference.scores, reference.target, { order, yMin: 0, yMax: 1 })
    : null;
  return { decision: Object.freeze(decision), calibrator };
}

/**
 * Fit CBPE on a labelled reference split into `referenceChunks` (the same chunking as the data to monitor: the
 * alert bands describe chunk-to-chunk variation at that chunk size).
 * @throws UsageError `DW_CBPE_LENGTH_MISMATCH`, `DW_CBPE_BAD_SCORE`, `DW_CBPE_BAD_LABEL`, `DW_CBPE_EMPTY_REFERENCE`,
 *   `DW_CBPE_BAD_OPTION`, `DW_CHUNK_OUT_OF_RANGE`, `DW_THRESHOLD_BAD_K`
 */
export function fitBinaryCbpe(
  reference: BinaryCbpeReference,
  referenceChunks: readonly ChunkSelection[],
  options: CbpeOptions = {},
): BinaryCbpeModel {
  const resolved = resolveOptions(options);
  const n = reference.target.length;
  assertNonEmpty(n);
  assertLength('scores', reference.scores, n);
  assertLength('prediction', reference.prediction, n);
  assertBinary('target', reference.target);
  assertBinary('prediction', reference.prediction);
  assertScores('scores', reference.scores);
  assertChunks(referenceChunks, n);
  const { target, scores, prediction } = reference;

  // 1. sampling-error components (uncalibrated scores, as NannyML fits its metrics before calibrating)
  const counts = countConfusion(
    (i) => target[i] === 1,
    (i) => prediction[i] === 1,
    n,
  );
  const isCell: Record<ConfusionCell, (i: number) => boolean> = {
    tp: (i) => target[i] === 1 && prediction[i] === 1,
    tn: (i) => target[i] === 0 && prediction[i] === 0,
    fp: (i) => target[i] === 0 && prediction[i] === 1,
    fn: (i) => target[i] === 1 && prediction[i] === 0,
  };
  const order = stableArgsort(scores);
  const components: BinarySamplingComponents = Object.freeze({
    rocAuc: aurocComponent((i) => target[i] === 1, scores, order),
    prAuc: bootstrapApComponents(
      [{ isPositive: (i) => target[i] === 1, scores, ascending: order }],
      resolved.bootstrapSeed,
    )[0]!,
    ...binaryCountComponents(counts, n),
    accuracy: indicatorVariance((i) => target[i] === prediction[i], n),
    confusionMatrix: Object.freeze({
      tn: indicatorVariance(isCell.tn, n),
      fp: indicatorVariance(isCell.fp, n),
      fn: indicatorVariance(isCell.fn, n),
      tp: indicatorVariance(isCell.tp, n),
    }),
  });

  // 2. alert bands from the realized metric of every reference chunk
  const referenceChunkValues = referenceChunks.map((chunk) =>
    realizedBinary(selectUint8(target, chunk), selectUint8(prediction, chunk), selectFloat64(scores, chunk)),
  );
  const band = (name: CbpeMetricName | ConfusionCell, limits: readonly [number, number]): Band =>
    standardDeviationThreshold(
      referenceChunkValues.map((r) => r[name]),
      { k: resolved.k, limits },
    );
  const chunkThresholds: BinaryChunkThresholds = Object.freeze({
    ...mapMetrics((m) => band(m, UNIT_LIMITS)),
    confusionMatrix: Object.freeze(mapCells((c) => band(c, COUNT_LIMITS))),
  });

  // 3. calibration decision and calibrator
  const { decision, calibrator } = fitCalibration(reference, order, resolved.calibration);

  return Object.freeze({
    task: 'binary',
    calibration: decision,
    calibrator,
    chunkThresholds,
    referenceChunks: Object.freeze(referenceChunkValues),
    samplingErrorComponents: components,
    options: Object.freeze(resolved),
  });
}

/**
 * Estimate every chunk of `data` (labels not needed). Chunks may be the reference chunks too (NannyML reports
 * both): the result for a chunk does not depend on the other chunks.
 * @param ascending optional, per chunk: the stable ascending order of the chunk's scores (`stableArgsort` of
 *   them), when the caller already has it — e.g. from one sort of the whole score column; sorted here otherwise
 * @throws UsageError `DW_CBPE_LENGTH_MISMATCH`, `DW_CBPE_BAD_SCORE`, `DW_CBPE_BAD_LABEL`, `DW_CHUNK_OUT_OF_RANGE`
 */
export function estimateBinaryCbpe(
  model: BinaryCbpeModel,
  data: BinaryCbpeData,
  chunks: readonly ChunkSelection[],
  ascending?: readonly (Uint32Array | null)[],
): readonly CbpeChunkResult<BinaryEstimates>[] {
  const n = data.scores.length;
  assertLength('prediction', data.prediction, n);
  assertBinary('prediction', data.prediction);
  assertScores('scores', data.scores);
  if (data.target) {
    assertLength('target', data.target, n);
    assertBinary('target', data.target);
  }
  assertChunks(chunks, n);
  if (ascending) assertLength('ascending', ascending, chunks.length);
  return Object.freeze(chunks.map((chunk, i) => estimateChunk(model, data, chunk, ascending?.[i] ?? null)));
}

function estimateChunk(
  model: BinaryCbpeModel,
  data: BinaryCbpeData,
  chunk: ChunkSelection,
  order: Uint32Array | null,
): CbpeChunkResult<BinaryEstimates> {
  const uncalibrated = selectFloat64(data.scores, chunk);
  const prediction = selectUint8(data.prediction, chunk);
  const n = uncalibrated.length;
  if (order) assertLength('ascending', order, n);
  const ascending = order ?? stableArgsort(uncalibrated);
  const probability = model.calibrator
    ? predictIsotonicAscending(model.calibrator, uncalibrated, ascending)
    : uncalibrated;
  const cm = expectedConfusion((i) => prediction[i] === 1, probability);
  const curves = estimateRocAucAndAveragePrecision(probability, ascending);
  const values: Record<CbpeMetricName | ConfusionCell, number> = {
    rocAuc: curves.rocAuc,
    prAuc: curves.prAuc,
    accuracy: cm.accuracy,
    precision: cm.precision,
    recall: cm.recall,
    f1: cm.f1,
    tnr: cm.tnr,
    tn: cm.tn,
    fp: cm.fp,
    fn: cm.fn,
    tp: cm.tp,
  };
  const c = model.samplingErrorComponents;
  const se: Record<CbpeMetricName | ConfusionCell, number> = {
    rocAuc: universalSamplingError(c.rocAuc, n),
    prAuc: Math.sqrt(c.prAuc.variance) * Math.sqrt(c.prAuc.sampleSize / n),
    accuracy: Math.sqrt(c.accuracy) / Math.sqrt(n),
    precision: universalSamplingError(c.precision, n),
    recall: universalSamplingError(c.recall, n),
    f1: universalSamplingError(c.f1, n),
    tnr: universalSamplingError(c.tnr, n),
    tn: (Math.sqrt(c.confusionMatrix.tn) / Math.sqrt(n)) * n,
    fp: (Math.sqrt(c.confusionMatrix.fp) / Math.sqrt(n)) * n,
    fn: (Math.sqrt(c.confusionMatrix.fn) / Math.sqrt(n)) * n,
    tp: (Math.sqrt(c.confusionMatrix.tp) / Math.sqrt(n)) * n,
  };
  const realized = data.target
    ? realizedBinary(selectUint8(data.target, chunk), prediction, uncalibrated, ascending)
    : undefined;
  const m = model.options.samplingErrorMultiplier;
  const make = (name: CbpeMetricName | ConfusionCell, limits: readonly [number, number], band: Band) =>
    n === 0
      ? metricEstimate(Number.NaN, Number.NaN, m, limits, band, realized ? Number.NaN : undefined)
      : metricEstimate(values[name], se[name], m, limits, band, realized?.[name]);
  const t = model.chunkThresholds;
  const estimated: BinaryEstimates = Object.freeze({
    ...mapMetrics((name) => make(name, UNIT_LIMITS, t[name])),
    confusionMatrix: Object.freeze(mapCells((cell) => make(cell, COUNT_LIMITS, t.confusionMatrix[cell]))),
  });
  return Object.freeze({ rows: n, estimated });
}
