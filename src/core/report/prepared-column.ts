/**
 * One column of one side, cleaned and summarised once; drift and quality both read it.
 * @module
 */

import { summarizeSorted } from '../quality/numeric-summary.ts';
import { sortedFinite } from '../stats/sorted.ts';
import { type Column, isStringColumn } from '../table/column.ts';
import type { ColumnProfile } from '../table/column-profile.ts';

export interface PreparedColumn extends ColumnProfile {
  readonly column: Column;
}

/** The column with its profile: the precomputed one when the column carries it, else computed here. */
export function prepareColumn(column: Column): PreparedColumn {
  return { column, ...(column.profile ?? profileColumn(column)) };
}

/** Sorts, counts and summarises one column (what every check reads). */
export function profileColumn(column: Column): ColumnProfile {
  if (isStringColumn(column)) {
    const counts = new Float64Array(column.dictionary.length);
    let missing = 0;
    for (const c of column.codes) {
      if (c < 0) missing++;
      else counts[c]!++;
    }
    return { sorted: null, missing, infinite: 0, summary: null, codeCounts: counts };
  }
  return profileFromSorted(column.values, sortedFinite(column.values));
}

/**
 * The profile of a number column from its sorted finite values (as `sortedFinite` returns them): what
 * `profileColumn` computes once it has sorted, for callers that sorted another way (one sort of a whole column
 * shared by its chunks, see `chunk-columns.ts`).
 */
export function profileFromSorted(values: Float64Array, sorted: Float64Array): ColumnProfile {
  let missing = 0;
  let infinite = 0;
  if (sorted.length !== values.length) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) missing++;
      else if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) infinite++;
    }
  }
  return { sorted, missing, infinite, summary: summarizeSorted(sorted), codeCounts: null };
}
