/**
 * Checks a `Table` against a data contract and returns one violation per failed check, named like
 * SageMaker Model Monitor's `constraint_check_type` (interop-formats.md §1.3) where one exists.
 *
 * Performance: no per-row objects. String columns are checked once per dictionary entry and the
 * codes are counted; numeric columns are reduced to their distinct values (typed-array hash) when a
 * check needs values (`allowed`, `regex`, `unique`).
 * @module
 */
import type { Column, NumberColumn, StringColumn, Table } from '../table/column.ts';
import { isNumberColumn } from '../table/column.ts';
import type { ColumnType } from './column-type.ts';
import { inferColumnType } from './column-type.ts';
import type { AllowedValue, ColumnContract, Contract } from './contract.ts';
import { boundToNumber, formatIsoDateTime, parseIsoDateTime } from './iso-datetime.ts';

export const CONTRACT_CHECKS = [
  'data_type_check',
  'completeness_check',
  'missing_column_check',
  'extra_column_check',
  'categorical_values_check',
  'range_check',
  'regex_check',
  'row_count_check',
  'unique_check',
] as const;

export type ContractCheck = (typeof CONTRACT_CHECKS)[number];

/** One failed check. `column` is null for dataset-level checks (`row_count_check`, `unique_check`). */
export interface ContractViolation {
  readonly column: string | null;
  readonly check: ContractCheck;
  /** One line, actionable, deterministic. */
  readonly message: string;
  /**
   * What was seen: the row count (`row_count_check`), the inferred semantic type (`data_type_check`),
   * the physical dtype (`extra_column_check`), or the share of affected values (completeness,
   * categorical, range, regex; missing share over all rows, the others over non-missing values).
   */
  readonly observed?: number | string;
  /** The contract's requirement: the bound, `maxMissingShare`, declared type, `[min, max]` or pattern. */
  readonly expected?: number | string;
  /** Number of affected values or rows. */
  readonly count?: number;
  /** Up to 5 offending values (or keys), most frequent first, formatted as in `message`. */
  readonly examples?: readonly string[];
}

export interface ValidateContractOptions {
  /**
   * The semantic type of each column as already decided by the caller (inferred, with user overrides).
   * Default: `inferColumnType(column)`. Only used by `data_type_check`.
   */
  readonly columnTypes?: ReadonlyMap<string, ColumnType>;
}

/** Largest |epoch ms| a JS `Date` can hold (ECMA-262 §21.4.1.1). */
const MAX_DATE_MS = 8.64e15;
/** Distinct failing values whose row counts are tracked for examples (bounds memory). */
const MAX_TRACKED_VALUES = 10_000;
/** Number of example values named in a message. */
const MAX_EXAMPLES = 5;
/** Longest example string shown; longer ones are cut with `...`. */
const MAX_EXAMPLE_LENGTH = 40;

/**
 * Validates `table` against `contract`. Violations come in a fixed order: `row_count_check`; then each
 * declared column in contract order (`missing_column_check`, or `data_type_check`, `completeness_check`,
 * `categorical_values_check`, `range_check`, `regex_check`); `missing_column_check` for undeclared
 * `dataset.unique` columns; `extra_column_check` in table order; `unique_check`.
 *
 * `data_type_check` compares *compatibility*, not equality, because a contract states what the data
 * is while Evidently's inference decides how it is tested. The column passes if its semantic type
 * (`options.columnTypes` or inferred) equals the declared one, or if its physical dtype fits:
 * `num` ← int, float; `cat` ← string, bool, int, and float whose values are all whole numbers (an
 * integer column with a missing cell is read as float, as pandas does); `text` ← string;
 * `datetime` ← datetime; `id` ← anything. An all-missing column fits every type (completeness
 * reports it). When the check fails for a string column declared `num`/`datetime`, the message counts
 * the values that are not numbers/ISO dates.
 *
 * Columns named in `dataset.unique` count as declared (never "extra") and are expected even without
 * a `columns` entry.
 *
 * `unique_check` counts duplicated rows as pandas' `duplicated(keep='first')` does (rows whose key
 * occurred in an earlier row); it is skipped when a key column is absent (reported as missing instead).
 */
