/**
 * Max/min of a per-group metric, Fairlearn `MetricFrame.difference()` / `ratio()` with
 * `method='between_groups'` (fairlearn/fairlearn `fairlearn/metrics/_metric_frame.py`: `group_max() −
 * group_min()` and `group_min() / group_max()`; pandas' `max`/`min` skip NaN, and so do we).
 * @module
 */

/** The spread of one metric over the compared groups. */
export interface Spread {
  /** Largest defined value, `NaN` when no group has a defined value. */
  readonly max: number;
  /** Smallest defined value. */
  readonly min: number;
  /** Group code of `max` (first one on ties), −1 when none. */
  readonly maxGroup: number;
  /** Group code of `min` (first one on ties), −1 when none. */
  readonly minGroup: number;
  /** `max − min` (Fairlearn "between_groups" difference); 0 with one defined group. */
  readonly difference: number;
  /** `min / max` (Fairlearn ratio); `NaN` when max is 0. */
  readonly ratio: number;
}

/**
 * Spread of `values[g]` over the groups `g` with `include[g]`, ignoring `NaN` values.
 * @param values - one value per group code.
 * @param include - which groups take part.
 */
export function spread(values: ArrayLike<number>, include: ArrayLike<boolean>): Spread {
  let max = Number.NaN;
  let min = Number.NaN;
  let maxGroup = -1;
  let minGroup = -1;
  for (let g = 0; g < values.length; g++) {
    const v = values[g]!;
    if (!include[g] || Number.isNaN(v)) continue;
    if (maxGroup === -1 || v > max) {
      max = v;
      maxGroup = g;
    }
    if (minGroup === -1 || v < min) {
      min = v;
      minGroup = g;
    }
  }
  const ratio = max === 0 ? Number.NaN : min / max;
  return { max, min, maxGroup, minGroup, difference: max - min, ratio };
}
