/**
 * CSV reader: RFC 4180 with pandas' typing (see `ColumnBuilder`), streamed in chunks from disk.
 *
 * Why there is a byte-level fast path (measured on this project's 2-vCPU Xeon VM, Node 20.20.2,
 * 100k × 25 CSV = 20 float columns with ~2 % empty cells printed as shortest round-trip `repr`
 * (mostly 16–17 significant digits, 41 MB) + 5 string columns with 3–50 categories; 1M rows = 408 MB;
 * the first four rows time reading + splitting + `Number()` only, without building columns):
 *
 * | reader                                                    | 100k rows         | 1M rows            |
 * |-----------------------------------------------------------|-------------------|--------------------|
 * | papaparse 5.7.1, stream + step, `Number()` on 20 columns  | 660 ms (151k r/s) | 5.99 s (167k r/s)  |
 * | papaparse, whole file as one string, `fastMode`           | 793 ms            | 7.70 s, RSS 801 MB |
 * | byte scanner, field splitting only (no typing)            | 160 ms            |                    |
 * | byte scanner + `Number(buf.latin1Slice(...))` per number  | 455 ms            | 4.46 s             |
 * | this reader, whole `readDataset` (typing, dictionaries)   | 266–287 ms        | 2.26–2.32 s, RSS 224 MB |
 *
 * papaparse alone (before any typing or dictionary work) already exceeds the whole 1.0 s budget for
 * two 100k files, so the common case — lines without any `"` — is scanned as bytes by
 * `csv-fast-scanner.ts`. Every line from the first one containing a `"` to the end of the file goes
 * to papaparse (`csv-quoted-reader.ts`), so quoting, escaping and embedded newlines are never
 * hand-parsed; that path reads the same 100k file at ~1.2 s (85k rows/s), the cost of a quote.
 * A file whose header is quoted, or that uses bare `\r` line ends, is papaparse's from the start.
 *
 * `bench/readers.ts`, cold process per run, 7 runs, min–median (same VM, shared with other jobs):
 * 100k × 25 (41 MB, 17-digit floats) 266–287 ms; with 6-decimal floats (23 MB) 177–194 ms;
 * reference + current 100k files read together: 439–456 ms on one thread, 357–382 ms with the
 * second on a worker (`worker: 'auto'`); peak RSS 70–114 MB. 1M × 25 (408 MB): 2.26–2.32 s,
 * peak RSS 224 MB; two such files on two workers: 2.75–2.93 s, 420 MB.
 * @module
 */

import type { ColumnBuilder } from '../build/column-builder.ts';
import type { TableBuilder } from '../build/table-builder.ts';
import { csvMalformed, inputUnreadable } from '../input-errors.ts';
import { openInput } from '../open-input.ts';
import { columnNamesFromHeader } from './column-names.ts';
import { type CsvScanState, scanUnquotedRows } from './csv-fast-scanner.ts';

/** Bytes read from disk per step. */
const CHUNK_BYTES = 1 << 20;
/** Spare bytes after the data in the read buffer: a final `\n` and the scanner's 4-byte reads. */
const SLACK = 8;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export interface CsvFileOptions {
  /** Name used in error messages (default: the path). */
  readonly displayName?: string;
  /** Called with the number of new bytes read from disk. */
  readonly onBytes?: (bytes: number) => void;
}

/** Builders for a header, as the table names them. */
function headerBuilders(table: TableBuilder, fields: string[], st: { builders: readonly ColumnBuilder[] }) {
  const builders = columnNamesFromHeader(fields).map((name) => table.column(name));
  for (const b of builders) b.sawText = true;
  st.builders = builders;
  return builders;
}

