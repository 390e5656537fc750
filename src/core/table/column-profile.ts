/**
 * What the engine computes once per column before any check: cleaned, sorted values and summaries.
 * Plain data (typed arrays and numbers), so a reader's worker thread can compute it and transfer it.
 * @module
 */

/** Summary statistics of a sorted, finite sample. */
export interface NumericSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Sample standard deviation (ddof = 1, as pandas `describe`); NaN below two values. */
  readonly std: number;
  /** Population standard deviation (ddof = 0, numpy's `np.std` default); NaN when empty. */
  readonly populationStd: number;
  readonly q05: number;
  readonly q25: number;
  readonly q50: number;
  readonly q75: number;
  readonly q95: number;
  readonly distinct: number;
  /** Length of the longest run of one value (the mode's count). */
  readonly modeCount: number;
}

/** A column's profile: computed by `profileColumn` (core), or supplied precomputed on the column. */
export interface ColumnProfile {
  /** Sorted finite values of a number column, else null. */
  readonly sorted: Float64Array | null;
  /** Missing cells (NaN or code −1). */
  readonly missing: number;
  /** ±Infinity cells of a number column. */
  readonly infinite: number;
  /** Summary of `sorted`, else null. */
  readonly summary: NumericSummary | null;
  /** Count per dictionary code of a string/bool column, else null. */
  readonly codeCounts: Float64Array | null;
}
