/**
 * The `classification` and `regression` presets, after Evidently's default tests
 * (`metrics/classification.py`, `metrics/regression.py`):
 * - with a reference value (`quality.reference.metrics.<name>` is a number in the result the preset is
 *   built from): `quality.current.metrics.<name> eq { reference: quality.reference.metrics.<name>,
 *   relative }`, i.e. within ± 20 % (classification) or ± 10 % (regression) of the reference. Two-sided,
 *   as in Evidently: a sudden large improvement usually means a labelling or leakage problem;
 * - without one, against the dummy model at `quality.current.metrics.dummy.<name>`: `gt` for
 *   higher-is-better metrics, `lt` for error-type metrics (log loss, Brier, FPR, FNR, MAE, RMSE, MAPE);
 *   regression R² `gt 0` (Evidently's `R2Score` without reference).
 * All critical. Metrics the result does not have are skipped. Not covered: per-class metrics and the
 * regression mean error (a signed bias near 0, for which a relative tolerance means nothing; pin a
 * `between` by hand).
 * @module
 */
import { UsageError } from '../../errors.ts';
import { joinPath } from '../metric-path.ts';
import type { SuiteTest } from '../suite-types.ts';
import type { ResolvedPresetOptions } from './preset-options.ts';
import { numberAt } from './read-result.ts';

interface MetricInfo {
  readonly name: string;
  readonly label: string;
  /** Lower is better (error-type metric): compared with the dummy with `lt`. */
  readonly lowerIsBetter: boolean;
  /** Fixed bound without reference nor dummy, e.g. R² > 0. */
  readonly floor?: number;
}

/** Evidently's `ClassificationPreset` metrics (Accuracy … FNR) plus PR AUC and Brier, in report order. */
export const CLASSIFICATION_PRESET_METRICS: readonly MetricInfo[] = [
  { name: 'accuracy', label: 'accuracy', lowerIsBetter: false },
  { name: 'precision', label: 'precision', lowerIsBetter: false },
  { name: 'recall', label: 'recall', lowerIsBetter: false },
  { name: 'f1', label: 'F1', lowerIsBetter: false },
  { name: 'rocAuc', label: 'ROC AUC', lowerIsBetter: false },
  { name: 'prAuc', label: 'PR AUC', lowerIsBetter: false },
  { name: 'logLoss', label: 'log loss', lowerIsBetter: true },
  { name: 'brier', label: 'Brier score', lowerIsBetter: true },
  { name: 'tpr', label: 'TPR', lowerIsBetter: false },
  { name: 'tnr', label: 'TNR', lowerIsBetter: false },
  { name: 'fpr', label: 'FPR', lowerIsBetter: true },
  { name: 'fnr', label: 'FNR', lowerIsBetter: true },
];

/** Evidently's `RegressionPreset` metrics with default tests, except the mean error. */
export const REGRESSION_PRESET_METRICS: readonly MetricInfo[] = [
  { name: 'mae', label: 'MAE', lowerIsBetter: true },
  { name: 'rmse', label: 'RMSE', lowerIsBetter: true },
  { name: 'mape', label: 'MAPE', lowerIsBetter: true },
  { name: 'r2', label: 'R2', lowerIsBetter: false, floor: 0 },
  { name: 'maxAbsError', label: 'max absolute error', lowerIsBetter: true },
];

export function classificationPreset(result: unknown, options: ResolvedPresetOptions): SuiteTest[] {
  return modelQualityPreset(
    'classification',
    CLASSIFICATION_PRESET_METRICS,
    options.classificationTolerance,
    result,
  );
}

export function regressionPreset(result: unknown, options: ResolvedPresetOptions): SuiteTest[] {
  return modelQualityPreset('regression', REGRESSION_PRESET_METRICS, options.regressionTolerance, result);
}

function modelQualityPreset(
  preset: string,
  metrics: readonly MetricInfo[],
  tolerance: number,
  result: unknown,
): SuiteTest[] {
  const tests: SuiteTest[] = [];
  const percent = `${Number((tolerance * 100).toPrecision(10))}%`;
  for (const m of metrics) {
    const reference = numberAt(result, 'quality', 'reference', 'metrics', m.name);
    const current = numberAt(result, 'quality', 'current', 'metrics', m.name);
    if (reference === undefined && current === undefined) continue;
    const metric = joinPath('quality', 'current', 'metrics', m.name);
    if (reference !== undefined) {
      tests.push({
        name: `${m.label} within ±${percent} of reference`,
        metric,
        condition: 'eq',
        threshold: { reference: joinPath('quality', 'reference', 'metrics', m.name), relative: tolerance },
        severity: 'critical',
      });
    } else if (numberAt(result, 'quality', 'current', 'metrics', 'dummy', m.name) !== undefined) {
      tests.push({
        name: `${m.label} better than the dummy model`,
        metric,
        condition: m.lowerIsBetter ? 'lt' : 'gt',
        threshold: { reference: joinPath('quality', 'current', 'metrics', 'dummy', m.name) },
        severity: 'critical',
      });
    } else if (m.floor !== undefined) {
      tests.push({
        name: `${m.label} above ${m.floor}`,
        metric,
        condition: 'gt',
        threshold: m.floor,
        severity: 'critical',
      });
    }
  }
  if (tests.length === 0) {
    throw new UsageError(
      'DW_SUITE_PRESET_UNAVAILABLE',
      `preset ${preset}: the result has no ${preset} metrics in quality.reference.metrics or quality.current.metrics (${metrics.map((m) => m.name).join(', ')}); give the target and prediction columns`,
    );
  }
  return tests;
}
