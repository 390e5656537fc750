/**
 * Byte-level scanner for the *unquoted* part of a CSV file: the narrowly scoped fast path.
 *
 * The caller guarantees that `buf[pos, stop)` holds complete lines (ending in `\n`) and contains no
 * `"` byte, so every line is one record and every `,` is a delimiter; anything with a quote is
 * handed to papaparse (see `read-csv.ts`, which also holds the measurements that justify this file).
 *
 * Per cell, by the column's current kind:
 * - numbers are parsed straight from the bytes (sign, digits, fraction, exponent) while looking for
 *   the delimiter, and converted exactly by `decimalToDouble`; a cell that is not a plain literal
 *   (NA string, `inf`, spaces, > 19 digits, a tie too close to call) takes the slow path;
 * - strings are hashed while looking for the delimiter and looked up in the column's dictionary by
 *   bytes, so a repeated category costs no string allocation;
 * - skipped columns (projection) are stepped over;
 * - every other case (first cells of a column, bools, datetimes, cells that change the kind) takes
 *   the slow path: the cell is decoded to a string and handed to `ColumnBuilder.setText`, which
 *   applies pandas' rules. Both paths give identical results; the fast one is just cheaper.
 * Line endings `\n` and `\r\n`; empty and whitespace-only lines are skipped, as pandas does.
 * @module
 */

import { type ColumnBuilder, KIND_NUMBER, KIND_SKIP, KIND_STRING } from '../build/column-builder.ts';
import { FNV_OFFSET, FNV_PRIME } from '../build/string-dictionary.ts';
import type { TableBuilder } from '../build/table-builder.ts';
import { csvMalformed } from '../input-errors.ts';
import { decimalToDouble } from '../parse/decimal-to-double.ts';
import { mayBeNaBytes, PANDAS_NA_STRINGS } from '../parse/na-values.ts';

const COMMA = 44;
const LF = 10;
const CR = 13;

/** `10^-k` divisors for Clinger's fast path, inlined for the common ≤ 15-digit case. */
const POW10 = new Float64Array(23);
const TWO_53 = 9007199254740992;
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10[k] = p;

/** Scanner position shared between chunks of one file. */
export interface CsvScanState {
  /** File name used in error messages. */
  readonly file: string;
  /** One builder per CSV column, in header order (skipping builders for projected-out columns). */
  readonly builders: readonly ColumnBuilder[];
  readonly table: TableBuilder;
  /** Table row index of the next record. */
  row: number;
  /** 1-based line number of the next line. */
  line: number;
}

/** Number of fields on the line starting at `lineStart` (for error messages). */
function countFields(buf: Uint8Array, lineStart: number): number {
  let n = 1;
  for (let i = lineStart; buf[i] !== LF && i < buf.length; i++) if (buf[i] === COMMA) n++;
  return n;
}

/**
 * Slow path for one cell starting at `start`: decode it and let the builder type it.
 * Returns the index of the cell's terminator (`,`, `\n`, or the `\r` of `\r\n`).
 */
function slowCell(b: ColumnBuilder, row: number, buf: Buffer, start: number): number {
  let i = start;
  let c = buf[i]!;
  while (c !== COMMA && c !== LF) c = buf[++i]!;
  let end = i;
  if (c === LF && end > start && buf[end - 1] === CR) end--;
  if (b.kind !== KIND_SKIP) b.setText(row, buf.toString('utf8', start, end));
  return end;
}

/**
 * Fast path for a cell of a `NUMBER` column starting at `start`: parse and store it, or defer to
 * `slowCell`. Returns the index of the cell's terminator.
 */
