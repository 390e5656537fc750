/**
 * Assembling a `MetricEstimate`: the value, its sampling-error band clipped to the metric's range, and the alert.
 *
 * As NannyML's `Metric.get_chunk_record` (main @ 4c86ee35, Apache-2.0): upper = min(limit, value + 3·SE),
 * lower = max(limit, value − 3·SE), alert = value outside the alert band.
 * @module
 */
import { alertFor, type Band } from '../chunks/standard-deviation-threshold.ts';
import type { MetricEstimate } from './cbpe-types.ts';

/** The range of a metric: [0, 1] for rates, [0, ∞) for counts. */
export type MetricLimits = readonly [min: number, max: number];

export const UNIT_LIMITS: MetricLimits = [0, 1];
export const COUNT_LIMITS: MetricLimits = [0, Number.POSITIVE_INFINITY];

export function metricEstimate(
  value: number,
  samplingError: number,
  multiplier: number,
  limits: MetricLimits,
  band: Band,
  realized: number | undefined,
): MetricEstimate {
  const estimate: MetricEstimate = {
    value,
    samplingError,
    // np.maximum / np.minimum propagate NaN
    lower: nanMax(limits[0], value - multiplier * samplingError),
    upper: nanMin(limits[1], value + multiplier * samplingError),
    alert: alertFor(value, band),
    ...(realized === undefined ? {} : { realized }),
  };
  return Object.freeze(estimate);
}

function nanMax(a: number, b: number): number {
  return Number.isNaN(b) ? Number.NaN : Math.max(a, b);
}

function nanMin(a: number, b: number): number {
  return Number.isNaN(b) ? Number.NaN : Math.min(a, b);
}
