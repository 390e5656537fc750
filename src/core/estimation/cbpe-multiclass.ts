/**
 * CBPE for multiclass classifiers: one-vs-rest per class, macro averages.
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/performance_estimation/confidence_based/cbpe.py`
 * (`_fit_multiclass`, `_fit_calibrators`, `_calibrate_predicted_probabilities`) and `metrics.py` (the
 * `Multiclass*` metrics), Apache-2.0:
 * - one isotonic calibrator per class, fitted on (target == class, score of the class) when NannyML's
 *   `needs_calibration` says so; calibrated probabilities are then **renormalised** to sum to 1 per row (uniform 1/k
 *   when they sum to 0) — also when no class is calibrated;
 * - precision, recall, F1, specificity, ROC AUC and AP: the binary estimators per class (predicted == class,
 *   calibrated probability of the class; ROC AUC/AP sorted by the class's uncalibrated score), then the mean over
 *   classes; accuracy: mean calibrated probability of the predicted class; confusion matrix
 *   cm[i][j] = Σ_{ŷ=j} p̂_i;
 * - alert bands from the realized macro metrics of the reference chunks; sampling errors as
 *   `sampling_error/multiclass_classification.py`.
 * NannyML sorts the classes by label; here the caller's class order is kept (the macro averages are the same up to
 * the order of a k-term sum).
 * @module
 */
import { type ChunkSelection, selectFloat64, selectInt32 } from '../chunks/chunk.ts';
import { type Band, standardDeviationThreshold } from '../chunks/standard-deviation-threshold.ts';
import { UsageError } from '../errors.ts';
import { numpySum } from '../stats/t-test.ts';
import { type CalibrationDecision, needsCalibration } from './calibration.ts';
import {
  type CbpeChunkResult,
  type CbpeMetricName,
  type CbpeOptions,
  type MetricEstimate,
  type MulticlassChunkThresholds,
  type MulticlassEstimates,
  mapMetrics,
} from './cbpe-types.ts';
import {
  assertChunks,
  assertClassIndices,
  assertLength,
  assertNonEmpty,
  assertScores,
  type ResolvedCbpeOptions,
  resolveOptions,
} from './cbpe-validate.ts';
import { estimateRocAucAndAveragePrecision, expectedConfusion } from './estimators.ts';
import { fitIsotonic, type IsotonicModel, predictIsotonicAscending } from './isotonic-regression.ts';
import { COUNT_LIMITS, metricEstimate, UNIT_LIMITS } from './metric-estimate.ts';
import { onesThenZerosVar } from './numpy-moments.ts';
import { type MulticlassRealized, realizedMulticlass } from './realized-metrics.ts';
import {
  aurocComponent,
  type BootstrapComponent,
  bootstrapApComponents,
  countConfusion,
  indicatorVariance,
  multiclassSamplingError,
  oneVsRestCountComponents,
  type SamplingComponent,
} from './sampling-error.ts';
import { stableArgsort } from './stable-argsort.ts';

/** Labelled reference data of a multiclass classifier (row-aligned). */
export interface MulticlassCbpeReference {
  /** Class labels; index c of `target`, `prediction` and `scores` refers to `classes[c]`. At least 2. */
  readonly classes: readonly string[];
  /** Ground truth as class indices. */
  readonly target: Int32Array;
  /** Predicted class indices. */
  readonly prediction: Int32Array;
  /** `scores[c]`: the model's probability of class c per row. */
  readonly scores: readonly Float64Array[];
}

/** Data to estimate; targets optional (adds `realized`). */
export interface MulticlassCbpeData {
  readonly prediction: Int32Array;
  readonly scores: readonly Float64Array[];
  readonly target?: Int32Array;
}

export interface MulticlassSamplingComponents {
  /** Per class, variances (not standard deviations) as NannyML's multiclass components. */
  readonly rocAuc: readonly SamplingComponent[];
  readonly prAuc: readonly BootstrapComponent[];
  readonly f1: readonly SamplingComponent[];
  readonly precision: readonly SamplingComponent[];
  readonly recall: readonly SamplingComponent[];
  readonly tnr: readonly SamplingComponent[];
  /** Variance of the per-row correctness indicator. */
  readonly accuracy: number;
  /** Variance of each confusion-matrix cell's indicator, `[true][predicted]`. */
  readonly confusionMatrix: readonly (readonly number[])[];
}