/** Read one CSV file into `table` (appending rows). */
export async function readCsvInto(
  table: TableBuilder,
  path: string,
  options: CsvFileOptions = {},
): Promise<void> {
  const file = options.displayName ?? path;
  const onBytes = options.onBytes;
  const fh = await openInput(path);
  const firstRow = table.rowCount;
  const st: CsvScanState & { builders: readonly ColumnBuilder[] } = {
    file,
    builders: [],
    table,
    row: firstRow,
    line: 1,
  };
  let handoff: { offset: number; newline: '\n' | '\r\n' | '\r'; header: boolean } | undefined;
  let reported = 0; // bytes reported through onBytes
  try {
    const size = (await fh.stat()).size;
    let buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size) + SLACK);
    let carry = 0; // bytes kept at the front of buf from the previous step
    let bufOffset = 0; // file offset of buf[0]
    let haveHeader = false;
    let newline: '\n' | '\r\n' = '\n';
    let estimated = false;
    for (;;) {
      if (carry === buf.length - SLACK) {
        // A single line longer than the buffer: make room.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
      let n: number;
      try {
        n = (await fh.read(buf, carry, buf.length - SLACK - carry, bufOffset + carry)).bytesRead;
      } catch (err) {
        throw inputUnreadable(file, err);
      }
      if (n > 0) {
        reported += n;
        onBytes?.(n);
      }
      let end = carry + n;
      const eof = n === 0 || bufOffset + end >= size;
      if (eof && end > 0 && buf[end - 1] !== LF) buf[end++] = LF; // final line without newline
      let pos = 0;
      if (!haveHeader) {
        st.line = 1;
        if (bufOffset === 0 && end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
        // pandas skips blank lines before the header too.
        while (pos < end && (buf[pos] === LF || (buf[pos] === CR && buf[pos + 1] === LF))) {
          pos += buf[pos] === CR ? 2 : 1;
          st.line++;
        }
        const nl = buf.indexOf(LF, pos);
        if (nl < 0 || nl >= end) {
          if (eof) throw csvMalformed(file, st.line, 'empty file: expected a header line');
          carry = end;
          continue;
        }
        const lineEnd = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
        const header = buf.subarray(pos, lineEnd);
        const bareCr = header.indexOf(CR) >= 0;
        if (bareCr || header.indexOf(QUOTE) >= 0) {
          handoff = {
            offset: bufOffset + pos,
            newline: bareCr ? '\r' : lineEnd < nl ? '\r\n' : '\n',
            header: true,
          };
          break;
        }
        newline = lineEnd < nl ? '\r\n' : '\n';
        headerBuilders(table, buf.toString('utf8', pos, lineEnd).split(','), st);
        haveHeader = true;
        st.line++;
        pos = nl + 1;
      }
      const lastLf = buf.lastIndexOf(LF, end - 1);
      const stop = lastLf < pos ? pos : lastLf + 1;
      const quote = buf.subarray(0, stop).indexOf(QUOTE, pos);
      if (quote >= 0) {
        const lineStart = buf.lastIndexOf(LF, quote) + 1;
        if (lineStart > pos) scanUnquotedRows(st, buf, pos, lineStart);
        handoff = { offset: bufOffset + lineStart, newline, header: false };
        break;
      }
      if (stop > pos) scanUnquotedRows(st, buf, pos, stop);
      if (!estimated && st.row > firstRow && !eof) {
        // Size the columns for the whole file from the bytes per row seen so far (+2 %).
        estimated = true;
        const perRow = (bufOffset + stop) / (st.row - firstRow);
        table.reserve(Math.ceil(st.row + ((size - bufOffset - stop) / perRow) * 1.02) + 16, firstRow === 0);
      }
      if (eof) break;
      carry = end - stop;
      buf.copy(buf, 0, stop, end);
      bufOffset += stop;
      if (buf.length - SLACK < CHUNK_BYTES && bufOffset + carry < size) {
        const bigger = Buffer.allocUnsafe(CHUNK_BYTES + SLACK);
        buf.copy(bigger, 0, 0, carry);
        buf = bigger;
      }
    }
  } finally {
    await fh.close();
  }
  if (handoff) {
    const h = handoff;
    // Bytes up to `reported` were already reported by the fast path; papaparse re-reads from h.offset.
    let streamed = h.offset;
    // papaparse is loaded only for files that need it.
    const { readQuotedCsv } = await import('./csv-quoted-reader.ts');
    await readQuotedCsv(path, st, {
      offset: h.offset,
      newline: h.newline,
      onHeader: h.header ? (fields) => headerBuilders(table, fields, st) : undefined,
      onBytes: onBytes
        ? (bytes) => {
            streamed += bytes;
            if (streamed > reported) {
              onBytes(streamed - reported);
              reported = streamed;
            }
          }
        : undefined,
    });
    if (h.header && st.builders.length === 0)
      throw csvMalformed(file, 1, 'empty file: expected a header line');
  }
  for (const b of st.builders) if (st.row > firstRow) b.lastRow = st.row - 1;
  table.completeRows(st.row);
}
