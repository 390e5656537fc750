/**
 * Model-quality metrics: binary, multiclass, regression and ranking. Pure functions over row-aligned typed
 * arrays (binary labels `Uint8Array` with 1 = positive, class indices `Int32Array`, scores and values
 * `Float64Array`); missing values must be dropped by the caller. Results are frozen plain objects whose keys
 * are the JSON contract's names (`quality.<side>.metrics`).
 *
 * ## Definitions
 * Oracle: scikit-learn **1.2.1** (Debian `python3-sklearn`), plus Evidently's own code where Evidently
 * defines a metric differently. Every number is tested against it to ≤ 1e-9 relative
 * (`test/core/metrics/`, fixtures from `scripts/fixtures/metrics.py`).
 *
 * Binary (`binaryMetrics`):
 * - accuracy, precision, recall, f1, fBeta: sklearn; an undefined ratio is 0 (sklearn's default
 *   `zero_division="warn"`). tpr, tnr, fpr, fnr: Evidently's count ratios, NaN when undefined.
 * - rocAuc = `roc_auc_score` (NaN with one class: sklearn raises); prAuc = `average_precision_score`
 *   (step integral, no interpolation; 0 without positives, as 1.2.1).
 * - logLoss = `log_loss` (clip to [ε, 1 − ε], renormalise); brier = `brier_score_loss`. NaN if a score is
 *   outside [0, 1].
 * - rocCurve = `roc_curve(drop_intermediate=True)` with 1.2.1's first threshold max + 1 (≥ 1.3: +inf);
 *   prCurve = `precision_recall_curve`. `zipCurve(curve, maxPoints)` / `downsampleCurve` thin them for reports;
 *   `curves: false` skips them (per-segment / per-chunk runs). Their arrays are not frozen (cost at 1M points).
 * - ece / reliability: NannyML's equal-count ECE, Σ_b |mean score_b − fraction positive_b|·n_b/n, with
 *   NannyML's bin edges (see calibration.ts) and tie runs split fractionally across bin edges.
 * - bestF1Threshold: the distinct score t maximising F1 of `score ≥ t` (ties → highest t).
 * - dummy: Evidently's `ClassificationDummyMetric` (random labels at the class prior), reported as its
 *   expected value instead of one seeded random draw; log loss ln 2, Brier 0.25, ROC AUC 0.5 (uniform model).
 *
 * Multiclass (`multiclassMetrics`): `precision`, `recall`, `f1` are the macro averages (as Evidently reports
 * them), over the classes present in target or prediction (sklearn `labels=None`); weighted and micro
 * averages as sklearn; one-vs-rest ROC AUC macro / support-weighted; `log_loss`; per-class values in
 * `byClass`.
 *
 * Regression (`regressionMetrics`): sklearn's mae, mse, rmse, r2 (force_finite), max and median absolute
 * error; `meanError` = mean(prediction − target) (Evidently).
 *
 * Ranking (`rankingMetrics`): Evidently's recsys definitions; NDCG equals sklearn `ndcg_score` per query.
 *
 * ## Where scikit-learn and Evidently differ
 * - **MAPE**: Evidently's `mape` is a percent and divides by `max(target, ε)` — so a zero *or negative*
 *   target contributes |error|/ε; scikit-learn's `mean_absolute_percentage_error` (`mapeFraction`) is a
 *   fraction and divides by `max(|target|, ε)`. Both are reported.
 * - **Multiclass precision/recall/F1**: Evidently's headline values are sklearn's *macro* averages; the other
 *   averages are under explicit names.
 * - **Multiclass ROC AUC with a class absent from the target**: sklearn (and so Evidently) raises; here the
 *   class's AUC is NaN and it is left out of the averages.
 * - **Dummy classifier**: Evidently scores one random draw (NumPy seed 0); here the expectation.
 * - **Error bias** (`errorBiasByFeature`): Evidently groups rows by *error* quantile (5 % / 95 %) and reports
 *   feature means per group; `errorByFeatureQuantile` gives the converse (mean error per feature-quantile
 *   group).
 * - **Ranking precision@k** divides by min(size, k) (Evidently), MAP@k by all relevant items of the query;
 *   queries without a relevant item are excluded by default (Evidently `no_feedback_users=False`).
 * - **Regression dummy**: Evidently 0.7's v2 `DummyMAE`/`DummyMAPE` return the model's own values (a bug);
 *   the legacy `*_default` baselines are reproduced.
 * @module
 */
export type { ClfCurve } from './binary-clf-curve.ts';
export { binaryClfCurve } from './binary-clf-curve.ts';
export type { BinaryDummyMetrics } from './binary-dummy.ts';
export { binaryDummy } from './binary-dummy.ts';
export type { BinaryMetrics, BinaryMetricsInput, MetricsAtThreshold } from './binary-metrics.ts';
export { binaryMetrics, metricsAtThreshold } from './binary-metrics.ts';
export type { Calibration, ReliabilityBin } from './calibration.ts';
export { calibrationBinEdges, calibrationFromCurve } from './calibration.ts';
export type { BinaryConfusionMatrix, ThresholdMetrics } from './confusion.ts';
export { binaryConfusion, thresholdConfusion, thresholdMetrics } from './confusion.ts';
export { downsampleCurve, zipCurve } from './downsample-curve.ts';
export type {
  CategoricalErrorBias,
  ErrorBias,
  ErrorBiasOptions,
  ErrorByFeatureQuantile,
  ErrorGroupStats,
  FeatureQuantileOptions,
} from './error-bias.ts';
export { errorBiasByCategory, errorBiasByFeature, errorByFeatureQuantile } from './error-bias.ts';
export type { ClassMetrics, MulticlassMetrics, MulticlassMetricsInput } from './multiclass-metrics.ts';
export { argmaxPrediction, multiclassMetrics } from './multiclass-metrics.ts';
export type { BestThreshold, PrCurve } from './precision-recall.ts';
export { averagePrecisionFromCurve, bestF1FromCurve, prCurveFromCurve } from './precision-recall.ts';
export { binaryLogLoss, brierScore, multiclassLogLoss } from './probability-losses.ts';
export type { RankingMetrics, RankingMetricsInput } from './ranking-metrics.ts';
export { rankingMetrics } from './ranking-metrics.ts';
export type {
  ErrorQuantiles,
  RegressionDummyMetrics,
  RegressionMetrics,
  RegressionMetricsInput,
} from './regression-metrics.ts';
export { mapeOptimalConstant, medianSorted, regressionMetrics } from './regression-metrics.ts';
export type { RocCurve } from './roc.ts';
export { rocAucFromCurve, rocCurveFromCurve } from './roc.ts';