export function validateContract(
  contract: Contract,
  table: Table,
  options: ValidateContractOptions = {},
): ContractViolation[] {
  const out: ContractViolation[] = [];
  const byName = new Map<string, Column>();
  for (const column of table.columns) if (!byName.has(column.name)) byName.set(column.name, column);
  const dataset = contract.dataset;
  const uniqueKey = dataset?.unique ?? [];

  checkRowCount(table.rowCount, dataset?.minRows, dataset?.maxRows, out);

  for (const [name, spec] of Object.entries(contract.columns)) {
    const column = byName.get(name);
    if (column === undefined) {
      if (spec.required) {
        out.push(
          violation({
            column: name,
            check: 'missing_column_check',
            message: `column ${quote(name)} is missing from the data; the contract requires it (type ${spec.type})`,
            expected: spec.type,
          }),
        );
      }
      continue;
    }
    new ColumnChecker(name, spec, column, table.rowCount, options.columnTypes?.get(name), out).run();
  }

  const declared = new Set([...Object.keys(contract.columns), ...uniqueKey]);
  for (const name of uniqueKey) {
    if (Object.hasOwn(contract.columns, name) || byName.has(name)) continue;
    out.push(
      violation({
        column: name,
        check: 'missing_column_check',
        message: `column ${quote(name)} is missing from the data; dataset.unique needs it`,
      }),
    );
  }

  if (!(dataset?.allowExtraColumns ?? false)) {
    for (const column of byName.values()) {
      if (declared.has(column.name)) continue;
      out.push(
        violation({
          column: column.name,
          check: 'extra_column_check',
          message: `column ${quote(column.name)} is not declared in the contract; declare it or set dataset.allowExtraColumns: true`,
          observed: column.dtype,
        }),
      );
    }
  }

  if (uniqueKey.length > 0) {
    const keyColumns = uniqueKey.map((name) => byName.get(name));
    if (keyColumns.every((c) => c !== undefined)) checkUnique(keyColumns as Column[], table.rowCount, out);
  }
  return out;
}

function checkRowCount(
  rowCount: number,
  minRows: number | undefined,
  maxRows: number | undefined,
  out: ContractViolation[],
): void {
  if (minRows !== undefined && rowCount < minRows) {
    out.push(
      violation({
        column: null,
        check: 'row_count_check',
        message: `dataset has ${rowCount} rows, fewer than minRows ${minRows}`,
        observed: rowCount,
        expected: minRows,
      }),
    );
  }
  if (maxRows !== undefined && rowCount > maxRows) {
    out.push(
      violation({
        column: null,
        check: 'row_count_check',
        message: `dataset has ${rowCount} rows, more than maxRows ${maxRows}`,
        observed: rowCount,
        expected: maxRows,
      }),
    );
  }
}

/** How many values fail a check, and up to 5 of them (formatted, with their row counts). */
interface Tally {
  readonly count: number;
  readonly examples: string[];
}

/** Runs the per-column checks of one declared, present column, computing shared statistics once. */
class ColumnChecker {
  readonly name: string;
  readonly spec: ColumnContract;
  readonly column: Column;
  readonly rowCount: number;
  readonly givenType: ColumnType | undefined;
  readonly out: ContractViolation[];
  /** Rows per dictionary entry (string and bool columns only). */
  readonly codeCounts: Int32Array | undefined;
  readonly missing: number;

  constructor(
    name: string,
    spec: ColumnContract,
    column: Column,
    rowCount: number,
    givenType: ColumnType | undefined,
    out: ContractViolation[],
  ) {
    this.name = name;
    this.spec = spec;
    this.column = column;
    this.rowCount = rowCount;
    this.givenType = givenType;
    this.out = out;
    if (isNumberColumn(column)) {
      this.missing = countNaN(column.values);
    } else {
      this.codeCounts = countCodes(column);
      let present = 0;
      for (let i = 0; i < this.codeCounts.length; i++) present += this.codeCounts[i]!;
      this.missing = column.codes.length - present;
    }
  }

