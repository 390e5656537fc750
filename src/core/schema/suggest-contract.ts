/**
 * Suggests a data contract from observed data, like SageMaker Model Monitor's baseline job suggests
 * `constraints.json` (interop-formats.md §1.2): it describes what *was* seen, for a human to review
 * and tighten or loosen, and it always validates the data it came from without violations.
 * @module
 */
import type { Column, Table } from '../table/column.ts';
import { isNumberColumn } from '../table/column.ts';
import type { ColumnType } from './column-type.ts';
import { inferColumnType } from './column-type.ts';
import type { AllowedValue, ColumnContract, Contract } from './contract.ts';
import { formatIsoDateTime, parseIsoDateTime } from './iso-datetime.ts';

/** Default largest number of distinct values for which a `cat` column gets an `allowed` list. */
export const SUGGEST_MAX_ALLOWED_VALUES = 50;

export interface SuggestContractOptions {
  /** Semantic type per column (inferred, with user overrides). Default: `inferColumnType(column)`. */
  readonly columnTypes?: ReadonlyMap<string, ColumnType>;
  /** A `cat` column with at most this many distinct values gets `allowed`. Default 50. */
  readonly maxAllowedValues?: number;
}

/**
 * Per column: `type`, `required: true`, `maxMissingShare` (the observed missing share rounded *up* to
 * 3 significant digits, 0 when nothing is missing), observed `min`/`max` for `num` columns (an infinite
 * extreme leaves that bound out) and `datetime` columns (as ISO strings), and `allowed`
 * (sorted) for `cat` columns with at most `maxAllowedValues` distinct values. No `regex`.
 *
 * No `dataset` section: row bounds depend on the size of future batches, which one sample does not
 * tell, and a unique key is a fact about the domain, not something to guess from one sample; the
 * generated YAML's header says how to add them. `allowExtraColumns` keeps its default (false).
 */
export function suggestContract(table: Table, options: SuggestContractOptions = {}): Contract {
  const maxAllowed = options.maxAllowedValues ?? SUGGEST_MAX_ALLOWED_VALUES;
  const entries: [string, ColumnContract][] = [];
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (seen.has(column.name)) continue;
    seen.add(column.name);
    const type = options.columnTypes?.get(column.name) ?? inferColumnType(column);
    entries.push([column.name, suggestColumn(column, type, table.rowCount, maxAllowed)]);
  }
  return Object.freeze({ columns: Object.freeze(Object.fromEntries(entries)) });
}

function suggestColumn(
  column: Column,
  type: ColumnType,
  rowCount: number,
  maxAllowed: number,
): ColumnContract {
  const missing = countMissing(column);
  const spec: { -readonly [K in keyof ColumnContract]: ColumnContract[K] } = {
    type,
    required: true,
    maxMissingShare: rowCount === 0 ? 0 : roundUpShare(missing / rowCount),
  };
  if (isNumberColumn(column) && (type === 'num' || type === 'datetime')) {
    const datetime = column.dtype === 'datetime';
    if ((type === 'datetime') === datetime) {
      const { min, max } = extremes(column.values);
      if (min !== undefined) spec.min = datetime ? datetimeBound(min) : min;
      if (max !== undefined) spec.max = datetime ? datetimeBound(max) : max;
    }
  }
  if (type === 'cat') {
    const allowed = distinctValues(column, maxAllowed);
    if (allowed !== undefined && allowed.length > 0) spec.allowed = Object.freeze(allowed) as AllowedValue[];
  }
  return Object.freeze(spec);
}

/**
 * Rounds a share up to 3 significant digits, so the suggestion reads well (`0.0124`, not
 * `0.012345679`) and still admits the observed share (the result is never below `share`).
 */
export function roundUpShare(share: number): number {
  if (!(share > 0)) return 0;
  if (share >= 1) return 1;
  const step = 10 ** (Math.floor(Math.log10(share)) - 2);
  // Math.round first: share/step may land a hair above an integer (0.0124/1e-4 = 124.00000000000001),
  // where Math.ceil would overshoot by one step.
  const k = Math.round(share / step);
  let rounded = Number((k * step).toPrecision(3));
  if (rounded < share) rounded = Number(((k + 1) * step).toPrecision(3));
  return Math.min(rounded, 1);
}

function countMissing(column: Column): number {
  let n = 0;
  if (isNumberColumn(column)) {
    const values = column.values;
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) n++;
  } else {
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) n++;
  }
  return n;
}

/**
 * Smallest and largest value, `undefined` when infinite (a contract bound must be finite; leaving it
 * out admits the infinity) or when there is no value at all.
 */
function extremes(values: Float64Array): { min: number | undefined; max: number | undefined } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min: Number.isFinite(min) ? min : undefined, max: Number.isFinite(max) ? max : undefined };
}

/** An ISO string when it round-trips exactly (years 0..9999), else epoch ms. */
function datetimeBound(epochMs: number): number | string {
  const iso = formatIsoDateTime(epochMs);
  return parseIsoDateTime(iso) === epochMs ? iso : epochMs;
}

/** Sorted distinct non-missing values, or undefined when there are more than `limit`. */
function distinctValues(column: Column, limit: number): AllowedValue[] | undefined {
  if (isNumberColumn(column)) {
    if (column.dtype === 'datetime') return undefined;
    const set = new Set<number>();
    for (const v of column.values) {
      if (Number.isNaN(v)) continue;
      if (v === Infinity || v === -Infinity) return undefined; // a contract cannot list infinities
      set.add(v === 0 ? 0 : v);
      if (set.size > limit) return undefined;
    }
    return [...set].sort((a, b) => a - b);
  }
  const used = new Uint8Array(column.dictionary.length);
  for (const code of column.codes) if (code >= 0) used[code] = 1;
  const set = new Set<string>();
  column.dictionary.forEach((s, i) => {
    if (used[i] === 1) set.add(s);
  });
  if (set.size > limit) return undefined;
  if (column.dtype === 'bool') {
    return [...new Set([...set].map((s) => s.toLowerCase() === 'true'))].sort(
      (a, b) => Number(a) - Number(b),
    );
  }
  // Code-unit order, not localeCompare: the same on every machine.
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
