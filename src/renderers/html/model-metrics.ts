/**
 * The headline model-quality metrics shown per task, with their display names and whether higher is
 * better (to say whether a change from reference to current is an improvement). Keys are the JSON names
 * of `quality.<side>.metrics` (see the README's metric list).
 * @module
 */

export type Task = 'binary' | 'multiclass' | 'regression' | 'ranking';

export interface MetricDef {
  readonly key: string;
  readonly label: string;
  /** Which direction is an improvement: higher, lower, or closer to zero (mean error). */
  readonly better: 'higher' | 'lower' | 'zero';
  /** `percent`: the value is already in percent (MAPE, Evidently's definition). */
  readonly unit?: 'percent';
}

const BINARY: readonly MetricDef[] = [
  { key: 'accuracy', label: 'Accuracy', better: 'higher' },
  { key: 'precision', label: 'Precision', better: 'higher' },
  { key: 'recall', label: 'Recall', better: 'higher' },
  { key: 'f1', label: 'F1', better: 'higher' },
  { key: 'fBeta', label: 'F-beta', better: 'higher' },
  { key: 'rocAuc', label: 'ROC AUC', better: 'higher' },
  { key: 'prAuc', label: 'PR AUC (average precision)', better: 'higher' },
  { key: 'logLoss', label: 'Log loss', better: 'lower' },
  { key: 'brier', label: 'Brier score', better: 'lower' },
  { key: 'tpr', label: 'True positive rate', better: 'higher' },
  { key: 'tnr', label: 'True negative rate', better: 'higher' },
  { key: 'fpr', label: 'False positive rate', better: 'lower' },
  { key: 'fnr', label: 'False negative rate', better: 'lower' },
  { key: 'ece', label: 'Expected calibration error', better: 'lower' },
];

const MULTICLASS: readonly MetricDef[] = [
  { key: 'accuracy', label: 'Accuracy', better: 'higher' },
  { key: 'precision', label: 'Precision (macro)', better: 'higher' },
  { key: 'recall', label: 'Recall (macro)', better: 'higher' },
  { key: 'f1', label: 'F1 (macro)', better: 'higher' },
  { key: 'precisionWeighted', label: 'Precision (weighted)', better: 'higher' },
  { key: 'recallWeighted', label: 'Recall (weighted)', better: 'higher' },
  { key: 'f1Weighted', label: 'F1 (weighted)', better: 'higher' },
  { key: 'precisionMicro', label: 'Precision (micro)', better: 'higher' },
  { key: 'recallMicro', label: 'Recall (micro)', better: 'higher' },
  { key: 'f1Micro', label: 'F1 (micro)', better: 'higher' },
  { key: 'rocAuc', label: 'ROC AUC (one-vs-rest, macro)', better: 'higher' },
  { key: 'rocAucWeighted', label: 'ROC AUC (one-vs-rest, weighted)', better: 'higher' },
  { key: 'logLoss', label: 'Log loss', better: 'lower' },
];

const REGRESSION: readonly MetricDef[] = [
  { key: 'meanError', label: 'Mean error (prediction − target)', better: 'zero' },
  { key: 'mae', label: 'Mean absolute error', better: 'lower' },
  { key: 'mse', label: 'Mean squared error', better: 'lower' },
  { key: 'rmse', label: 'Root mean squared error', better: 'lower' },
  { key: 'mape', label: 'MAPE (percent, Evidently)', better: 'lower', unit: 'percent' },
  { key: 'mapeFraction', label: 'MAPE (fraction, scikit-learn)', better: 'lower' },
  { key: 'r2', label: 'R²', better: 'higher' },
  { key: 'maxAbsError', label: 'Max absolute error', better: 'lower' },
  { key: 'medianAbsError', label: 'Median absolute error', better: 'lower' },
];

const RANKING: readonly MetricDef[] = [
  { key: 'ndcgAtK', label: 'NDCG@k', better: 'higher' },
  { key: 'precisionAtK', label: 'Precision@k', better: 'higher' },
  { key: 'recallAtK', label: 'Recall@k', better: 'higher' },
  { key: 'mapAtK', label: 'MAP@k', better: 'higher' },
  { key: 'mrr', label: 'MRR', better: 'higher' },
  { key: 'hitRateAtK', label: 'Hit rate@k', better: 'higher' },
];

export const HEADLINE_METRICS: Readonly<Record<Task, readonly MetricDef[]>> = {
  binary: BINARY,
  multiclass: MULTICLASS,
  regression: REGRESSION,
  ranking: RANKING,
};

/** The task's long name for headings. */
export const TASK_NAMES: Readonly<Record<Task, string>> = {
  binary: 'binary classification',
  multiclass: 'multiclass classification',
  regression: 'regression',
  ranking: 'ranking',
};

/** The definition of `key` for `task` (any task when `task` is unknown), or null. */
export function metricDef(key: string, task?: Task): MetricDef | null {
  const lists = task === undefined ? Object.values(HEADLINE_METRICS) : [HEADLINE_METRICS[task]];
  for (const l of lists) for (const d of l) if (d.key === key) return d;
  return null;
}

/**
 * Whether `current` is better (1), worse (−1) or equal/unknown (0) than `reference` for this metric.
 */
export function compare(def: MetricDef, reference: number | null, current: number | null): -1 | 0 | 1 {
  if (reference === null || current === null || !Number.isFinite(reference) || !Number.isFinite(current))
    return 0;
  const r = def.better === 'zero' ? -Math.abs(reference) : def.better === 'lower' ? -reference : reference;
  const c = def.better === 'zero' ? -Math.abs(current) : def.better === 'lower' ? -current : current;
  return c > r ? 1 : c < r ? -1 : 0;
}