  get present(): number {
    return this.rowCount - this.missing;
  }

  run(): void {
    const typeFits = this.checkType();
    this.checkCompleteness();
    if (this.spec.allowed !== undefined) this.checkAllowed(this.spec.allowed);
    if (this.spec.min !== undefined || this.spec.max !== undefined) this.checkRange(typeFits);
    if (this.spec.regex !== undefined) this.checkRegex(this.spec.regex);
  }

  /** Values failing `isBad`: per dictionary entry for string/bool columns, per row for numeric ones. */
  tally(isBadString: (s: string) => boolean, isBadNumber: (v: number) => boolean): Tally {
    const column = this.column;
    return isNumberColumn(column)
      ? tallyNumbers(column, isBadNumber)
      : tallyStrings(column, this.codeCounts!, isBadString);
  }

  /** Returns whether the column's type fits the declared one. */
  checkType(): boolean {
    const declared = this.spec.type;
    if (this.present === 0 || fitsDeclaredType(declared, this.column)) return true;
    const observed = this.givenType ?? inferColumnType(this.column);
    if (observed === declared) return true;
    let message = `column ${quote(this.name)} is declared ${declared} but was read as ${this.column.dtype} (inferred ${observed})`;
    let tally: Tally | undefined;
    if (this.column.dtype === 'string' && (declared === 'num' || declared === 'datetime')) {
      const isBad =
        declared === 'num'
          ? (s: string) => !looksNumeric(s)
          : (s: string) => Number.isNaN(parseIsoDateTime(s));
      tally = this.tally(isBad, () => false);
      if (tally.count > 0) {
        const what = declared === 'num' ? 'numbers' : 'ISO dates';
        message += `; ${this.ofPresent(tally.count)} are not ${what}, e.g. ${tally.examples.join(', ')}`;
      }
    }
    this.out.push(
      violation({
        column: this.name,
        check: 'data_type_check',
        message,
        observed,
        expected: declared,
        count: tally?.count,
        examples: tally?.examples,
      }),
    );
    return false;
  }

  checkCompleteness(): void {
    const limit = this.spec.maxMissingShare;
    if (limit === undefined || this.rowCount === 0) return;
    const share = this.missing / this.rowCount;
    if (share <= limit) return;
    this.out.push(
      violation({
        column: this.name,
        check: 'completeness_check',
        message:
          `column ${quote(this.name)} has ${this.missing} of ${this.rowCount} values missing (${formatPercent(share)}), ` +
          `more than maxMissingShare ${limit} (${formatPercent(limit)})`,
        observed: share,
        expected: limit,
        count: this.missing,
      }),
    );
  }

  checkAllowed(allowed: readonly AllowedValue[]): void {
    const column = this.column;
    let tally: Tally;
    if (column.dtype === 'string') {
      const set = new Set(allowed.map((v) => String(v)));
      tally = this.tally(
        (s) => !set.has(s),
        () => false,
      );
    } else if (column.dtype === 'bool') {
      const set = new Set(allowed.map(toBoolean).filter((b) => b !== undefined));
      tally = this.tally(
        (s) => !set.has(s.toLowerCase() === 'true'),
        () => false,
      );
    } else {
      const datetime = column.dtype === 'datetime';
      const isAllowed = memberOf(allowed.map((v) => toNumber(v, datetime)).filter((x) => !Number.isNaN(x)));
      tally = this.tally(
        () => false,
        (v) => !isAllowed(v),
      );
    }
    if (tally.count === 0) return;
    this.out.push(
      violation({
        column: this.name,
        check: 'categorical_values_check',
        message:
          `column ${quote(this.name)} has ${this.ofPresent(tally.count)} not in allowed (${allowed.length} value${plural(allowed.length)}), ` +
          `e.g. ${tally.examples.join(', ')}`,
        observed: tally.count / this.present,
        count: tally.count,
        examples: tally.examples,
      }),
    );
  }

