/**
 * `profileToTable`: a `Table` the check engine (`compareTables`) can run on, rebuilt from a profile.
 *
 * Every column has `profile.rows` cells, so the table is well formed; cells are in value order (a
 * profile keeps no row order, and no drift method depends on it):
 * - numeric, exact (value counts, or all values under the cap): the original values as a multiset;
 * - numeric, sketched: the KLL sketch's retained items, each repeated by its weight (the weights sum to the
 *   true count, so the row count is right), with the first and last replaced by the exact min and max; its
 *   CDF is within the sketch's rank error of the true one;
 * - ±Infinity cells as counted, then NaN for the missing cells;
 * - string/bool: the kept items, each repeated by its count (exact, or a lower bound when sketched), in
 *   the profile's item order (first-seen order while exact, as the readers' dictionaries); values not
 *   attributed to a kept item become missing (code −1), like the missing cells.
 * The table's `duplicatedRows` is 0: rows are not kept, so row-level figures of a profiled dataset
 * (duplicated rows, anything pairing columns row by row) are not available (`profileWarnings` says so).
 * @module
 */
import { KllSketch } from '../sketch/kll.ts';
import type { Column, Table } from '../table/column.ts';
import {
  type CategoricalProfileColumn,
  type DatasetProfile,
  isNumericProfileColumn,
  type NumericProfileColumn,
} from './profile-types.ts';

function numericColumn(c: NumericProfileColumn, rows: number): Column {
  const values = new Float64Array(rows).fill(Number.NaN);
  let at = 0;
  if (c.valueCounts.values !== null) {
    for (const [v, n] of c.valueCounts.values) {
      values.fill(v, at, at + n);
      at += n;
    }
  } else if (c.quantiles.exact) {
    const sorted = Float64Array.from(c.quantiles.values).sort();
    values.set(sorted, 0);
    at = sorted.length;
  } else {
    const { values: items, cumulativeWeights } = KllSketch.fromJSON(c.quantiles.kll).sortedView();
    let prev = 0;
    for (let i = 0; i < items.length; i++) {
      const w = cumulativeWeights[i]! - prev;
      prev = cumulativeWeights[i]!;
      values.fill(items[i]!, at, at + w);
      at += w;
    }
    if (at > 0) {
      values[0] = c.moments.min ?? values[0]!;
      values[at - 1] = c.moments.max ?? values[at - 1]!;
    }
  }
  values.fill(Number.POSITIVE_INFINITY, at, at + c.positiveInfinity);
  at += c.positiveInfinity;
  values.fill(Number.NEGATIVE_INFINITY, at, at + c.negativeInfinity);
  return { name: c.name, dtype: c.dtype, values };
}

function categoricalColumn(c: CategoricalProfileColumn, rows: number): Column {
  const codes = new Int32Array(rows).fill(-1);
  const dictionary: string[] = [];
  let at = 0;
  for (const [item, n] of c.items.items) {
    codes.fill(dictionary.length, at, at + n);
    dictionary.push(item);
    at += n;
  }
  return { name: c.name, dtype: c.dtype, codes, dictionary };
}

/** The table a profile stands for (see the module documentation for what is exact). */
export function profileToTable(profile: DatasetProfile): Table {
  const rows = profile.rows;
  return {
    columns: profile.columns.map((c) =>
      isNumericProfileColumn(c) ? numericColumn(c, rows) : categoricalColumn(c, rows),
    ),
    rowCount: rows,
    duplicatedRows: 0,
  };
}