export interface MulticlassCbpeModel {
  readonly task: 'multiclass';
  readonly classes: readonly string[];
  /** Calibration decision per class. */
  readonly calibration: readonly CalibrationDecision[];
  /** Isotonic calibrator per class (null: class scores used as they are, before renormalisation). */
  readonly calibrators: readonly (IsotonicModel | null)[];
  readonly chunkThresholds: MulticlassChunkThresholds;
  readonly referenceChunks: readonly MulticlassRealized[];
  readonly samplingErrorComponents: MulticlassSamplingComponents;
  readonly options: ResolvedCbpeOptions;
}

function assertScoreColumns(scores: readonly Float64Array[], k: number, n: number): void {
  if (scores.length !== k) {
    throw new UsageError(
      'DW_CBPE_LENGTH_MISMATCH',
      `expected ${k} score columns (one per class), got ${scores.length}`,
    );
  }
  scores.forEach((s, c) => {
    assertLength(`scores[${c}]`, s, n);
    assertScores(`scores[${c}]`, s);
  });
}

function calibrate(
  target: Int32Array,
  scores: Float64Array,
  order: Uint32Array,
  c: number,
  mode: ResolvedCbpeOptions['calibration'],
): { decision: CalibrationDecision; calibrator: IsotonicModel | null } {
  const binary = Uint8Array.from(target, (t) => (t === c ? 1 : 0));
  const decision: CalibrationDecision =
    mode === 'auto'
      ? (() => {
          const rule = needsCalibration(binary, scores, order);
          return { ...rule, applied: rule.needed };
        })()
      : {
          applied: mode === 'always',
          needed: mode === 'always',
          reason: 'forced',
          eceBefore: Number.NaN,
          eceAfter: Number.NaN,
        };
  const calibrator = decision.applied ? fitIsotonic(scores, binary, { order, yMin: 0, yMax: 1 }) : null;
  return { decision: Object.freeze(decision), calibrator };
}

/**
 * Fit multiclass CBPE on a labelled reference split into `referenceChunks`.
 * @throws UsageError `DW_CBPE_LENGTH_MISMATCH`, `DW_CBPE_BAD_SCORE`, `DW_CBPE_BAD_LABEL`, `DW_CBPE_EMPTY_REFERENCE`,
 *   `DW_CBPE_BAD_CLASSES`, `DW_CBPE_BAD_OPTION`, `DW_CHUNK_OUT_OF_RANGE`
 */