  checkRange(typeFits: boolean): void {
    const lo = this.spec.min === undefined ? -Infinity : boundToNumber(this.spec.min);
    const hi = this.spec.max === undefined ? Infinity : boundToNumber(this.spec.max);
    const column = this.column;
    const datetime = column.dtype === 'datetime';
    const show = (x: number) => (datetime ? formatIsoDateTime(x) : String(x));
    const expected =
      this.spec.max === undefined
        ? `>= ${show(lo)}`
        : this.spec.min === undefined
          ? `<= ${show(hi)}`
          : `[${show(lo)}, ${show(hi)}]`;
    if (!isNumberColumn(column)) {
      if (!typeFits || this.present === 0) return; // data_type_check already explains it
      this.out.push(
        violation({
          column: this.name,
          check: 'range_check',
          message: `column ${quote(this.name)} has ${column.dtype} values, so min/max cannot be checked; remove them or fix the column type`,
          expected,
        }),
      );
      return;
    }
    const values = column.values;
    let bad = 0;
    let seenMin = Infinity;
    let seenMax = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue; // missing
      if (v < seenMin) seenMin = v;
      if (v > seenMax) seenMax = v;
      if (v < lo || v > hi) bad++;
    }
    if (bad === 0) return;
    const where =
      this.spec.max === undefined
        ? `below min ${show(lo)}`
        : this.spec.min === undefined
          ? `above max ${show(hi)}`
          : `outside [${show(lo)}, ${show(hi)}]`;
    this.out.push(
      violation({
        column: this.name,
        check: 'range_check',
        message: `column ${quote(this.name)} has ${this.ofPresent(bad)} ${where}; observed min ${show(seenMin)}, max ${show(seenMax)}`,
        observed: bad / this.present,
        expected,
        count: bad,
      }),
    );
  }

  checkRegex(pattern: string): void {
    const re = new RegExp(pattern);
    const column = this.column;
    // Numbers: remember results per value (up to a cap), and the last one, so a regex runs once per
    // distinct value in typical columns.
    const cache = new Map<number, boolean>();
    let lastValue = NaN;
    let lastBad = false;
    const datetime = column.dtype === 'datetime';
    const isBadNumber = (v: number): boolean => {
      if (v === lastValue) return lastBad;
      let bad = cache.get(v);
      if (bad === undefined) {
        bad = !re.test(datetime ? isoText(v) : String(v));
        if (cache.size < MAX_TRACKED_VALUES) cache.set(v, bad);
      }
      lastValue = v;
      lastBad = bad;
      return bad;
    };
    const tally = this.tally((s) => !re.test(s), isBadNumber);
    if (tally.count === 0) return;
    this.out.push(
      violation({
        column: this.name,
        check: 'regex_check',
        message: `column ${quote(this.name)} has ${this.ofPresent(tally.count)} not matching /${pattern}/, e.g. ${tally.examples.join(', ')}`,
        observed: tally.count / this.present,
        expected: pattern,
        count: tally.count,
        examples: tally.examples,
      }),
    );
  }

  /** `"3 of 990 non-missing values (0.3%)"`. */
  ofPresent(count: number): string {
    return `${count} of ${this.present} non-missing value${plural(this.present)} (${formatPercent(count / this.present)})`;
  }
}

/** Tests each used dictionary entry once and counts its rows. Examples: most frequent first, ties in dictionary order. */
function tallyStrings(column: StringColumn, codeCounts: Int32Array, isBad: (s: string) => boolean): Tally {
  let count = 0;
  const bad: number[] = [];
  for (let code = 0; code < codeCounts.length; code++) {
    const n = codeCounts[code]!;
    if (n === 0 || !isBad(column.dictionary[code]!)) continue;
    count += n;
    bad.push(code);
  }
  bad.sort((a, b) => codeCounts[b]! - codeCounts[a]!); // stable: ties keep dictionary order
  const examples = bad
    .slice(0, MAX_EXAMPLES)
    .map((code) => `${showEntry(column, code)} (${rows(codeCounts[code]!)})`);
  return { count, examples };
}

