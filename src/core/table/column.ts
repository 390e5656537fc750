/**
 * Columnar, in-memory representation of a dataset: typed arrays for numbers, dictionary-encoded
 * strings. Readers produce it; the core never sees one JS object per row.
 * @module
 */
import type { ColumnProfile } from './column-profile.ts';

/**
 * The physical type a column was read as, mirroring how pandas would read the same file
 * (Evidently's v2 type inference looks at the pandas dtype, so readers must reproduce it):
 * - `int`: every cell is an integer literal and no cell is missing (pandas reads an integer
 *   column with a missing cell as float64);
 * - `float`: numeric, with a decimal point/exponent somewhere or with missing cells;
 * - `bool`: only true/false literals (`true`, `True`, `TRUE`, `false`, ...);
 * - `datetime`: every non-missing cell is an ISO-8601 date or date-time (Parquet timestamps too);
 * - `string`: anything else (mixed columns included).
 */
export type DType = 'int' | 'float' | 'bool' | 'datetime' | 'string';

/** A numeric column: `int`, `float` or `datetime` (epoch milliseconds, UTC). */
export interface NumberColumn {
  readonly name: string;
  readonly dtype: 'int' | 'float' | 'datetime';
  /** One value per row. `NaN` marks a missing cell; `±Infinity` may occur in float columns. */
  readonly values: Float64Array;
  /**
   * Optional: the column's profile (sorted finite values, counts, summary) as `profileColumn` computes it.
   * A producer with spare cores (the readers' worker threads) may supply it so the engine does not sort
   * and summarise on the main thread.
   */
  readonly profile?: ColumnProfile;
}

/** A dictionary-encoded column: `string` or `bool`. */
export interface StringColumn {
  readonly name: string;
  readonly dtype: 'string' | 'bool';
  /** Index into `dictionary` per row; `-1` marks a missing cell. */
  readonly codes: Int32Array;
  /** Distinct values in first-seen order. A bool column uses `'false'` and `'true'`. */
  readonly dictionary: readonly string[];
  /** Optional precomputed profile, as on number columns. */
  readonly profile?: ColumnProfile;
}

export type Column = NumberColumn | StringColumn;

/** A dataset read into memory. All columns have `rowCount` entries. */
export interface Table {
  readonly columns: readonly Column[];
  readonly rowCount: number;
  /**
   * Optional: rows equal to an earlier row, over all columns (what `countDuplicatedRows` returns),
   * precomputed by a producer with spare cores (the readers' worker threads).
   */
  readonly duplicatedRows?: number;
}

export function isNumberColumn(c: Column): c is NumberColumn {
  return c.dtype === 'int' || c.dtype === 'float' || c.dtype === 'datetime';
}

export function isStringColumn(c: Column): c is StringColumn {
  return c.dtype === 'string' || c.dtype === 'bool';
}