export function fitMulticlassCbpe(
  reference: MulticlassCbpeReference,
  referenceChunks: readonly ChunkSelection[],
  options: CbpeOptions = {},
): MulticlassCbpeModel {
  const resolved = resolveOptions(options);
  const { classes, target, prediction, scores } = reference;
  const k = classes.length;
  if (k < 2 || new Set(classes).size !== k) {
    throw new UsageError(
      'DW_CBPE_BAD_CLASSES',
      `multiclass CBPE needs at least 2 distinct classes, got [${classes}]`,
    );
  }
  const n = target.length;
  assertNonEmpty(n);
  assertLength('prediction', prediction, n);
  assertClassIndices('target', target, k);
  assertClassIndices('prediction', prediction, k);
  assertScoreColumns(scores, k, n);
  assertChunks(referenceChunks, n);
  const classIndices = [...Array(k).keys()];
  const orders = scores.map((s) => stableArgsort(s));

  const cm = classIndices.map(() => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) cm[target[i]!]![prediction[i]!]!++;
  const perClass = classIndices.map((c) =>
    oneVsRestCountComponents(
      countConfusion(
        (i) => target[i] === c,
        (i) => prediction[i] === c,
        n,
      ),
      n,
    ),
  );
  const components: MulticlassSamplingComponents = Object.freeze({
    rocAuc: classIndices.map((c) => aurocComponent((i) => target[i] === c, scores[c]!, orders[c])),
    prAuc: bootstrapApComponents(
      classIndices.map((c) => ({
        isPositive: (i: number) => target[i] === c,
        scores: scores[c]!,
        ascending: orders[c]!,
      })),
      resolved.bootstrapSeed,
    ),
    f1: perClass.map((p) => p.f1),
    precision: perClass.map((p) => p.precision),
    recall: perClass.map((p) => p.recall),
    tnr: perClass.map((p) => p.tnr),
    accuracy: indicatorVariance((i) => target[i] === prediction[i], n),
    confusionMatrix: cm.map((row) => row.map((count) => onesThenZerosVar(count, n - count))),
  });

  const referenceChunkValues = referenceChunks.map((chunk) =>
    realizedMulticlass(
      selectInt32(target, chunk),
      selectInt32(prediction, chunk),
      scores.map((s) => selectFloat64(s, chunk)),
    ),
  );
  const band = (values: number[], limits: readonly [number, number]): Band =>
    standardDeviationThreshold(values, { k: resolved.k, limits });
  const chunkThresholds: MulticlassChunkThresholds = Object.freeze({
    ...mapMetrics((m) =>
      band(
        referenceChunkValues.map((r) => r[m]),
        UNIT_LIMITS,
      ),
    ),
    confusionMatrix: Object.freeze(
      classIndices.map((i) =>
        Object.freeze(
          classIndices.map((j) =>
            band(
              referenceChunkValues.map((r) => r.confusionMatrix[i]![j]!),
              COUNT_LIMITS,
            ),
          ),
        ),
      ),
    ),
  });

  const fitted = classIndices.map((c) => calibrate(target, scores[c]!, orders[c]!, c, resolved.calibration));
  return Object.freeze({
    task: 'multiclass',
    classes: Object.freeze([...classes]),
    calibration: Object.freeze(fitted.map((f) => f.decision)),
    calibrators: Object.freeze(fitted.map((f) => f.calibrator)),
    chunkThresholds,
    referenceChunks: Object.freeze(referenceChunkValues),
    samplingErrorComponents: components,
    options: Object.freeze(resolved),
  });
}

/**
 * Estimate every chunk of `data` (labels not needed).
 * @throws UsageError `DW_CBPE_LENGTH_MISMATCH`, `DW_CBPE_BAD_SCORE`, `DW_CBPE_BAD_LABEL`, `DW_CHUNK_OUT_OF_RANGE`
 */
export function estimateMulticlassCbpe(
  model: MulticlassCbpeModel,
  data: MulticlassCbpeData,
  chunks: readonly ChunkSelection[],
): readonly CbpeChunkResult<MulticlassEstimates>[] {
  const k = model.classes.length;
  const n = data.prediction.length;
  assertClassIndices('prediction', data.prediction, k);
  assertScoreColumns(data.scores, k, n);
  if (data.target) {
    assertLength('target', data.target, n);
    assertClassIndices('target', data.target, k);
  }
  assertChunks(chunks, n);
  return Object.freeze(chunks.map((chunk) => estimateChunk(model, data, chunk)));
}

/** Calibrated, renormalised class probabilities of a chunk (`_calibrate_predicted_probabilities`). */
function calibratedProbabilities(
  model: MulticlassCbpeModel,
  uncalibrated: readonly Float64Array[],
  ascending: readonly Uint32Array[],
): Float64Array[] {
  const k = uncalibrated.length;
  const n = uncalibrated[0]!.length;
  const calibrated = uncalibrated.map((u, c) => {
    const cal = model.calibrators[c];
    return cal ? predictIsotonicAscending(cal, u, ascending[c]!) : Float64Array.from(u);
  });
  // Row sums as numpy's `np.sum(axis=1)`: in order for k < 8 classes, pairwise beyond.
  const row = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    if (k < 8) {
      for (let c = 0; c < k; c++) sum += calibrated[c]![i]!;
    } else {
      for (let c = 0; c < k; c++) row[c] = calibrated[c]![i]!;
      sum = numpySum(row);
    }
    for (let c = 0; c < k; c++) calibrated[c]![i] = sum !== 0 ? calibrated[c]![i]! / sum : 1 / k;
  }
  return calibrated;
}