/**
 * Tests every non-missing value of a numeric column. Row counts are kept for the first
 * `MAX_TRACKED_VALUES` distinct failing values (so memory stays bounded when everything fails);
 * examples are the most frequent of those, ties in row order.
 */
function tallyNumbers(column: NumberColumn, isBad: (v: number) => boolean): Tally {
  const values = column.values;
  let count = 0;
  const perValue = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || !isBad(v)) continue;
    count++;
    const key = v === 0 ? 0 : v; // -0 and 0 are one value
    const seen = perValue.get(key);
    if (seen !== undefined) perValue.set(key, seen + 1);
    else if (perValue.size < MAX_TRACKED_VALUES) perValue.set(key, 1);
  }
  const datetime = column.dtype === 'datetime';
  const examples = [...perValue]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_EXAMPLES)
    .map(([v, n]) => `${datetime ? formatIsoDateTime(v) : String(v)} (${rows(n)})`);
  return { count, examples };
}

/** A membership test for a small set of numbers: linear scan up to 16 values, binary search above. */
function memberOf(numbers: readonly number[]): (v: number) => boolean {
  const sorted = Float64Array.from(new Set(numbers)).sort();
  const n = sorted.length;
  if (n <= 16) {
    return (v) => {
      for (let i = 0; i < n; i++) if (sorted[i] === v) return true;
      return false;
    };
  }
  return (v) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = sorted[mid]!;
      if (m === v) return true;
      if (m < v) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  };
}

/** A datetime value as `regex` sees it: `Date.prototype.toISOString()` (`2024-01-31T00:00:00.000Z`). */
function isoText(epochMs: number): string {
  return Math.abs(epochMs) <= MAX_DATE_MS ? new Date(epochMs).toISOString() : String(epochMs);
}

function fitsDeclaredType(declared: ColumnType, column: Column): boolean {
  switch (declared) {
    case 'id':
      return true;
    case 'num':
      return column.dtype === 'int' || column.dtype === 'float';
    case 'cat':
      return (
        column.dtype === 'string' ||
        column.dtype === 'bool' ||
        column.dtype === 'int' ||
        (column.dtype === 'float' && allWholeNumbers(column.values))
      );
    case 'text':
      return column.dtype === 'string';
    case 'datetime':
      return column.dtype === 'datetime';
  }
}

function allWholeNumbers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v) && !Number.isInteger(v)) return false;
  }
  return true;
}

/** A decimal number literal as a CSV reader would accept it (also `inf`/`nan` spellings). */
function looksNumeric(s: string): boolean {
  return /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)\s*$/i.test(s);
}

