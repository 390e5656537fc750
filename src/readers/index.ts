/**
 * Dataset readers: CSV, Parquet and JSON Lines files (or globs/directories of partitions) into the
 * columnar `Table` of `core/table`, typed the way pandas would type them.
 * @module
 */

import { type Dataset, type ReadOptions, readDataset } from './read-dataset.ts';

export { READER_ERROR_CODES } from './input-errors.ts';
export type { InputFormat } from './input-format.ts';
export { formatFromPath } from './input-format.ts';
export type { ProgressBar, ProgressBarOptions, ProgressStream } from './progress-bar.ts';
export { createProgressBar } from './progress-bar.ts';
export type { Dataset, ReadOptions } from './read-dataset.ts';
export { readDataset } from './read-dataset.ts';

/** Options of the per-format readers: `ReadOptions` without `format`. */
export type FormatReadOptions = Omit<ReadOptions, 'format'>;

/** Read CSV file(s) (a path, a directory or a glob), whatever their extension. */
export function readCsv(pathOrGlob: string, options: FormatReadOptions = {}): Promise<Dataset> {
  return readDataset(pathOrGlob, { ...options, format: 'csv' });
}

/** Read Parquet file(s) (a path, a directory or a glob), whatever their extension. */
export function readParquet(pathOrGlob: string, options: FormatReadOptions = {}): Promise<Dataset> {
  return readDataset(pathOrGlob, { ...options, format: 'parquet' });
}

/** Read JSON Lines file(s) (a path, a directory or a glob), whatever their extension. */
export function readJsonl(pathOrGlob: string, options: FormatReadOptions = {}): Promise<Dataset> {
  return readDataset(pathOrGlob, { ...options, format: 'jsonl' });
}
