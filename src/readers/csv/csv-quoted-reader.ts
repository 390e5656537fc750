/**
 * The general CSV path: papaparse (RFC 4180 quotes, escaped quotes, embedded delimiters and
 * newlines) from a byte offset of the file to its end. `read-csv.ts` hands over here at the first
 * line that contains a `"`, or at the start if the header is quoted.
 * @module
 */

import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import type { InputError } from '../../core/errors.ts';
import type { ColumnBuilder } from '../build/column-builder.ts';
import { csvMalformed } from '../input-errors.ts';
import type { CsvScanState } from './csv-fast-scanner.ts';

export interface QuotedReadOptions {
  /** Byte offset to start at (a line start; after the BOM). */
  readonly offset: number;
  /** Line terminator of the file. */
  readonly newline: '\n' | '\r\n' | '\r';
  /** Called with the header fields when the header has not been read yet; returns the builders. */
  readonly onHeader?: (fields: string[]) => readonly ColumnBuilder[];
  /** Called with the number of new bytes consumed from disk. */
  readonly onBytes?: (bytes: number) => void;
}

function isBlank(fields: readonly string[]): boolean {
  return fields.length === 1 && /^[ \t]*$/.test(fields[0]!);
}

/** Count `\n` in the fields of a record: the physical lines it spans beyond its first. */
function embeddedNewlines(fields: readonly string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let k = f.indexOf('\n'); k >= 0; k = f.indexOf('\n', k + 1)) n++;
  }
  return n;
}

/**
 * Parse `path` from `options.offset` with papaparse, typing every cell with `ColumnBuilder.setText`.
 * `st.builders` may be empty if `onHeader` supplies them from the first record.
 */
export function readQuotedCsv(path: string, st: CsvScanState, options: QuotedReadOptions): Promise<void> {
  let builders = st.builders;
  let needHeader = options.onHeader !== undefined;
  let failure: InputError | undefined;
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, {
      start: options.offset,
      encoding: 'utf8',
      highWaterMark: 1 << 20,
    });
    if (options.onBytes) {
      const onBytes = options.onBytes;
      stream.on('data', (chunk) => onBytes(Buffer.byteLength(chunk)));
    }
    stream.on('error', reject);
    Papa.parse<string[]>(stream, {
      delimiter: ',',
      newline: options.newline,
      quoteChar: '"',
      escapeChar: '"',
      header: false,
      skipEmptyLines: false,
      step(results, parser) {
        const fields = results.data;
        const line = st.line;
        st.line += 1 + embeddedNewlines(fields);
        const unterminated = results.errors.find((e) => e.code === 'MissingQuotes');
        if (unterminated) {
          failure = csvMalformed(st.file, line, 'unterminated quoted field');
          parser.abort();
          return;
        }
        if (isBlank(fields)) return;
        if (needHeader) {
          needHeader = false;
          builders = options.onHeader!(fields);
          return;
        }
        const ncol = builders.length;
        if (fields.length !== ncol) {
          failure = csvMalformed(st.file, line, `expected ${ncol} fields, got ${fields.length}`);
          parser.abort();
          return;
        }
        const row = st.row;
        if (row >= st.table.capacity) st.table.reserve(row + 1);
        for (let col = 0; col < ncol; col++) builders[col]!.setText(row, fields[col]!);
        st.row = row + 1;
      },
      complete() {
        stream.destroy();
        if (failure) reject(failure);
        else resolve();
      },
      error(err) {
        stream.destroy();
        reject(err);
      },
    });
  });
}
