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
import { boundToNumber, formatIsoDateTime, parseIsoDateTime } from './contract.ts';

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
    if (name in contract.columns || byName.has(name)) continue;
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

/** Distinct non-missing values of a column with their counts, and a formatter for examples. */
interface Distinct {
  readonly size: number;
  count(i: number): number;
  /**
   * The value as `regex` sees it: the dictionary entry for strings (`'true'`/`'false'` for bools),
   * `String(v)` for numbers, `Date.prototype.toISOString()` (`2024-01-31T00:00:00.000Z`) for datetimes.
   */
  text(i: number): string;
  /** The value as shown in messages (strings JSON-quoted and cut). */
  show(i: number): string;
}

/** Runs the per-column checks of one declared, present column, computing shared statistics once. */
class ColumnChecker {
  readonly name: string;
  readonly spec: ColumnContract;
  readonly column: Column;
  readonly rowCount: number;
  readonly givenType: ColumnType | undefined;
  readonly out: ContractViolation[];
  readonly missing: number;
  #distinct: Distinct | undefined;
  #codeCounts: Int32Array | undefined;

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
    this.missing = isNumberColumn(column) ? countNaN(column.values) : this.codeCounts().missing;
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

  /** Returns whether the column's type fits the declared one. */
  checkType(): boolean {
    const declared = this.spec.type;
    if (this.present === 0 || fitsDeclaredType(declared, this.column)) return true;
    const observed = this.givenType ?? inferColumnType(this.column);
    if (observed === declared) return true;
    let message = `column ${quote(this.name)} is declared ${declared} but was read as ${this.column.dtype} (inferred ${observed})`;
    let count: number | undefined;
    let examples: string[] | undefined;
    if (this.column.dtype === 'string' && (declared === 'num' || declared === 'datetime')) {
      const isBad = declared === 'num' ? (s: string) => !looksNumeric(s) : (s: string) => Number.isNaN(parseIsoDateTime(s));
      const tally = tallyBad(this.distinct(), (i, d) => isBad(d.text(i)));
      count = tally.count;
      examples = tally.examples;
      if (count > 0) {
        const what = declared === 'num' ? 'numbers' : 'ISO dates';
        message += `; ${this.ofPresent(count)} are not ${what}, e.g. ${examples.join(', ')}`;
      }
    }
    this.out.push(
      violation({
        column: this.name,
        check: 'data_type_check',
        message,
        observed,
        expected: declared,
        count,
        examples,
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
    let isAllowed: (i: number, d: Distinct) => boolean;
    if (column.dtype === 'string') {
      const set = new Set(allowed.map((v) => String(v)));
      isAllowed = (i, d) => set.has(d.text(i));
    } else if (column.dtype === 'bool') {
      const set = new Set(allowed.map(toBoolean).filter((b) => b !== undefined));
      isAllowed = (i, d) => set.has(d.text(i).toLowerCase() === 'true');
    } else {
      const datetime = column.dtype === 'datetime';
      const set = new Set(allowed.map((v) => toNumber(v, datetime)).filter((x) => !Number.isNaN(x)));
      const values = (this.distinct() as NumberDistinct).values;
      isAllowed = (i) => set.has(values[i]!);
    }
    const tally = tallyBad(this.distinct(), (i, d) => !isAllowed(i, d));
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
      if (v !== v) continue; // NaN: missing
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
    const tally = tallyBad(this.distinct(), (i, d) => !re.test(d.text(i)));
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

  codeCounts(): { readonly counts: Int32Array; readonly missing: number } {
    const column = this.column as StringColumn;
    const counts = (this.#codeCounts ??= countCodes(column));
    let present = 0;
    for (let i = 0; i < counts.length; i++) present += counts[i]!;
    return { counts, missing: column.codes.length - present };
  }

  distinct(): Distinct {
    if (this.#distinct !== undefined) return this.#distinct;
    const column = this.column;
    if (isNumberColumn(column)) {
      this.#distinct = new NumberDistinct(column);
    } else {
      const counts = this.codeCounts().counts;
      const dictionary = column.dictionary;
      this.#distinct = {
        size: dictionary.length,
        count: (i) => counts[i]!,
        text: (i) => dictionary[i]!,
        show: (i) => showString(dictionary[i]!),
      };
    }
    return this.#distinct;
  }
}

/** Distinct non-NaN values of a numeric column in first-seen order, with counts. */
class NumberDistinct implements Distinct {
  readonly values: Float64Array;
  readonly counts: Int32Array;
  readonly size: number;
  readonly datetime: boolean;
  constructor(column: NumberColumn) {
    const encoded = encodeNumbers(column.values);
    this.values = encoded.distinct;
    this.size = encoded.distinct.length;
    this.counts = new Int32Array(this.size);
    for (const code of encoded.codes) if (code >= 0) this.counts[code]!++;
    this.datetime = column.dtype === 'datetime';
  }
  count(i: number): number {
    return this.counts[i]!;
  }
  text(i: number): string {
    const v = this.values[i]!;
    return this.datetime && Math.abs(v) <= MAX_DATE_MS ? new Date(v).toISOString() : String(v);
  }
  show(i: number): string {
    const v = this.values[i]!;
    return this.datetime ? formatIsoDateTime(v) : String(v);
  }
}

/** Counts values failing a per-distinct-value test and picks up to 5 examples, most frequent first. */
function tallyBad(
  distinct: Distinct,
  isBad: (i: number, d: Distinct) => boolean,
): { count: number; examples: string[] } {
  let count = 0;
  const bad: number[] = [];
  for (let i = 0; i < distinct.size; i++) {
    const n = distinct.count(i);
    if (n === 0 || !isBad(i, distinct)) continue;
    count += n;
    bad.push(i);
  }
  // Stable sort: ties keep first-seen (dictionary) order.
  bad.sort((a, b) => distinct.count(b) - distinct.count(a));
  const examples = bad.slice(0, MAX_EXAMPLES).map((i) => `${distinct.show(i)} (${distinct.count(i)})`);
  return { count, examples };
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
    if (v === v && !Number.isInteger(v)) return false;
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
  let ids = columnIds(key[0]!);
  for (let k = 1; k < key.length; k++) ids = combineIds(ids, columnIds(key[k]!));
  // Renumber in first-seen order, remembering each key's first row and count.
  let maxId = -1;
  for (let row = 0; row < rowCount; row++) if (ids[row]! > maxId) maxId = ids[row]!;
  const remap = new Int32Array(maxId + 1).fill(-1);
  const firstRow: number[] = [];
  const counts: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    const id = ids[row]!;
    let dense = remap[id]!;
    if (dense < 0) {
      dense = remap[id] = firstRow.length;
      firstRow.push(row);
      counts.push(0);
    }
    counts[dense]!++;
  }
  const duplicated = rowCount - firstRow.length;
  if (duplicated === 0) return;
  const repeated: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 1) repeated.push(i);
  repeated.sort((a, b) => counts[b]! - counts[a]!);
  const examples = repeated.slice(0, MAX_EXAMPLES).map((i) => {
    const row = firstRow[i]!;
    const parts = key.map((c) => showCell(c, row));
    const shown = parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
    return `${shown} (${counts[i]} rows)`;
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

/** Per-row ids of a column's values, equal ids ⇔ equal values; missing is a value of its own. */
function columnIds(column: Column): Int32Array {
  if (isNumberColumn(column)) {
    const { codes, distinct } = encodeNumbers(column.values);
    const missingId = distinct.length;
    for (let i = 0; i < codes.length; i++) if (codes[i]! < 0) codes[i] = missingId;
    return codes;
  }
  // A dictionary should not repeat entries, but hand-built tables might: map equal strings to one id.
  const canonical = new Int32Array(column.dictionary.length);
  const seen = new Map<string, number>();
  column.dictionary.forEach((s, i) => {
    let id = seen.get(s);
    if (id === undefined) seen.set(s, (id = seen.size));
    canonical[i] = id;
  });
  const missingId = seen.size;
  const codes = column.codes;
  const ids = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    ids[i] = code < 0 ? missingId : canonical[code]!;
  }
  return ids;
}

// --- Typed-array hashing (open addressing, linear probing); no per-row allocation. ---

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** murmur3's 32-bit finaliser over two mixed words. */
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
 * Dense codes (first-seen order) for the distinct values of `values`; `NaN` gets code -1.
 * `-0` and `0` are the same value, as in pandas' hash tables.
 */
function encodeNumbers(values: Float64Array): { codes: Int32Array; distinct: Float64Array } {
  const codes = new Int32Array(values.length);
  let distinct = new Float64Array(64);
  let size = 0;
  let capacity = 128;
  let slots = new Int32Array(capacity).fill(-1);
  for (let row = 0; row < values.length; row++) {
    let v = values[row]!;
    if (v !== v) {
      codes[row] = -1;
      continue;
    }
    if (v === 0) v = 0;
    const mask = capacity - 1;
    let slot = hashNumber(v) & mask;
    let id = slots[slot]!;
    while (id >= 0 && distinct[id] !== v) {
      slot = (slot + 1) & mask;
      id = slots[slot]!;
    }
    if (id < 0) {
      id = size++;
      if (id === distinct.length) {
        const grown = new Float64Array(distinct.length * 2);
        grown.set(distinct);
        distinct = grown;
      }
      distinct[id] = v;
      slots[slot] = id;
      if (size * 2 > capacity) {
        capacity *= 2;
        slots = rehash(capacity, size, (i) => hashNumber(distinct[i]!));
      }
    }
    codes[row] = id;
  }
  return { codes, distinct: distinct.slice(0, size) };
}

/** Ids for the pairs `(a[i], b[i])`, equal ids ⇔ equal pairs. */
function combineIds(a: Int32Array, b: Int32Array): Int32Array {
  const ids = new Int32Array(a.length);
  let firstA = new Int32Array(64);
  let firstB = new Int32Array(64);
  let size = 0;
  let capacity = 128;
  let slots = new Int32Array(capacity).fill(-1);
  for (let row = 0; row < a.length; row++) {
    const x = a[row]!;
    const y = b[row]!;
    const mask = capacity - 1;
    let slot = mix(x, y) & mask;
    let id = slots[slot]!;
    while (id >= 0 && (firstA[id] !== x || firstB[id] !== y)) {
      slot = (slot + 1) & mask;
      id = slots[slot]!;
    }
    if (id < 0) {
      id = size++;
      if (id === firstA.length) {
        const grownA = new Int32Array(firstA.length * 2);
        const grownB = new Int32Array(firstB.length * 2);
        grownA.set(firstA);
        grownB.set(firstB);
        firstA = grownA;
        firstB = grownB;
      }
      firstA[id] = x;
      firstB[id] = y;
      slots[slot] = id;
      if (size * 2 > capacity) {
        capacity *= 2;
        const fa = firstA;
        const fb = firstB;
        slots = rehash(capacity, size, (i) => mix(fa[i]!, fb[i]!));
      }
    }
    ids[row] = id;
  }
  return ids;
}

function rehash(capacity: number, size: number, hashOf: (id: number) => number): Int32Array {
  const slots = new Int32Array(capacity).fill(-1);
  const mask = capacity - 1;
  for (let id = 0; id < size; id++) {
    let slot = hashOf(id) & mask;
    while (slots[slot]! >= 0) slot = (slot + 1) & mask;
    slots[slot] = id;
  }
  return slots;
}

// --- Small helpers ---

function countNaN(values: Float64Array): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) n++;
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
    if (v !== v) return 'missing';
    return column.dtype === 'datetime' ? formatIsoDateTime(v) : String(v);
  }
  const code = column.codes[row]!;
  return code < 0 ? 'missing' : showString(column.dictionary[code]!);
}

/** JSON-quoted, cut to 40 characters. */
function showString(s: string): string {
  return JSON.stringify(s.length > MAX_EXAMPLE_LENGTH ? `${s.slice(0, MAX_EXAMPLE_LENGTH - 3)}...` : s);
}

function quote(name: string): string {
  return JSON.stringify(name);
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
