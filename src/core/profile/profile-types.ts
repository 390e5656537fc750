/**
 * A dataset profile: per-column mergeable sketches of a dataset, as a plain JSON-serialisable object
 * (the `.dwprofile` file). Profiles merge associatively (hour → day → any range, across processes) and
 * turn back into a `Table` the check engine can compare with (`profileToTable`).
 * @module
 */
import type { HllState } from '../sketch/hll.ts';
import type { MomentsState } from '../sketch/moments.ts';
import type { QuantileSketchState } from '../sketch/quantile-sketch.ts';
import type { FrequentItemsState } from '../sketch/space-saving.ts';
import type { ValueCountsState } from '../sketch/value-counts.ts';

export const PROFILE_FORMAT = 'driftwatch-profile';
export const PROFILE_FORMAT_VERSION = 1;

/** Fields every profiled column has. Invariant: `count + missing = rows` of the profile. */
interface ProfileColumnBase {
  readonly name: string;
  /** Non-missing cells (for numbers: finite and ±Infinity). */
  readonly count: number;
  /** Missing cells (NaN, null, or rows of a merged profile where the column was absent). */
  readonly missing: number;
  /** True when `profileToTable` reproduces the column's values exactly (as a multiset). */
  readonly exact: boolean;
  /**
   * 0 when exact. Numbers: the KLL sketch's normalized rank error (99 % confidence; the reference CDF,
   * hence a KS statistic, is within this of the exact one). Strings: the share of values not attributed
   * to a kept category (they become missing in `profileToTable`).
   */
  readonly rankErrorBound: number;
  /** Distinct non-missing values: exact when known, else the HyperLogLog estimate (±1.6 % at p = 12). */
  readonly distinct: number;
  /** Distinct-count sketch (numbers: the finite values). */
  readonly hll: HllState;
}

/** An `int`, `float` or `datetime` (epoch ms) column. */
export interface NumericProfileColumn extends ProfileColumnBase {
  readonly dtype: 'int' | 'float' | 'datetime';
  readonly positiveInfinity: number;
  readonly negativeInfinity: number;
  /** Count, mean, M2, min, max of the finite values. */
  readonly moments: MomentsState;
  /** Finite values: exact up to a cap, KLL beyond. */
  readonly quantiles: QuantileSketchState;
  /** Exact counts of the finite values while there are few distinct ones (null values once overflowed). */
  readonly valueCounts: ValueCountsState;
}

/** A `string` or `bool` column (bool values are `'false'` and `'true'`). */
export interface CategoricalProfileColumn extends ProfileColumnBase {
  readonly dtype: 'string' | 'bool';
  /** Exact counts up to a distinct-value cap, SpaceSaving/Misra–Gries beyond. */
  readonly items: FrequentItemsState;
}

/** One column of a profile (named `ProfileColumn` because `ColumnProfile` is the engine's per-column cache). */
export type ProfileColumn = NumericProfileColumn | CategoricalProfileColumn;

export interface DatasetProfile {
  readonly format: typeof PROFILE_FORMAT;
  readonly formatVersion: typeof PROFILE_FORMAT_VERSION;
  /** Rows profiled. */
  readonly rows: number;
  /** True when every column is exact. */
  readonly exact: boolean;
  readonly columns: readonly ProfileColumn[];
  /** When the profile was made (epoch ms); the earliest one after a merge. */
  readonly createdAtMs?: number;
  /** What was profiled (e.g. the input file names). */
  readonly source?: string;
}

/** Sketch parameters of a profile. Defaults suit references of any size. */
export interface ProfileOptions {
  /** Finite values per numeric column kept exactly before switching to KLL (default 100 000). */
  readonly exactCap?: number;
  /** KLL accuracy parameter (default 200: ±1.33 % rank error at 99 % confidence). */
  readonly kllK?: number;
  /** Distinct strings counted exactly before switching to SpaceSaving with this many counters (default 1000). */
  readonly frequentItemsCapacity?: number;
  /** Distinct numbers counted exactly per numeric column before giving up on value counts (default 1000). */
  readonly valueCountsCap?: number;
  /** HyperLogLog precision (default 12: 4096 registers, ±1.6 %). */
  readonly hllPrecision?: number;
  /** Seed of the KLL coin flips (default 0): profiles are deterministic. */
  readonly seed?: number;
}

/** Profile metadata. */
export interface ProfileMeta {
  readonly createdAtMs?: number;
  readonly source?: string;
}

export function isNumericProfileColumn(c: ProfileColumn): c is NumericProfileColumn {
  return c.dtype === 'int' || c.dtype === 'float' || c.dtype === 'datetime';
}
