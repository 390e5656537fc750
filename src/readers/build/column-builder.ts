/**
 * Builds one column incrementally while its dtype is still being inferred.
 *
 * Cells arrive row by row (rows strictly increasing per builder) either as CSV text (`setText`,
 * pandas rules: NA strings, numeric literals, bool literals) or as typed values from JSON/Parquet
 * (`setNumber`, `setBool`, `setString`, `setDatetime`). The builder holds the column in the cheapest
 * representation that can still become what pandas would produce:
 *
 * | kind       | storage                               | becomes                                  |
 * |------------|---------------------------------------|------------------------------------------|
 * | `EMPTY`    | nothing (every cell so far missing)   | `float` (all NaN), or `string` if 0 rows |
 * | `NUMBER`   | `values` (NaN = missing)              | `int` if all integer literals and none missing, else `float` |
 * | `BOOL`     | `codes` into the raw literals seen    | `bool` (dictionary normalised to `'false'`/`'true'`) |
 * | `DATETIME` | `values` (epoch ms)                   | `datetime`                               |
 * | `STRING`   | `codes` + `dict`                      | `string`                                 |
 *
 * Any cell that does not fit the current kind turns the column into `STRING`. Earlier bool cells
 * keep their exact literal (the raw literals are the dictionary). Earlier numbers and datetimes are
 * formatted (`String(v)`, ISO-8601); when they came from *text* (CSV, or strings parsed as
 * datetimes) that formatting may differ from the file (`1.50` → `1.5`), so `textLost` is set and the
 * dataset reader reads that column again with `forceString` to recover the exact text.
 * @module
 */

import type { Column } from '../../core/table/column.ts';
import { formatIsoDatetime, parseIsoDatetime } from '../parse/iso-datetime.ts';
import { PANDAS_NA_STRINGS } from '../parse/na-values.ts';
import { parseNumberText } from '../parse/number-text.ts';
import { StringDictionary } from './string-dictionary.ts';

export const KIND_EMPTY = 0;
export const KIND_NUMBER = 1;
export const KIND_BOOL = 2;
export const KIND_DATETIME = 3;
export const KIND_STRING = 4;
/** A CSV column outside the projection: the scanner skips its cells. */
export const KIND_SKIP = 5;

/** pandas' default `true_values`/`false_values` for the C parser (exact spelling). */
const BOOL_LITERALS: ReadonlyMap<string, boolean> = new Map([
  ['True', true],
  ['TRUE', true],
  ['true', true],
  ['False', false],
  ['FALSE', false],
  ['false', false],
]);

const EMPTY_F64 = new Float64Array(0);
const EMPTY_I32 = new Int32Array(0);

export class ColumnBuilder {
  readonly name: string;
  kind: number;
  /** Allocated length of `values`/`codes`; grown by the table builder. */
  capacity: number;
  values: Float64Array = EMPTY_F64;
  codes: Int32Array = EMPTY_I32;
  dict = new StringDictionary();
  /** Some cell is missing (an NA string, an empty cell, null, or absent from a partition). */
  hasMissing = false;
  /** Some numeric cell is not an integer literal (has `.`, an exponent, or is ±inf). */
  nonInteger = false;
  /** Some stored value was parsed from text (CSV cell, or a string read as a datetime). */
  sawText = false;
  /** Turned into a string column after numbers/datetimes parsed from text: their text must be re-read. */
  textLost = false;
  /** Last row written, for readers that fill absent cells (JSON Lines). */
  lastRow = -1;
  readonly forceString: boolean;

  constructor(name: string, capacity: number, options: { skip?: boolean; forceString?: boolean } = {}) {
    this.name = name;
    this.capacity = capacity;
    this.forceString = options.forceString === true;
    this.kind = options.skip ? KIND_SKIP : KIND_EMPTY;
    if (this.forceString) this.becomeString(0);
  }

  /** Grow storage to at least `capacity` rows. */
  reserve(capacity: number): void {
    if (capacity <= this.capacity) return;
    if (this.kind === KIND_NUMBER || this.kind === KIND_DATETIME) {
      const v = new Float64Array(capacity);
      v.set(this.values);
      this.values = v;
    }
    if (this.kind === KIND_BOOL || this.kind === KIND_STRING) {
      const c = new Int32Array(capacity);
      c.set(this.codes);
      this.codes = c;
    }
    this.capacity = capacity;
  }

