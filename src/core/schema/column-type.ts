/**
 * Semantic column types and Evidently's v2 type inference.
 * @module
 */
import type { Column } from '../table/column.ts';

/**
 * The semantic type that decides how a column is checked:
 * `num` and `cat` are drift-tested, `text` is reported without a drift verdict (no text drift yet),
 * `datetime` and `id` are profiled for data quality but never drift-tested.
 */
export type ColumnType = 'num' | 'cat' | 'text' | 'datetime' | 'id';

export const COLUMN_TYPES: readonly ColumnType[] = ['num', 'cat', 'text', 'datetime', 'id'];

/**
 * Evidently's `INTEGER_CARDINALITY_LIMIT`: an integer column with at most this many distinct
 * values is categorical (src/evidently/core/datasets.py::infer_column_type).
 */
export const INTEGER_CARDINALITY_LIMIT = 10;

/**
 * Infers a column's semantic type exactly as Evidently 0.7 (v2 API) does from the pandas dtype,
 * `src/evidently/core/datasets.py::infer_column_type` (see drift-methods.md §1.4):
 * float → num; int → cat if nunique ≤ 10 else num; bool → cat; datetime → datetime;
 * string → text if nunique > 0.5 · (non-null count) else cat.
 * An all-missing column is `num` if numeric (pandas reads it as float64), else `cat`
 * (Evidently says "unknown" and skips it; we keep it so it gets a result entry and a warning).
 */
export function inferColumnType(column: Column): ColumnType {
  switch (column.dtype) {
    case 'float':
      return 'num';
    case 'datetime':
      return 'datetime';
    case 'bool':
      return 'cat';
    case 'int':
      return distinctNumbersAtMost(column.values, INTEGER_CARDINALITY_LIMIT) ? 'cat' : 'num';
    case 'string': {
      const seen = new Uint8Array(column.dictionary.length);
      let count = 0;
      let unique = 0;
      for (const code of column.codes) {
        if (code < 0) continue;
        count++;
        if (seen[code] === 0) {
          seen[code] = 1;
          unique++;
        }
      }
      if (count === 0) return 'cat';
      return unique > 0.5 * count ? 'text' : 'cat';
    }
  }
}

/** True when `values` holds at most `limit` distinct non-NaN values (stops early). */
function distinctNumbersAtMost(values: Float64Array, limit: number): boolean {
  const seen = new Set<number>();
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    if (!seen.has(v)) {
      seen.add(v);
      if (seen.size > limit) return false;
    }
  }
  return true;
}
