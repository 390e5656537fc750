/**
 * The scalar series a window's stored result yields (one `series` row each). A pure function of the stored result,
 * so the series a previous revision wrote can be re-derived from its stored result and the ones no longer
 * produced deleted.
 *
 * Names:
 * - `drift.share`, `drift.count` (drifted columns), `drift.dataset` (0/1), `drift.feature.<name>` (the column's drift
 *   statistic: p-value or distance, see `method`), `drift.prediction` (the prediction's statistic, else the
 *   score's) — only when the window had a reference;
 * - `quality.<metric>`: every scalar realized metric of the labelled rows (`rows` = labelled rows used);
 * - `quality.estimated.<metric>`: CBPE estimates when the engine produced them for the window;
 * - `dataQuality.missingShare`, `dataQuality.outOfRangeShare`, `dataQuality.unseenCategoryShare`,
 *   `dataQuality.contractViolations`, `dataQuality.mismatchedCells`;
 * - `health.latencyP50Ms`, `health.latencyP95Ms`, `health.latencyP99Ms`, `health.errorRate`, `health.throughput`
 *   (records per minute), `health.rows`;
 * - `labels.rows`, `labels.share`, `labels.lagP50Ms`;
 * - per segment (`segment` = `col=value`): `drift.share`, `drift.count` and the headline quality metric.
 * @module
 */
import type { SeriesValue } from '../storage/series-store.ts';
import { headlineMetric, type StoredWindowResult, segmentKey } from './evaluate-window.ts';
import { PREDICTION_COLUMN, SCORE_COLUMN } from './record-columns.ts';

/** Metric-object keys that are not metrics. */
const NOT_METRICS = new Set(['rows', 'threshold', 'beta', 'k', 'support']);

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function windowSeries(result: StoredWindowResult): SeriesValue[] {
  const out: SeriesValue[] = [];
  const exact = result.monitor.exact;
  const rows = result.current.rows;
  const add = (metric: string, value: number | null, n: number, method: string | null = null, segment = '') =>
    out.push({
      metric,
      segment,
      value,
      exact: metric.startsWith('drift.') ? exact && result.monitor.referenceExact : exact,
      rows: n,
      method,
    });

  if (result.monitor.referenceKind !== 'none') {
    const drift = result.drift;
    const methods = [
      ...new Set(drift.columns.map((c) => c.method).filter((m): m is NonNullable<typeof m> => !!m)),
    ]
      .sort()
      .join(',');
    add('drift.share', drift.columnCount > 0 ? drift.share : null, rows, methods || null);
    add('drift.count', drift.driftedCount, rows, methods || null);
    add('drift.dataset', drift.datasetDrift ? 1 : 0, rows, methods || null);
    const features = new Set(result.monitor.features);
    for (const c of drift.columns) {
      if (features.has(c.column)) add(`drift.feature.${c.column}`, c.statistic, c.currentRows, c.method);
    }
    const prediction =
      drift.columns.find((c) => c.column === PREDICTION_COLUMN) ??
      drift.columns.find((c) => c.column === SCORE_COLUMN);
    if (prediction) add('drift.prediction', prediction.statistic, prediction.currentRows, prediction.method);
    for (const s of result.monitor.segmentDrift) {
      add('drift.share', s.share, s.rows, methods || null, s.segment);
      add('drift.count', s.driftedCount, s.rows, methods || null, s.segment);
    }
  }

  const metrics = result.quality.current.metrics;
  if (metrics) {
    const labelled = num(metrics.rows) ?? result.labels.rows;
    for (const [name, value] of Object.entries(metrics)) {
      if (NOT_METRICS.has(name)) continue;
      const v = num(value);
      if (v !== null || value === null) add(`quality.${name}`, v, labelled);
    }
  }
  const headline = headlineMetric(result);
  if (headline) {
    for (const s of result.quality.segments ?? []) {
      const key = segmentKey(s.segment, s.value);
      const v = s.metrics?.[headline];
      if (s.metrics) add(`quality.${headline}`, num(v), s.rows, null, key);
    }
  }
  const estimated = result.chunks?.[0]?.estimated;
  if (estimated) {
    for (const [name, e] of Object.entries(estimated)) {
      if (e && typeof e === 'object' && 'value' in e) add(`quality.estimated.${name}`, num(e.value), rows);
    }
  }

  const dq = result.monitor.dataQuality;
  add('dataQuality.missingShare', dq.missingShare, rows);
  if (dq.outOfRangeShare !== null) add('dataQuality.outOfRangeShare', dq.outOfRangeShare, rows);
  if (dq.unseenCategoryShare !== null) add('dataQuality.unseenCategoryShare', dq.unseenCategoryShare, rows);
  if (dq.contractViolations !== null) add('dataQuality.contractViolations', dq.contractViolations, rows);
  add('dataQuality.mismatchedCells', result.monitor.mismatchedCells, rows);

  const h = result.health;
  add('health.rows', h.rows, h.rows);
  add('health.throughput', h.throughputPerMinute, h.rows);
  add('health.errorRate', h.errorRate, h.rows);
  if (h.latencyRows > 0) {
    add('health.latencyP50Ms', h.latencyP50Ms, h.latencyRows);
    add('health.latencyP95Ms', h.latencyP95Ms, h.latencyRows);
    add('health.latencyP99Ms', h.latencyP99Ms, h.latencyRows);
  }
  add('labels.rows', result.labels.rows, rows);
  add('labels.share', result.labels.share, rows);
  if (result.labels.lagP50Ms !== null) add('labels.lagP50Ms', result.labels.lagP50Ms, result.labels.rows);
  return out;
}

/** (metric, segment) pairs of `before` that `after` no longer has. */
export function staleSeries(
  before: readonly SeriesValue[],
  after: readonly SeriesValue[],
): { metric: string; segment: string }[] {
  const keep = new Set(after.map((v) => `${v.metric}\u0000${v.segment}`));
  const seen = new Set<string>();
  const out: { metric: string; segment: string }[] = [];
  for (const v of before) {
    const k = `${v.metric}\u0000${v.segment}`;
    if (!keep.has(k) && !seen.has(k)) {
      seen.add(k);
      out.push({ metric: v.metric, segment: v.segment });
    }
  }
  return out;
}