  /** Mark `row` missing. */
  setMissing(row: number): void {
    this.hasMissing = true;
    this.lastRow = row;
    const kind = this.kind;
    if (kind === KIND_NUMBER || kind === KIND_DATETIME) this.values[row] = Number.NaN;
    else if (kind === KIND_BOOL || kind === KIND_STRING) this.codes[row] = -1;
  }

  /** Mark rows `[from, to)` missing (a partition without this column). */
  fillMissing(from: number, to: number): void {
    if (to <= from) return;
    this.hasMissing = true;
    this.lastRow = to - 1;
    const kind = this.kind;
    if (kind === KIND_NUMBER || kind === KIND_DATETIME) this.values.fill(Number.NaN, from, to);
    else if (kind === KIND_BOOL || kind === KIND_STRING) this.codes.fill(-1, from, to);
  }

  /** A CSV cell, typed with pandas' `read_csv` rules. */
  setText(row: number, text: string): void {
    if (PANDAS_NA_STRINGS.has(text)) {
      this.setMissing(row);
      return;
    }
    this.lastRow = row;
    this.sawText = true;
    switch (this.kind) {
      case KIND_STRING:
        this.codes[row] = this.dict.codeOf(text);
        return;
      case KIND_NUMBER: {
        const parsed = parseNumberText(text);
        if (parsed !== undefined) {
          this.values[row] = parsed.value;
          if (!parsed.integer) this.nonInteger = true;
          return;
        }
        break;
      }
      case KIND_BOOL:
        if (BOOL_LITERALS.has(text)) {
          this.codes[row] = this.dict.codeOf(text);
          return;
        }
        break;
      case KIND_DATETIME: {
        const ms = parseIsoDatetime(text);
        if (!Number.isNaN(ms)) {
          this.values[row] = ms;
          return;
        }
        break;
      }
      case KIND_EMPTY: {
        const parsed = parseNumberText(text);
        if (parsed !== undefined) {
          this.become(KIND_NUMBER, row);
          this.values[row] = parsed.value;
          if (!parsed.integer) this.nonInteger = true;
          return;
        }
        if (BOOL_LITERALS.has(text)) {
          this.become(KIND_BOOL, row);
          this.codes[row] = this.dict.codeOf(text);
          return;
        }
        const ms = parseIsoDatetime(text);
        if (!Number.isNaN(ms)) {
          this.become(KIND_DATETIME, row);
          this.values[row] = ms;
          return;
        }
        break;
      }
      default:
        return; // KIND_SKIP
    }
    this.becomeString(row);
    this.codes[row] = this.dict.codeOf(text);
  }

  /** A typed number (JSON, Parquet). `NaN` is missing. */
  setNumber(row: number, value: number, integer: boolean): void {
    if (Number.isNaN(value)) {
      this.setMissing(row);
      return;
    }
    this.lastRow = row;
    const kind = this.kind;
    if (kind === KIND_NUMBER || kind === KIND_EMPTY) {
      if (kind === KIND_EMPTY) this.become(KIND_NUMBER, row);
      this.values[row] = value;
      if (!integer) this.nonInteger = true;
      return;
    }
    if (kind === KIND_SKIP) return;
    this.becomeString(row);
    this.codes[row] = this.dict.codeOf(String(value));
  }

  /** A typed boolean (JSON, Parquet). */
  setBool(row: number, value: boolean): void {
    this.lastRow = row;
    const kind = this.kind;
    const text = value ? 'true' : 'false';
    if (kind === KIND_BOOL || kind === KIND_EMPTY) {
      if (kind === KIND_EMPTY) this.become(KIND_BOOL, row);
      this.codes[row] = this.dict.codeOf(text);
      return;
    }
    if (kind === KIND_SKIP) return;
    this.becomeString(row);
    this.codes[row] = this.dict.codeOf(text);
  }

  /** A typed string (JSON, Parquet): never missing by spelling; ISO-8601 dates are detected. */
  setString(row: number, text: string): void {
    this.lastRow = row;
    const kind = this.kind;
    if (kind === KIND_STRING) {
      this.codes[row] = this.dict.codeOf(text);
      return;
    }
    if (kind === KIND_DATETIME || kind === KIND_EMPTY) {
      const ms = parseIsoDatetime(text);
      if (!Number.isNaN(ms)) {
        if (kind === KIND_EMPTY) this.become(KIND_DATETIME, row);
        this.sawText = true;
        this.values[row] = ms;
        return;
      }
    }
    if (kind === KIND_SKIP) return;
    this.becomeString(row);
    this.codes[row] = this.dict.codeOf(text);
  }

