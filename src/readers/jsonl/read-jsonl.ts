/**
 * JSON Lines reader: one JSON object per line, streamed in chunks; blank lines are skipped.
 *
 * Types, close to `pandas.read_json(lines=True)`:
 * - numbers: `int` if every value is integral and none is missing (pandas also turns `1.0` into
 *   int64 when a whole float column is integral), else `float`;
 * - booleans: `bool`; strings: `string`, or `datetime` if all are ISO-8601 dates (as for CSV);
 * - `null` or an absent key: missing; a key that first appears later is missing before it;
 * - nested objects/arrays: their JSON text, as `string`; mixed kinds: `string`.
 * Deviation from pandas, on purpose: strings that look like numbers stay strings (pandas converts
 * them), and NA spellings such as `"NA"` are ordinary strings (as in pandas).
 * @module
 */

import type { TableBuilder } from '../build/table-builder.ts';
import { inputUnreadable, jsonlMalformed, oneLine } from '../input-errors.ts';
import { openInput } from '../open-input.ts';

const CHUNK_BYTES = 1 << 20;
const LF = 10;

export interface JsonlFileOptions {
  /** Name used in error messages (default: the path). */
  readonly displayName?: string;
  /** Called with the number of new bytes read from disk. */
  readonly onBytes?: (bytes: number) => void;
}

function storeRecord(table: TableBuilder, row: number, record: Record<string, unknown>): void {
  for (const key in record) {
    const b = table.column(key);
    const v = record[key];
    switch (typeof v) {
      case 'number':
        b.setNumber(row, v, Number.isInteger(v));
        break;
      case 'boolean':
        b.setBool(row, v);
        break;
      case 'string':
        b.setString(row, v);
        break;
      default:
        if (v === null || v === undefined) b.setMissing(row);
        else b.setString(row, JSON.stringify(v));
    }
  }
}

/** Read one JSON Lines file into `table` (appending rows). */
export async function readJsonlInto(
  table: TableBuilder,
  path: string,
  options: JsonlFileOptions = {},
): Promise<void> {
  const file = options.displayName ?? path;
  const fh = await openInput(path);
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size) + 1);
    let carry = 0;
    let fileOffset = 0;
    let line = 1;
    let row = table.rowCount;
    for (;;) {
      if (carry === buf.length - 1) {
        const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, CHUNK_BYTES + 1));
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      let n: number;
      try {
        n = (await fh.read(buf, carry, buf.length - 1 - carry, fileOffset + carry)).bytesRead;
      } catch (err) {
        throw inputUnreadable(file, err);
      }
      if (n > 0) options.onBytes?.(n);
      let end = carry + n;
      const eof = n === 0 || fileOffset + end >= size;
      if (eof && end > 0 && buf[end - 1] !== LF) buf[end++] = LF;
      let pos = fileOffset === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
      for (let nl = buf.indexOf(LF, pos); nl >= 0 && nl < end; nl = buf.indexOf(LF, pos)) {
        const text = buf.toString('utf8', pos, nl);
        pos = nl + 1;
        if (text.trim() === '') {
          line++;
          continue;
        }
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (err) {
          throw jsonlMalformed(file, line, `invalid JSON (${oneLine((err as Error).message)})`, err);
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw jsonlMalformed(file, line, `expected a JSON object, got ${oneLine(text, 40)}`);
        }
        if (row >= table.capacity) table.reserve(row + 1);
        storeRecord(table, row, value as Record<string, unknown>);
        row++;
        table.completeRows(row);
        line++;
      }
      if (eof) break;
      carry = end - pos;
      buf.copy(buf, 0, pos, end);
      fileOffset += pos;
      if (buf.length - 1 < CHUNK_BYTES && fileOffset + carry < size) {
        const bigger = Buffer.allocUnsafe(CHUNK_BYTES + 1);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
    }
  } finally {
    await fh.close();
  }
}