function mean(values: number[]): number {
  return numpySum(Float64Array.from(values)) / values.length;
}

function estimateChunk(
  model: MulticlassCbpeModel,
  data: MulticlassCbpeData,
  chunk: ChunkSelection,
): CbpeChunkResult<MulticlassEstimates> {
  const k = model.classes.length;
  const classIndices = [...Array(k).keys()];
  const uncalibrated = data.scores.map((s) => selectFloat64(s, chunk));
  const prediction = selectInt32(data.prediction, chunk);
  const n = prediction.length;
  const ascending = uncalibrated.map((u) => stableArgsort(u));
  const probability = calibratedProbabilities(model, uncalibrated, ascending);
  const perClass = classIndices.map((c) => expectedConfusion((i) => prediction[i] === c, probability[c]!));
  const curves = classIndices.map((c) => estimateRocAucAndAveragePrecision(probability[c]!, ascending[c]!));
  const predictedProbability = new Float64Array(n);
  for (let i = 0; i < n; i++) predictedProbability[i] = Math.max(0, probability[prediction[i]!]![i]!);
  const values: Record<CbpeMetricName, number> = {
    rocAuc: mean(curves.map((c) => c.rocAuc)),
    prAuc: mean(curves.map((c) => c.prAuc)),
    accuracy: numpySum(predictedProbability) / n,
    precision: mean(perClass.map((p) => p.precision)),
    recall: mean(perClass.map((p) => p.recall)),
    f1: mean(perClass.map((p) => p.f1)),
    tnr: mean(perClass.map((p) => p.tnr)),
  };
  const cm = classIndices.map((i) =>
    classIndices.map((j) => {
      const terms = new Float64Array(n);
      const p = probability[i]!;
      for (let r = 0; r < n; r++) if (prediction[r] === j) terms[r] = p[r]!;
      return (numpySum(terms) / n) * n;
    }),
  );
  const comp = model.samplingErrorComponents;
  const se: Record<CbpeMetricName, number> = {
    rocAuc: multiclassSamplingError(comp.rocAuc, n) * 1.2,
    prAuc: Math.sqrt(mean(comp.prAuc.map((b) => (b.variance * b.sampleSize) / n))),
    accuracy: Math.sqrt(comp.accuracy) / Math.sqrt(n),
    precision: multiclassSamplingError(comp.precision, n),
    recall: multiclassSamplingError(comp.recall, n),
    f1: multiclassSamplingError(comp.f1, n),
    tnr: multiclassSamplingError(comp.tnr, n),
  };
  const realized = data.target
    ? realizedMulticlass(selectInt32(data.target, chunk), prediction, uncalibrated, ascending)
    : undefined;
  const m = model.options.samplingErrorMultiplier;
  const t = model.chunkThresholds;
  const make = (
    value: number,
    samplingError: number,
    limits: readonly [number, number],
    band: Band,
    real: number | undefined,
  ): MetricEstimate =>
    n === 0
      ? metricEstimate(Number.NaN, Number.NaN, m, limits, band, realized ? Number.NaN : undefined)
      : metricEstimate(value, samplingError, m, limits, band, real);
  const estimated: MulticlassEstimates = Object.freeze({
    ...mapMetrics((name) => make(values[name], se[name], UNIT_LIMITS, t[name], realized?.[name])),
    confusionMatrix: Object.freeze(
      classIndices.map((i) =>
        Object.freeze(
          classIndices.map((j) =>
            make(
              cm[i]![j]!,
              (Math.sqrt(comp.confusionMatrix[i]![j]!) / Math.sqrt(n)) * n,
              COUNT_LIMITS,
              t.confusionMatrix[i]![j]!,
              realized ? realized.confusionMatrix[i]![j] : undefined,
            ),
          ),
        ),
      ),
    ),
  });
  return Object.freeze({ rows: n, estimated });
}
