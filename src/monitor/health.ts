/**
 * System health of a set of records: latency percentiles, error rate and throughput, computed exactly from the
 * raw rows. Percentiles use numpy's default linear interpolation (`quantileSorted`), as the reports do.
 * @module
 */
import { quantileSorted } from '../core/stats/quantile.ts';
import { sortFloat64 } from '../core/stats/sort-float64.ts';

export interface HealthFigures {
  readonly rows: number;
  /** Rows that reported a latency. */
  readonly latencyRows: number;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly latencyMeanMs: number | null;
  readonly errorRows: number;
  /** errorRows / rows; null without rows. */
  readonly errorRate: number | null;
  /** Records per minute over the period. */
  readonly throughputPerMinute: number;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * @param latenciesMs latencies of the rows that reported one (any order; sorted in place)
 * @param periodMs length of the period the rows cover (for throughput)
 */
export function healthFigures(
  rows: number,
  latenciesMs: Float64Array,
  errorRows: number,
  periodMs: number,
): HealthFigures {
  const sorted = sortFloat64(latenciesMs);
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i]!;
  return {
    rows,
    latencyRows: sorted.length,
    latencyP50Ms: finiteOrNull(quantileSorted(sorted, 0.5)),
    latencyP95Ms: finiteOrNull(quantileSorted(sorted, 0.95)),
    latencyP99Ms: finiteOrNull(quantileSorted(sorted, 0.99)),
    latencyMeanMs: sorted.length > 0 ? sum / sorted.length : null,
    errorRows,
    errorRate: rows > 0 ? errorRows / rows : null,
    throughputPerMinute: periodMs > 0 ? rows / (periodMs / 60_000) : 0,
  };
}

/** Median label lag, ms (null without labelled rows). */
export function medianMs(values: Float64Array): number | null {
  if (values.length === 0) return null;
  return finiteOrNull(quantileSorted(sortFloat64(values), 0.5));
}