  /** A typed timestamp (Parquet), epoch milliseconds. `NaN` is missing. */
  setDatetime(row: number, ms: number): void {
    if (Number.isNaN(ms)) {
      this.setMissing(row);
      return;
    }
    this.lastRow = row;
    const kind = this.kind;
    if (kind === KIND_DATETIME || kind === KIND_EMPTY) {
      if (kind === KIND_EMPTY) this.become(KIND_DATETIME, row);
      this.values[row] = ms;
      return;
    }
    if (kind === KIND_SKIP) return;
    this.becomeString(row);
    this.codes[row] = this.dict.codeOf(formatIsoDatetime(ms));
  }

  /** Switch from `EMPTY` to a typed kind at `row`: every earlier row is missing. */
  private become(kind: number, row: number): void {
    if (this.forceString) return;
    this.kind = kind;
    if (kind === KIND_NUMBER || kind === KIND_DATETIME) {
      this.values = new Float64Array(this.capacity);
      this.values.fill(Number.NaN, 0, row);
    } else {
      this.codes = new Int32Array(this.capacity);
      this.codes.fill(-1, 0, row);
    }
  }

  /** Switch to `STRING` at `row`, converting rows `[0, row)`. */
  private becomeString(row: number): void {
    const kind = this.kind;
    if (kind === KIND_STRING || kind === KIND_SKIP) return;
    if (kind === KIND_BOOL) {
      // codes already index the exact literals seen.
      this.kind = KIND_STRING;
      return;
    }
    const codes = new Int32Array(this.capacity);
    if (kind === KIND_EMPTY) {
      codes.fill(-1, 0, row);
    } else {
      const values = this.values;
      const dict = this.dict;
      const format = kind === KIND_DATETIME ? formatIsoDatetime : String;
      for (let r = 0; r < row; r++) {
        const v = values[r]!;
        codes[r] = Number.isNaN(v) ? -1 : dict.codeOf(format(v));
      }
      if (this.sawText) this.textLost = true;
    }
    this.values = EMPTY_F64;
    this.codes = codes;
    this.kind = KIND_STRING;
  }

  /** The finished column with `rowCount` rows (mimicking pandas' dtype; see module doc). */
  finish(rowCount: number): Column {
    const name = this.name;
    switch (this.kind) {
      case KIND_NUMBER: {
        const values = trimTo(this.values, rowCount);
        const dtype = this.nonInteger || this.hasMissing ? 'float' : 'int';
        // pandas int64 has no negative zero.
        if (dtype === 'int') {
          for (let r = 0; r < rowCount; r++) if (values[r] === 0) values[r] = 0;
        }
        return Object.freeze({ name, dtype, values });
      }
      case KIND_DATETIME:
        return Object.freeze({ name, dtype: 'datetime', values: trimTo(this.values, rowCount) });
      case KIND_BOOL:
        return this.finishBool(rowCount);
      case KIND_STRING:
        return Object.freeze({
          name,
          dtype: 'string',
          codes: trimTo(this.codes, rowCount),
          dictionary: Object.freeze(this.dict.values.slice()),
        });
      default: {
        // Only missing cells. pandas reads such a column as float64 NaN, or object when there are no rows.
        if (rowCount === 0) {
          return Object.freeze({
            name,
            dtype: 'string',
            codes: new Int32Array(0),
            dictionary: Object.freeze([]),
          });
        }
        return Object.freeze({ name, dtype: 'float', values: new Float64Array(rowCount).fill(Number.NaN) });
      }
    }
  }

  private finishBool(rowCount: number): Column {
    // Map each raw literal (True, FALSE, ...) to 'true'/'false', dictionary in first-seen order.
    const raw = this.dict.values;
    const dictionary: string[] = [];
    const remap = new Int32Array(raw.length);
    raw.forEach((literal, k) => {
      const normal = BOOL_LITERALS.get(literal) === true ? 'true' : 'false';
      let code = dictionary.indexOf(normal);
      if (code < 0) code = dictionary.push(normal) - 1;
      remap[k] = code;
    });
    const codes = trimTo(this.codes, rowCount);
    for (let r = 0; r < rowCount; r++) {
      const c = codes[r]!;
      if (c >= 0) codes[r] = remap[c]!;
    }
    return Object.freeze({ name: this.name, dtype: 'bool', codes, dictionary: Object.freeze(dictionary) });
  }
}

/** `a` cut to `n` entries: a view if little is wasted, otherwise a compact copy. */
function trimTo<T extends Float64Array | Int32Array>(a: T, n: number): T {
  if (a.length === n) return a;
  return (a.length - n <= n >> 4 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
