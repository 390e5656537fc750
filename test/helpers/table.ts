import type { Column, Table } from '../../src/core/table/column.ts';

/** A number column; `null` marks a missing cell. */
export function num(
  name: string,
  values: readonly (number | null)[],
  dtype: 'int' | 'float' | 'datetime' = 'float',
): Column {
  return { name, dtype, values: Float64Array.from(values, (v) => (v === null ? Number.NaN : v)) };
}

/** A string (or bool) column; `null` marks a missing cell. */
export function str(
  name: string,
  values: readonly (string | null)[],
  dtype: 'string' | 'bool' = 'string',
): Column {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let c = index.get(v);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(v);
      index.set(v, c);
    }
    return c;
  });
  return { name, dtype, codes, dictionary };
}

export function table(...columns: Column[]): Table {
  const rowCount =
    columns.length === 0 ? 0 : 'values' in columns[0]! ? columns[0].values.length : columns[0]!.codes.length;
  return { columns, rowCount };
}
