/**
 * `createProfileBuilder`: build a `DatasetProfile` incrementally, from rows (streaming) and/or whole
 * tables, for a fixed list of columns.
 * @module
 */
import { UsageError } from '../errors.ts';
import { parseIsoDateTime } from '../schema/iso-datetime.ts';
import type { DType, Table } from '../table/column.ts';
import { isNumberColumn, isStringColumn } from '../table/column.ts';
import { CategoricalAccumulator } from './categorical-accumulator.ts';
import { NumericAccumulator } from './numeric-accumulator.ts';
import { resolveProfileOptions } from './profile-options.ts';
import {
  type DatasetProfile,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type ProfileMeta,
  type ProfileOptions,
} from './profile-types.ts';

/** A column to profile. */
export interface ProfileColumnSpec {
  readonly name: string;
  readonly dtype: DType;
}

export interface ProfileBuilder {
  /** Rows added so far. */
  readonly rows: number;
  /**
   * Adds one row: column name → cell. Missing keys, `null`, `undefined` and values of the wrong kind are
   * missing cells. Numeric columns take numbers (NaN is missing); datetime columns take epoch ms, `Date`s
   * or ISO-8601 strings (UTC when no offset); string columns take strings, and finite numbers or booleans
   * as their text; bool columns take booleans or the texts true/false (any case).
   */
  update(row: Readonly<Record<string, unknown>>): void;
  /**
   * Adds every row of a table. Columns are matched by name; a profiled column absent from the table gets
   * missing cells, table columns not profiled are ignored.
   * @throws UsageError `DW_PROFILE_TYPE_MISMATCH` when a column is numeric on one side and text on the other.
   */
  updateTable(table: Table): void;
  /** The profile of everything added so far (the builder can go on). */
  toProfile(meta?: ProfileMeta): DatasetProfile;
}

type Accumulator = NumericAccumulator | CategoricalAccumulator;

function numericCell(dtype: 'int' | 'float' | 'datetime', v: unknown): number {
  if (typeof v === 'number') return v;
  if (dtype === 'datetime') {
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'string') return parseIsoDateTime(v);
  }
  return Number.NaN;
}

function stringCell(dtype: 'string' | 'bool', v: unknown): string | null {
  if (dtype === 'bool') {
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (t === 'true' || t === 'false') return t;
    }
    return null;
  }
  if (typeof v === 'string') return v;
  if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') return String(v);
  return null;
}

/**
 * A builder for the given columns.
 * @throws UsageError `DW_PROFILE_DUPLICATE_COLUMN` when a name repeats, `DW_SKETCH_BAD_OPTION` for bad options.
 */
export function createProfileBuilder(
  columns: readonly ProfileColumnSpec[],
  options: ProfileOptions = {},
): ProfileBuilder {
  const resolved = resolveProfileOptions(options);
  const accumulators: Accumulator[] = [];
  const seen = new Set<string>();
  for (const { name, dtype } of columns) {
    if (seen.has(name))
      throw new UsageError('DW_PROFILE_DUPLICATE_COLUMN', `column '${name}' is listed twice`);
    seen.add(name);
    accumulators.push(
      dtype === 'string' || dtype === 'bool'
        ? CategoricalAccumulator.create(name, dtype, resolved)
        : NumericAccumulator.create(name, dtype, resolved),
    );
  }
  let rows = 0;

  return {
    get rows() {
      return rows;
    },

    update(row) {
      rows++;
      for (const acc of accumulators) {
        const v = Object.hasOwn(row, acc.name) ? row[acc.name] : undefined;
        if (acc instanceof NumericAccumulator) acc.addValue(numericCell(acc.dtype, v));
        else acc.addValue(stringCell(acc.dtype, v));
      }
    },

    updateTable(table) {
      const byName = new Map(table.columns.map((c) => [c.name, c]));
      for (const acc of accumulators) {
        const column = byName.get(acc.name);
        if (column === undefined) {
          acc.addMissing(table.rowCount);
          continue;
        }
        const mismatch = () =>
          new UsageError(
            'DW_PROFILE_TYPE_MISMATCH',
            `column '${acc.name}' is profiled as ${acc.dtype} but the table has it as ${column.dtype}`,
          );
        if (acc instanceof NumericAccumulator) {
          if (!isNumberColumn(column)) throw mismatch();
          acc.addValues(column.values);
        } else {
          if (!isStringColumn(column)) throw mismatch();
          acc.addColumn(column);
        }
      }
      rows += table.rowCount;
    },

    toProfile(meta = {}) {
      const profileColumns = accumulators.map((a) => a.toColumn());
      return {
        format: PROFILE_FORMAT,
        formatVersion: PROFILE_FORMAT_VERSION,
        rows,
        exact: profileColumns.every((c) => c.exact),
        columns: profileColumns,
        ...(meta.createdAtMs !== undefined ? { createdAtMs: meta.createdAtMs } : {}),
        ...(meta.source !== undefined ? { source: meta.source } : {}),
      };
    },
  };
}
