/**
 * A table restricted to some rows (in the given order), e.g. one segment. Precomputed profiles and
 * duplicate counts do not carry over.
 * @module
 */
import { type Column, isStringColumn, type Table } from './column.ts';

export function selectTableRows(table: Table, rows: Uint32Array): Table {
  const columns = table.columns.map((c): Column => {
    if (isStringColumn(c)) {
      const codes = new Int32Array(rows.length);
      for (let k = 0; k < rows.length; k++) codes[k] = c.codes[rows[k]!]!;
      return { name: c.name, dtype: c.dtype, codes, dictionary: c.dictionary };
    }
    const values = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) values[k] = c.values[rows[k]!]!;
    return { name: c.name, dtype: c.dtype, values };
  });
  return { columns, rowCount: rows.length };
}
