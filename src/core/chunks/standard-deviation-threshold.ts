/**
 * Reference-band thresholds over chunks: mean ± k·σ of a metric's values on the reference chunks, clipped to the
 * metric's range, and the alert rule.
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/thresholds.py` (Apache-2.0): `StandardDeviationThreshold`
 * (`offset_from=np.nanmean`, population `np.nanstd`, multipliers 3/3) and `calculate_threshold_values` (a bound
 * beyond the metric's limit is replaced by the limit, `override_using_none=False`); the alert rule is
 * `Metric.alert`: `value < lower or value > upper`, ignoring a missing side.
 * @module
 */
import { UsageError } from '../errors.ts';
import { nanMeanStd } from './numpy-nan-stats.ts';

/**
 * An alert band. `null` means "no bound on this side"; `NaN` means the bound could not be computed (no finite
 * reference value) and never alerts.
 */
export interface Band {
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface StandardDeviationThresholdOptions {
  /** Multiplier of the standard deviation. Default 3 (NannyML's default). Must be finite and ≥ 0. */
  readonly k?: number;
  /** Compute a lower bound (mean − k·σ). Default true; false gives `lower: null`. */
  readonly lower?: boolean;
  /** Compute an upper bound (mean + k·σ). Default true; false gives `upper: null`. */
  readonly upper?: boolean;
  /**
   * The metric's possible range `[min, max]` (e.g. `[0, 1]` for ROC AUC, `[0, Infinity]` for counts). A lower bound
   * below `min` becomes `min`, an upper bound above `max` becomes `max`. Default: no limits.
   */
  readonly limits?: readonly [min: number, max: number];
}

/**
 * The band mean ± k·σ of `referenceChunkValues` (population σ), NaN values ignored, clipped to `limits`.
 * Example: NannyML's car-loan reference chunks give [0.963317, 0.97866] for ROC AUC.
 * @throws UsageError `DW_THRESHOLD_BAD_K`, `DW_THRESHOLD_BAD_LIMITS`
 */
export function standardDeviationThreshold(
  referenceChunkValues: ArrayLike<number>,
  options: StandardDeviationThresholdOptions = {},
): Band {
  const k = options.k ?? 3;
  if (!Number.isFinite(k) || k < 0) {
    throw new UsageError(
      'DW_THRESHOLD_BAD_K',
      `the standard-deviation multiplier must be finite and >= 0, got ${k}`,
    );
  }
  const limits = options.limits;
  if (limits && !(limits[0] <= limits[1])) {
    throw new UsageError(
      'DW_THRESHOLD_BAD_LIMITS',
      `threshold limits must satisfy min <= max, got [${limits}]`,
    );
  }
  const { mean, std } = nanMeanStd(referenceChunkValues);
  let lower: number | null = options.lower === false ? null : mean - std * k;
  let upper: number | null = options.upper === false ? null : mean + std * k;
  if (limits) {
    if (lower !== null && lower < limits[0]) lower = limits[0];
    if (upper !== null && upper > limits[1]) upper = limits[1];
  }
  return Object.freeze({ lower, upper });
}

/** A fixed band (NannyML's `ConstantThreshold`); `null` for no bound on a side. */
export function constantThreshold(lower: number | null, upper: number | null): Band {
  if (lower !== null && upper !== null && !(lower < upper)) {
    throw new UsageError(
      'DW_THRESHOLD_BAD_LIMITS',
      `lower threshold ${lower} must be less than upper ${upper}`,
    );
  }
  return Object.freeze({ lower, upper });
}

/** True when `value` lies outside the band (strictly below `lower` or above `upper`). NaN never alerts. */
export function alertFor(value: number, band: Band): boolean {
  return (band.lower !== null && value < band.lower) || (band.upper !== null && value > band.upper);
}
