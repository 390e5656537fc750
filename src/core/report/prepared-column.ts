/**
 * One column of one side, cleaned and summarised once; drift and quality both read it.
 * @module
 */

import { type NumericSummary, summarizeSorted } from '../quality/numeric-summary.ts';
import { sortedFinite } from '../stats/sorted.ts';
import { type Column, isStringColumn } from '../table/column.ts';

export interface PreparedColumn {
  readonly column: Column;
  /** Sorted finite values of a number column, else null. */
  readonly sorted: Float64Array | null;
  readonly missing: number;
  readonly infinite: number;
  readonly summary: NumericSummary | null;
  /** Count per dictionary code of a string/bool column, else null. */
  readonly codeCounts: Float64Array | null;
}

export function prepareColumn(column: Column): PreparedColumn {
  if (isStringColumn(column)) {
    const counts = new Float64Array(column.dictionary.length);
    let missing = 0;
    for (const c of column.codes) {
      if (c < 0) missing++;
      else counts[c]!++;
    }
    return { column, sorted: null, missing, infinite: 0, summary: null, codeCounts: counts };
  }
  const values = column.values;
  const sorted = column.sorted ?? sortedFinite(values);
  let missing = 0;
  let infinite = 0;
  if (sorted.length !== values.length) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) missing++;
      else if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) infinite++;
    }
  }
  return { column, sorted, missing, infinite, summary: summarizeSorted(sorted), codeCounts: null };
}