function toBoolean(v: AllowedValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  const s = v.trim().toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** An allowed value as a number for a numeric column; `NaN` when it cannot equal any value. */
function toNumber(v: AllowedValue, datetime: boolean): number {
  if (typeof v === 'number') return v === 0 ? 0 : v;
  if (typeof v === 'boolean') return NaN;
  if (datetime) {
    const t = parseIsoDateTime(v);
    if (!Number.isNaN(t)) return t;
  }
  return looksNumeric(v) && v.trim() !== '' ? Number(v.trim()) : NaN;
}

function checkUnique(key: readonly Column[], rowCount: number, out: ContractViolation[]): void {
  let keyIds = columnIds(key[0]!);
  for (let k = 1; k < key.length; k++) keyIds = combineIds(keyIds, columnIds(key[k]!));
  // Renumber in first-seen order, remembering each key's first row and count.
  const ids = keyIds.ids;
  const remap = new Int32Array(keyIds.size).fill(-1);
  const maxKeys = Math.min(rowCount, keyIds.size);
  const firstRow = new Int32Array(maxKeys);
  const counts = new Int32Array(maxKeys);
  let keys = 0;
  for (let row = 0; row < rowCount; row++) {
    const id = ids[row]!;
    let dense = remap[id]!;
    if (dense < 0) {
      dense = remap[id] = keys++;
      firstRow[dense] = row;
    }
    counts[dense]!++;
  }
  const duplicated = rowCount - keys;
  if (duplicated === 0) return;
  const repeated: number[] = [];
  for (let i = 0; i < keys; i++) if (counts[i]! > 1) repeated.push(i);
  repeated.sort((a, b) => counts[b]! - counts[a]!); // stable: ties in row order
  const examples = repeated.slice(0, MAX_EXAMPLES).map((i) => {
    const row = firstRow[i]!;
    const parts = key.map((c) => showCell(c, row));
    const shown = parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
    return `${shown} (${rows(counts[i]!)})`;
  });
  const names = key.map((c) => c.name).join(', ');
  out.push(
    violation({
      column: null,
      check: 'unique_check',
      message: `dataset has ${duplicated} row${plural(duplicated)} repeating the key (${names}) of an earlier row, e.g. ${examples.join(', ')}`,
      observed: duplicated,
      expected: names,
      count: duplicated,
      examples,
    }),
  );
}

// --- Row ids for unique keys: equal ids <=> equal values; typed arrays only, no per-row allocation. ---

/** Per-row ids in `0..size-1`. */
interface RowIds {
  readonly ids: Int32Array;
  readonly size: number;
}

/**
 * A direct-address table is used when the id space is at most this many times the row count
 * (plus a constant), else a hash table.
 */
const DIRECT_ADDRESS_FACTOR = 4;
const DIRECT_ADDRESS_SLACK = 1 << 16;

/** Ids of a column's values; missing is a value of its own (as in pandas' `duplicated`). */
function columnIds(column: Column): RowIds {
  if (isNumberColumn(column)) return numberIds(column.values);
  // Dictionary entries are distinct (Column contract), so codes already are value ids.
  const missingId = column.dictionary.length;
  const codes = column.codes;
  const ids = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    ids[i] = code < 0 ? missingId : code;
  }
  return { ids, size: missingId + 1 };
}

function numberIds(values: Float64Array): RowIds {
  const n = values.length;
  // Fast path: integers in a compact range (typical id columns) index a table directly.
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) {
      integers = false;
      break;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (integers && max - min < DIRECT_ADDRESS_FACTOR * n + DIRECT_ADDRESS_SLACK) {
    const span = min === Infinity ? 0 : max - min + 1;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      ids[i] = Number.isNaN(v) ? span : v - min; // -0 - min equals 0 - min
    }
    return { ids, size: span + 1 };
  }
  const { codes, size } = encodeNumbers(values);
  const missingId = size;
  for (let i = 0; i < n; i++) if (codes[i]! < 0) codes[i] = missingId;
  return { ids: codes, size: missingId + 1 };
}

