/**
 * The series metric names the server's window evaluator writes, and how the dashboard labels and formats them.
 * @module
 */
import { metricDef } from '../renderers/html/model-metrics.ts';
import type { ValueFormat } from './views/chart-panel.ts';

export const M = {
  driftShare: 'drift.share',
  driftCount: 'drift.count',
  driftDataset: 'drift.dataset',
  driftPrediction: 'drift.prediction',
  featurePrefix: 'drift.feature.',
  qualityPrefix: 'quality.',
  estimatedPrefix: 'quality.estimated.',
  missingShare: 'dataQuality.missingShare',
  outOfRangeShare: 'dataQuality.outOfRangeShare',
  unseenCategoryShare: 'dataQuality.unseenCategoryShare',
  contractViolations: 'dataQuality.contractViolations',
  latencyP50: 'health.latencyP50Ms',
  latencyP95: 'health.latencyP95Ms',
  latencyP99: 'health.latencyP99Ms',
  errorRate: 'health.errorRate',
  throughput: 'health.throughput',
  rows: 'health.rows',
} as const;

/** The quality metric shown on the overview: the first of these the model has (realized or estimated). */
export const MAIN_QUALITY_ORDER = [
  'rocAuc',
  'accuracy',
  'f1',
  'r2',
  'rmse',
  'mae',
  'ndcgAtK',
  'precision',
  'recall',
] as const;

/** Realized quality metric keys (`quality.<key>`, not estimated) among the names. */
export function qualityKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const n of names) {
    if (n.startsWith(M.estimatedPrefix)) keys.add(n.slice(M.estimatedPrefix.length));
    else if (n.startsWith(M.qualityPrefix)) keys.add(n.slice(M.qualityPrefix.length));
  }
  const order = (k: string) => {
    const i = (MAIN_QUALITY_ORDER as readonly string[]).indexOf(k);
    return i < 0 ? MAIN_QUALITY_ORDER.length : i;
  };
  return [...keys].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

/** The model's main quality metric key, or null when it has none. */
export function mainQualityKey(names: readonly string[]): string | null {
  return qualityKeys(names)[0] ?? null;
}

export function qualityLabel(key: string): string {
  return metricDef(key)?.label ?? key;
}

/** Higher is better for this quality metric (false for errors and losses). */
export function higherIsBetter(key: string): boolean {
  const d = metricDef(key);
  return d === null ? true : d.better === 'higher';
}

/** Metrics with values in [0, 1] (for y-axis bounds). */
export function isUnitMetric(key: string): boolean {
  return /^(accuracy|precision|recall|f1|fBeta|rocAuc|prAuc|brier|tpr|tnr|fpr|fnr|ece|ndcgAtK|precisionAtK|recallAtK|mapAtK|mrr|hitRateAtK)/.test(
    key,
  );
}

/** Feature names from `drift.feature.<name>` metric names, in name order. */
export function featureNames(names: readonly string[]): string[] {
  return names
    .filter((n) => n.startsWith(M.featurePrefix))
    .map((n) => n.slice(M.featurePrefix.length))
    .sort((a, b) => a.localeCompare(b));
}

export const FORMAT_OF: Readonly<Record<string, ValueFormat>> = {
  [M.driftShare]: 'share',
  [M.missingShare]: 'share',
  [M.outOfRangeShare]: 'share',
  [M.unseenCategoryShare]: 'share',
  [M.errorRate]: 'share',
  [M.latencyP50]: 'ms',
  [M.latencyP95]: 'ms',
  [M.latencyP99]: 'ms',
};
