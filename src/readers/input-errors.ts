/**
 * The `InputError`s readers throw: stable codes and one-line messages that name the file, and the
 * line/row and column when there is one (`ref.csv: line 17: expected 25 fields, got 24`).
 * @module
 */

import { InputError } from '../core/errors.ts';

/** Every code a reader may throw. */
export const READER_ERROR_CODES = Object.freeze({
  notFound: 'DW_INPUT_NOT_FOUND',
  unreadable: 'DW_INPUT_UNREADABLE',
  unknownFormat: 'DW_INPUT_UNKNOWN_FORMAT',
  emptyGlob: 'DW_INPUT_EMPTY_GLOB',
  columnNotFound: 'DW_INPUT_COLUMN_NOT_FOUND',
  csvMalformed: 'DW_CSV_MALFORMED',
  parquetUnreadable: 'DW_PARQUET_UNREADABLE',
  jsonlMalformed: 'DW_JSONL_MALFORMED',
} as const);

/** One line, at most `max` characters, for quoting data or library messages in a message. */
export function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function inputNotFound(path: string, cause?: unknown): InputError {
  return new InputError(READER_ERROR_CODES.notFound, `${path}: no such file or directory`, { cause });
}

export function inputUnreadable(path: string, cause: unknown): InputError {
  const reason = cause instanceof Error ? oneLine(cause.message) : String(cause);
  return new InputError(READER_ERROR_CODES.unreadable, `${path}: cannot read (${reason})`, { cause });
}

export function unknownFormat(path: string): InputError {
  return new InputError(
    READER_ERROR_CODES.unknownFormat,
    `${path}: unknown file format; use .csv, .parquet, .pq, .jsonl or .ndjson, or pass format: 'csv' | 'parquet' | 'jsonl'`,
  );
}

export function emptyGlob(pattern: string, what = 'no files match'): InputError {
  return new InputError(READER_ERROR_CODES.emptyGlob, `${pattern}: ${what}`);
}

export function columnNotFound(
  dataset: string,
  missing: readonly string[],
  available: readonly string[],
): InputError {
  const list = available.length > 20 ? `${available.slice(0, 20).join(', ')}, …` : available.join(', ');
  const names = missing.map((m) => JSON.stringify(m)).join(', ');
  return new InputError(
    READER_ERROR_CODES.columnNotFound,
    `${dataset}: column${missing.length > 1 ? 's' : ''} ${names} not found (columns: ${list})`,
  );
}

export function csvMalformed(file: string, line: number, detail: string): InputError {
  return new InputError(READER_ERROR_CODES.csvMalformed, `${file}: line ${line}: ${detail}`);
}

export function jsonlMalformed(file: string, line: number, detail: string, cause?: unknown): InputError {
  return new InputError(READER_ERROR_CODES.jsonlMalformed, `${file}: line ${line}: ${detail}`, { cause });
}

export function parquetUnreadable(file: string, detail: string, cause?: unknown): InputError {
  return new InputError(READER_ERROR_CODES.parquetUnreadable, `${file}: ${detail}`, { cause });
}
