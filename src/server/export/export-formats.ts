/**
 * Text encodings of an export: CSV (RFC 4180) and JSON Lines. Each turns the header and one page of rows into one
 * string chunk; the stream (export-stream.ts) encodes the chunks to UTF-8 as they are sent.
 *
 * CSV (RFC 4180): a header line, then one line per record, lines ended by CRLF. A field containing a comma, a double
 * quote, CR or LF is enclosed in double quotes with inner quotes doubled. A missing value is an empty field; an
 * empty string is `""`, so readers that tell the two apart (PostgreSQL `COPY … CSV`, Python's `csv` with a quoting
 * dialect) keep the difference (pandas reads both as missing). Numbers are JavaScript's shortest round-trip form
 * (`String(x)`, e.g. `0.1`, `1e+21`), booleans `true`/`false`, timestamps RFC 3339 UTC. Values are written exactly
 * as stored: cells starting with `=`, `+`, `-` or `@` are NOT altered to defuse spreadsheet formula injection,
 * because an export for retraining must round-trip byte for byte; open untrusted exports in a spreadsheet with care.
 *
 * JSON Lines: one JSON object per record with the same keys as the CSV columns, in the same order, values with
 * their JSON types (numbers, strings, booleans, null), lines ended by LF.
 * @module
 */
import type { ExportCell, ExportColumn } from './export-columns.ts';

export interface ExportEncoding {
  readonly contentType: string;
  readonly extension: string;
  /** Text before the first row (the CSV header line; empty for JSON Lines). */
  header(columns: readonly ExportColumn[]): string;
  /** One record, including its line end. */
  row(cells: readonly ExportCell[]): string;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field (RFC 4180 §2.6–2.7). */
export function csvField(v: ExportCell): string {
  if (v === null || v === undefined) return '';
  let s: string;
  if (typeof v === 'string') {
    if (v === '') return '""';
    s = v;
  } else if (typeof v === 'number' || typeof v === 'boolean') {
    return String(v);
  } else {
    s = JSON.stringify(v); // nested JSON (records stored outside the ingest API)
  }
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvEncoding: ExportEncoding = {
  contentType: 'text/csv; charset=utf-8; header=present',
  extension: 'csv',
  header: (columns) => `${columns.map((c) => csvField(c.name)).join(',')}\r\n`,
  row(cells) {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += ',';
      line += csvField(cells[i]!);
    }
    return `${line}\r\n`;
  },
};

/** JSON Lines, with the JSON-encoded keys computed once per export. */
export function jsonlEncoding(columns: readonly ExportColumn[]): ExportEncoding {
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'jsonl',
    header: () => '',
    row(cells) {
      let line = '{';
      for (let i = 0; i < cells.length; i++) {
        if (i > 0) line += ',';
        line += keys[i]!;
        // JSON.stringify turns a non-finite number into null, which is how JSON spells a missing number.
        line += JSON.stringify(cells[i] ?? null);
      }
      return `${line}}\n`;
    },
  };
}
