/**
 * Performance estimation without labels: NannyML's CBPE (confidence-based performance estimation) for binary and
 * multiclass classifiers, ported from NannyML main @ 4c86ee35 (Apache-2.0) on top of scikit-learn 1.2.1's isotonic
 * regression and stratified shuffle split.
 *
 * Usage: `fitBinaryCbpe(reference, referenceChunks)` then `estimateBinaryCbpe(model, data, chunks)` (likewise
 * `fitMulticlassCbpe` / `estimateMulticlassCbpe`). Each chunk gets `estimated.<metric> = { value, samplingError,
 * lower, upper, alert, realized? }` and the model carries the alert bands `chunkThresholds.<metric> = { lower,
 * upper }`.
 *
 * Definitions:
 * - **Calibration**: isotonic regression (pool-adjacent-violators, linear interpolation, clipped outside the
 *   fitted range; = `IsotonicRegression(out_of_bounds='clip')`), applied iff NannyML's `needs_calibration` finds
 *   that it lowers the expected calibration error (10 equal-count bins) of 10 stratified 90/10 folds of the
 *   reference (none with a single class or reference ROC AUC > 0.999). Multiclass: one calibrator per class, then
 *   probabilities renormalised to sum to 1.
 * - **Expected confusion matrix** (calibrated p̂, prediction ŷ): TP = Σ_{ŷ=1} p̂, FP = Σ_{ŷ=1} (1 − p̂),
 *   FN = Σ_{ŷ=0} p̂, TN = Σ_{ŷ=0} (1 − p̂); `accuracy` (TP+TN)/n, `precision` TP/(TP+FP), `recall` TP/(TP+FN),
 *   `f1` TP/(TP + ½(FP+FN)), `tnr` (specificity) TN/(TN+FP); 0/0 → NaN (NannyML's behaviour; scikit-learn's
 *   `zero_division` does not apply to estimates).
 * - **rocAuc / prAuc**: rows sorted by the uncalibrated score (descending); expected cumulative TP/FP (rounded to 5
 *   decimals) give a ROC curve (trapezoidal area) and a precision–recall step integral (average precision).
 * - **Multiclass**: one-vs-rest per class, macro mean; `accuracy` = mean p̂ of the predicted class;
 *   `confusionMatrix[i][j]` = Σ_{ŷ=j} p̂_i.
 * - **samplingError** (NannyML `sampling_error/*`): standard error for a chunk of n rows from reference components
 *   (σ/√(n·fraction) per metric; multiclass √(Σ v_c/(n f_c))/k, ×1.2 for ROC AUC; AP by a seeded 50-resample
 *   bootstrap). `lower`/`upper` = value ∓ 3·samplingError clipped to the metric's range; drawn, never alerting.
 * - **chunkThresholds** (alert band): mean ± 3σ (population) of the metric *realized* on the reference chunks
 *   (uncalibrated scores, scikit-learn definitions with NannyML's NaN rules), clipped to [0, 1] (counts: ≥ 0);
 *   `alert` = estimated value outside the band.
 *
 * Where this differs from NannyML: ties in sorting are broken stably (NannyML uses numpy's unstable quicksort, so
 * with tied scores its ECE, AUROC sampling error and multiclass estimates depend on the platform; on the NannyML
 * datasets the differences to numpy's order are ≤ 4.5e-4 in ECE, ≤ 0.07 % in the ROC AUC sampling error and ≤ 8e-6 in
 * the estimated macro ROC AUC / AP; binary estimates are unaffected); the AP bootstrap is seeded
 * (NannyML's is not); multiclass keeps the caller's class order (NannyML sorts labels; same values up to the order
 * of a k-term sum); cases where NannyML raises (too few rows for the stratified split) give "no calibration".
 * Realized metrics here follow NannyML's rules for thresholds (e.g. precision NaN when the chunk's predictions have a
 * single value); scikit-learn and Evidently report 0 there — the model-quality module holds those definitions.
 * @module
 */
export type { CalibrationDecision, CalibrationReason } from './calibration.ts';
export { binIndexEdges, expectedCalibrationError, needsCalibration } from './calibration.ts';
export type {
  BinaryCbpeData,
  BinaryCbpeModel,
  BinaryCbpeReference,
  BinarySamplingComponents,
} from './cbpe-binary.ts';
export { estimateBinaryCbpe, fitBinaryCbpe } from './cbpe-binary.ts';
export type {
  MulticlassCbpeData,
  MulticlassCbpeModel,
  MulticlassCbpeReference,
  MulticlassSamplingComponents,
} from './cbpe-multiclass.ts';
export { estimateMulticlassCbpe, fitMulticlassCbpe } from './cbpe-multiclass.ts';
export type {
  BinaryChunkThresholds,
  BinaryEstimates,
  CbpeChunkResult,
  CbpeMetricName,
  CbpeOptions,
  ConfusionCell,
  MetricEstimate,
  MulticlassChunkThresholds,
  MulticlassEstimates,
} from './cbpe-types.ts';
export { CBPE_METRICS, CONFUSION_CELLS } from './cbpe-types.ts';
export {
  estimateAveragePrecision,
  estimateRocAuc,
  estimateRocAucAndAveragePrecision,
  expectedConfusion,
} from './estimators.ts';
export type { IsotonicModel, IsotonicOptions } from './isotonic-regression.ts';
export {
  fitIsotonic,
  fitIsotonicSorted,
  predictIsotonic,
  predictIsotonicAscending,
  predictIsotonicValue,
} from './isotonic-regression.ts';
export type { BinaryRealized, MulticlassRealized } from './realized-metrics.ts';
export {
  binaryAveragePrecision,
  binaryRocAuc,
  realizedBinary,
  realizedMulticlass,
} from './realized-metrics.ts';
export { stableArgsort } from './stable-argsort.ts';