function numberCell(b: ColumnBuilder, row: number, buf: Buffer, view: DataView, start: number): number {
  let i = start;
  let c = buf[i]!;
  if (c === COMMA || c === LF || (c === CR && buf[i + 1] === LF)) {
    b.values[row] = Number.NaN;
    b.hasMissing = true;
    return i;
  }
  // [+-]digits[.digits][(e|E)[+-]digits]. Significant digits (after leading zeros) go to `hi`
  // (first 15, exact) and `lo` (next ≤ 4); the decimal point position gives the exponent.
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  const digitsStart = i;
  let hi = 0;
  let sig = 0;
  let fracStart = -1;
  let d: number;
  const swarEnd = view.byteLength - 4;
  for (;;) {
    if (sig !== 0 && sig <= 11 && i <= swarEnd) {
      // Four digits at once (SWAR): each byte in '0'..'9' iff its high nibble is 3 and adding 6
      // does not carry into the high nibble.
      const w = view.getUint32(i, true);
      if (((w & 0xf0f0f0f0) | (((w + 0x06060606) & 0xf0f0f0f0) >>> 4)) >>> 0 === 0x33333333) {
        const x = w - 0x30303030;
        hi =
          hi * 10000 + ((x & 0xff) * 1000 + ((x >>> 8) & 0xff) * 100 + ((x >>> 16) & 0xff) * 10 + (x >>> 24));
        i += 4;
        if ((sig += 4) === 15) break;
        continue;
      }
    }
    d = buf[i]! - 48;
    if (d >>> 0 < 10) {
      hi = hi * 10 + d;
      i++;
      if (hi !== 0 && ++sig === 15) break;
    } else if (d === -2 && fracStart < 0) {
      fracStart = ++i;
    } else break;
  }
  let lo = 0;
  let loDigits = 0;
  if (sig === 15) {
    for (;;) {
      d = buf[i]! - 48;
      if (d >>> 0 < 10) {
        lo = lo * 10 + d;
        i++;
        loDigits++;
      } else if (d === -2 && fracStart < 0) {
        fracStart = ++i;
      } else break;
    }
  }
  let integer = fracStart < 0;
  let e10 = integer ? 0 : fracStart - i;
  // Some digit must be present: not just a sign and/or a point.
  let ok = loDigits <= 4 && i - digitsStart > (integer ? 0 : 1);
  c = buf[i]!;
  if (c === 101 || c === 69) {
    integer = false;
    c = buf[++i]!;
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      c = buf[++i]!;
    }
    let exp = 0;
    let expDigits = 0;
    for (d = c - 48; d >>> 0 < 10; d = c - 48) {
      exp = exp * 10 + d;
      expDigits++;
      c = buf[++i]!;
    }
    if (expDigits === 0 || expDigits > 5) ok = false;
    e10 += expNegative ? -exp : exp;
  } else if (integer && sig + loDigits >= 19) {
    ok = false; // integer literals of 19+ digits need the int64 range check of the slow path
  }
  if (!ok || !(c === COMMA || c === LF || (c === CR && buf[i + 1] === LF))) {
    return slowCell(b, row, buf, start);
  }
  sig += loDigits;
  let v: number;
  // Clinger's fast path when the whole mantissa is below 2^53 (all ≤ 15-digit and most 16-digit ones).
  const m = loDigits === 0 ? hi : hi * POW10[loDigits]! + lo;
  if (sig === 0) v = 0;
  else if (m < TWO_53 && e10 <= 0 && e10 >= -22) v = m / POW10[-e10]!;
  else {
    v = decimalToDouble(hi, lo, loDigits, e10);
    if (Number.isNaN(v)) return slowCell(b, row, buf, start); // too close to a tie to prove: Number(text)
  }
  b.values[row] = negative ? -v : v;
  if (!integer) b.nonInteger = true;
  return i;
}

/**
 * Fast path for a cell of a `STRING` column starting at `start`: hash the bytes while looking for
 * the terminator and look the code up by bytes. Returns the index of the terminator.
 */
function stringCell(b: ColumnBuilder, row: number, buf: Buffer, start: number): number {
  let i = start;
  let c = buf[i]!;
  let h = FNV_OFFSET;
  while (c !== COMMA && c !== LF && c !== CR) {
    h = Math.imul(h ^ c, FNV_PRIME);
    c = buf[++i]!;
  }
  if (c === CR && buf[i + 1] !== LF) return slowCell(b, row, buf, start); // a lone CR inside the cell
  if (
    i === start ||
    (mayBeNaBytes(buf[start]!, i - start) && PANDAS_NA_STRINGS.has(buf.toString('utf8', start, i)))
  ) {
    b.codes[row] = -1;
    b.hasMissing = true;
  } else {
    b.codes[row] = b.dict.codeOfBytes(buf, start, i, h);
  }
  return i;
}

/** Index of the terminator of the cell starting at `start` (projected-out column). */
function skipCell(buf: Buffer, start: number): number {
  let i = start;
  let c = buf[i]!;
  while (c !== COMMA && c !== LF) c = buf[++i]!;
  return i;
}

/** True if the line at `i` is empty or only spaces/tabs; sets `blankEnd` to the index after it. */
let blankEnd = 0;
function isBlankLine(buf: Buffer, i: number): boolean {
  let k = i;
  while (buf[k] === 32 || buf[k] === 9) k++;
  if (buf[k] === CR && buf[k + 1] === LF) k++;
  blankEnd = k + 1;
  return buf[k] === LF;
}

/** Type and store every record in `buf[pos, stop)`; see the module documentation. */
export function scanUnquotedRows(st: CsvScanState, buf: Buffer, pos: number, stop: number): void {
  const builders = st.builders;
  const ncol = builders.length;
  const table = st.table;
  let row = st.row;
  let line = st.line;
  let capacity = table.capacity;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let i = pos;
  while (i < stop) {
    const lineStart = i;
    let c = buf[i]!;
    // Empty or whitespace-only line: skipped (pandas skip_blank_lines=True).
    if ((c === LF || c === CR || c === 32 || c === 9) && isBlankLine(buf, i)) {
      i = blankEnd;
      line++;
      continue;
    }
    if (row >= capacity) {
      table.reserve(row + 1);
      capacity = table.capacity;
    }
    for (let col = 0; ; ) {
      const b = builders[col]!;
      const kind = b.kind;
      if (kind === KIND_NUMBER) i = numberCell(b, row, buf, view, i);
      else if (kind === KIND_STRING) i = stringCell(b, row, buf, i);
      else if (kind === KIND_SKIP) i = skipCell(buf, i);
      else i = slowCell(b, row, buf, i);
      // buf[i] is now ',' or '\n' or the '\r' of '\r\n'.
      c = buf[i]!;
      if (c === COMMA) {
        i++;
        if (++col === ncol) {
          throw csvMalformed(st.file, line, `expected ${ncol} fields, got ${countFields(buf, lineStart)}`);
        }
        continue;
      }
      i += c === CR ? 2 : 1;
      if (col !== ncol - 1) throw csvMalformed(st.file, line, `expected ${ncol} fields, got ${col + 1}`);
      break;
    }
    row++;
    line++;
  }
  st.row = row;
  st.line = line;
}
