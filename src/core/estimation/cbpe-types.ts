/**
 * Result types of CBPE (confidence-based performance estimation).
 * @module
 */
import type { Band } from '../chunks/standard-deviation-threshold.ts';

/** The metrics CBPE estimates, named as the realized quality metrics. */
export type CbpeMetricName = 'rocAuc' | 'prAuc' | 'accuracy' | 'precision' | 'recall' | 'f1' | 'tnr';

export const CBPE_METRICS: readonly CbpeMetricName[] = Object.freeze([
  'rocAuc',
  'prAuc',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'tnr',
]);

/** Binary confusion-matrix cells. */
export type ConfusionCell = 'tn' | 'fp' | 'fn' | 'tp';

export const CONFUSION_CELLS: readonly ConfusionCell[] = Object.freeze(['tn', 'fp', 'fn', 'tp']);

/** One estimated metric of one chunk. */
export interface MetricEstimate {
  /** CBPE's estimate. NaN when undefined (e.g. precision with no predicted positive: 0/0). */
  readonly value: number;
  /** NannyML's sampling error: the metric's standard error for a chunk of this many rows, from the reference. */
  readonly samplingError: number;
  /**
   * Confidence band: value ∓ 3·samplingError, clipped to the metric's range ([0, 1]; counts ≥ 0). Drawn, never
   * alerts.
   */
  readonly lower: number;
  readonly upper: number;
  /** True when `value` is outside the alert band (`chunkThresholds.<metric>` of the model). */
  readonly alert: boolean;
  /** Realized value of the metric on the chunk, present when the chunk's targets were passed. */
  readonly realized?: number;
}

/** Per-chunk estimates of a binary classifier. */
export interface BinaryEstimates extends Readonly<Record<CbpeMetricName, MetricEstimate>> {
  /** Expected confusion-matrix counts. */
  readonly confusionMatrix: Readonly<Record<ConfusionCell, MetricEstimate>>;
}

/** Per-chunk estimates of a multiclass classifier: macro averages of the one-vs-rest metrics. */
export interface MulticlassEstimates extends Readonly<Record<CbpeMetricName, MetricEstimate>> {
  /** Expected confusion-matrix counts, `confusionMatrix[true][predicted]` in the model's class order. */
  readonly confusionMatrix: readonly (readonly MetricEstimate[])[];
}

/** Alert bands (reference realized mean ± k·σ, clipped) of a binary model. */
export interface BinaryChunkThresholds extends Readonly<Record<CbpeMetricName, Band>> {
  readonly confusionMatrix: Readonly<Record<ConfusionCell, Band>>;
}

/** Alert bands of a multiclass model. */
export interface MulticlassChunkThresholds extends Readonly<Record<CbpeMetricName, Band>> {
  readonly confusionMatrix: readonly (readonly Band[])[];
}

/** One chunk's CBPE result. */
export interface CbpeChunkResult<E> {
  /** Rows in the chunk. */
  readonly rows: number;
  readonly estimated: E;
}

/** Options shared by the binary and multiclass fits. */
export interface CbpeOptions {
  /**
   * `'auto'` (default): NannyML's rule (isotonic calibration iff it lowers the expected calibration error of
   * the reference's cross-validated folds); `'always'` / `'never'` force it.
   */
  readonly calibration?: 'auto' | 'always' | 'never';
  /** Standard-deviation multiplier of the alert bands. Default 3. */
  readonly k?: number;
  /** Multiplier of the sampling error for the confidence band. Default 3 (NannyML's `SAMPLING_ERROR_RANGE`). */
  readonly samplingErrorMultiplier?: number;
  /** Seed of the average-precision bootstrap (numpy `RandomState`). Default 42. */
  readonly bootstrapSeed?: number;
}

/** `{ rocAuc: f('rocAuc'), …, tnr: f('tnr') }`. */
export function mapMetrics<T>(f: (name: CbpeMetricName) => T): Record<CbpeMetricName, T> {
  return {
    rocAuc: f('rocAuc'),
    prAuc: f('prAuc'),
    accuracy: f('accuracy'),
    precision: f('precision'),
    recall: f('recall'),
    f1: f('f1'),
    tnr: f('tnr'),
  };
}

/** `{ tn: f('tn'), fp: f('fp'), fn: f('fn'), tp: f('tp') }`. */
export function mapCells<T>(f: (cell: ConfusionCell) => T): Record<ConfusionCell, T> {
  return { tn: f('tn'), fp: f('fp'), fn: f('fn'), tp: f('tp') };
}