/** Ids of the pairs `(a, b)` row by row. */
function combineIds(a: RowIds, b: RowIds): RowIds {
  const n = a.ids.length;
  const ids = new Int32Array(n);
  if (a.size * b.size < DIRECT_ADDRESS_FACTOR * n + DIRECT_ADDRESS_SLACK) {
    for (let i = 0; i < n; i++) ids[i] = a.ids[i]! * b.size + b.ids[i]!;
    return { ids, size: a.size * b.size };
  }
  return hashPairs(a.ids, b.ids);
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** Mixes two 32-bit words into a 32-bit hash (multiply-xorshift, murmur3's finaliser). */
function mix(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hashNumber(v: number): number {
  scratch[0] = v;
  return mix(scratchWords[0]!, scratchWords[1]!);
}

/**
 * Dense codes (first-seen order) for the distinct values of `values` (`size` of them), by open addressing with
 * linear probing; `NaN` gets code -1. `-0` and `0` are one value, as in pandas' hash tables.
 */
function encodeNumbers(values: Float64Array): { codes: Int32Array; size: number } {
  const codes = new Int32Array(values.length);
  // Sized for the worst case (all distinct, load factor <= 1/2) up front: no growth, no rehash.
  const distinct = new Float64Array(values.length);
  const capacity = tableCapacity(values.length);
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  let size = 0;
  for (let row = 0; row < values.length; row++) {
    let v = values[row]!;
    if (Number.isNaN(v)) {
      codes[row] = -1;
      continue;
    }
    if (v === 0) v = 0;
    let slot = hashNumber(v) & mask;
    let id = slots[slot]!;
    while (id >= 0 && distinct[id] !== v) {
      slot = (slot + 1) & mask;
      id = slots[slot]!;
    }
    if (id < 0) {
      id = size++;
      distinct[id] = v;
      slots[slot] = id;
    }
    codes[row] = id;
  }
  return { codes, size };
}

/** Dense ids for the pairs `(a[i], b[i])` by open addressing. */
function hashPairs(a: Int32Array, b: Int32Array): RowIds {
  const n = a.length;
  const ids = new Int32Array(n);
  const firstA = new Int32Array(n);
  const firstB = new Int32Array(n);
  const capacity = tableCapacity(n);
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  let size = 0;
  for (let row = 0; row < n; row++) {
    const x = a[row]!;
    const y = b[row]!;
    let slot = mix(x, y) & mask;
    let id = slots[slot]!;
    while (id >= 0 && (firstA[id] !== x || firstB[id] !== y)) {
      slot = (slot + 1) & mask;
      id = slots[slot]!;
    }
    if (id < 0) {
      id = size++;
      firstA[id] = x;
      firstB[id] = y;
      slots[slot] = id;
    }
    ids[row] = id;
  }
  return { ids, size };
}

/** Smallest power of two >= 2n (load factor <= 1/2), at least 16. */
function tableCapacity(n: number): number {
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  return capacity;
}

// --- Small helpers ---

function countNaN(values: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) n++;
  return n;
}

function countCodes(column: StringColumn): Int32Array {
  const counts = new Int32Array(column.dictionary.length);
  const codes = column.codes;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code >= 0) counts[code]!++;
  }
  return counts;
}

function showCell(column: Column, row: number): string {
  if (isNumberColumn(column)) {
    const v = column.values[row]!;
    if (Number.isNaN(v)) return 'missing';
    return column.dtype === 'datetime' ? formatIsoDateTime(v) : String(v);
  }
  const code = column.codes[row]!;
  return code < 0 ? 'missing' : showEntry(column, code);
}

/** A dictionary entry for messages: bools bare (`true`), strings JSON-quoted and cut. */
function showEntry(column: StringColumn, code: number): string {
  const s = column.dictionary[code]!;
  return column.dtype === 'bool' ? s : showString(s);
}

/** JSON-quoted, cut to 40 characters. */
function showString(s: string): string {
  return JSON.stringify(s.length > MAX_EXAMPLE_LENGTH ? `${s.slice(0, MAX_EXAMPLE_LENGTH - 3)}...` : s);
}

function quote(name: string): string {
  return JSON.stringify(name);
}

/** `"1 row"`, `"3 rows"`. */
function rows(n: number): string {
  return `${n} row${plural(n)}`;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/**
 * A share as a percentage for messages: two decimals from 1 % up (`1.23%`), two significant digits
 * below (`0.051%`), trailing zeros dropped. Deterministic (no locale).
 */
export function formatPercent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0%';
  const rounded = p >= 1 ? Number(p.toFixed(2)) : Number(p.toPrecision(2));
  return `${rounded}%`;
}

function violation(v: {
  column: string | null;
  check: ContractCheck;
  message: string;
  observed?: number | string | undefined;
  expected?: number | string | undefined;
  count?: number | undefined;
  examples?: readonly string[] | undefined;
}): ContractViolation {
  const result: { -readonly [K in keyof ContractViolation]: ContractViolation[K] } = {
    column: v.column,
    check: v.check,
    message: v.message,
  };
  if (v.observed !== undefined) result.observed = v.observed;
  if (v.expected !== undefined) result.expected = v.expected;
  if (v.count !== undefined) result.count = v.count;
  if (v.examples !== undefined) result.examples = Object.freeze([...v.examples]);
  return Object.freeze(result);
}
