/** Builds small `Table`s by hand for contract tests (test helper, not a test file). */

import { parseIsoDateTime } from '../../../src/core/schema/contract.ts';
import type { Column, NumberColumn, StringColumn, Table } from '../../../src/core/table/column.ts';

/** A float column; `null` is a missing cell. */
export function floats(name: string, values: readonly (number | null)[]): NumberColumn {
  return { name, dtype: 'float', values: Float64Array.from(values, (v) => (v === null ? NaN : v)) };
}

/** An int column (no missing cells, as readers produce). */
export function ints(name: string, values: readonly number[]): NumberColumn {
  return { name, dtype: 'int', values: Float64Array.from(values) };
}

/** A datetime column from ISO strings; `null` is a missing cell. */
export function dates(name: string, values: readonly (string | null)[]): NumberColumn {
  return {
    name,
    dtype: 'datetime',
    values: Float64Array.from(values, (v) => (v === null ? NaN : parseIsoDateTime(v))),
  };
}

/** A string column, dictionary in first-seen order; `null` is a missing cell. */
export function strings(name: string, values: readonly (string | null)[]): StringColumn {
  return encode(name, 'string', values);
}

/** A bool column (dictionary `'false'`, `'true'` in first-seen order); `null` is a missing cell. */
export function bools(name: string, values: readonly (boolean | null)[]): StringColumn {
  return encode(
    name,
    'bool',
    values.map((v) => (v === null ? null : String(v))),
  );
}

function encode(name: string, dtype: 'string' | 'bool', values: readonly (string | null)[]): StringColumn {
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(v);
      index.set(v, code);
    }
    return code;
  });
  return { name, dtype, codes, dictionary };
}

export function tableOf(...columns: Column[]): Table {
  const rowCount =
    columns.length === 0 ? 0 : isString(columns[0]!) ? columns[0].codes.length : columns[0]!.values.length;
  for (const c of columns) {
    const n = isString(c) ? c.codes.length : c.values.length;
    if (n !== rowCount) throw new Error(`column ${c.name} has ${n} rows, expected ${rowCount}`);
  }
  return { columns, rowCount };
}

function isString(c: Column): c is StringColumn {
  return c.dtype === 'string' || c.dtype === 'bool';
}
