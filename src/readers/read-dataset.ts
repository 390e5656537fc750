/**
 * `readDataset`: read a file, a directory of partitions or a glob into one columnar `Table`.
 * @module
 */

import { stat } from 'node:fs/promises';
import type { Table } from '../core/table/column.ts';
import { inputNotFound, unknownFormat } from './input-errors.ts';
import { formatFromPath, type InputFormat } from './input-format.ts';
import { readSources, type Source } from './read-sources.ts';
import { resolveInputFiles } from './resolve-input-files.ts';

export interface ReadOptions {
  /** Format of every file. Default: from each file's extension (`.csv`, `.parquet`/`.pq`, `.jsonl`/`.ndjson`). */
  readonly format?: InputFormat;
  /** Called as bytes are read: cumulative bytes so far and the total size of all files. Default: none. */
  readonly onProgress?: (bytesRead: number, bytesTotal: number) => void;
  /**
   * Read only these columns (in the files' column order). Default: all. A name found in no file is an
   * error (`DW_INPUT_COLUMN_NOT_FOUND`); a name missing from some partitions gives missing cells there.
   */
  readonly columns?: readonly string[];
  /**
   * Parse on a worker thread, so that concurrent `readDataset` calls use several cores. Default
   * `'auto'`: only a call that starts while another `readDataset` call is in flight (e.g. reference
   * and current read with `Promise.all`) and has at least `WORKER_MIN_BYTES` of CSV/JSON Lines
   * moves to a worker, and only when running from the compiled package; the first call stays on the
   * calling thread, which saves one worker start-up. `true` forces a worker (from TypeScript sources
   * it bootstraps tsx), `false` forbids it.
   */
  readonly worker?: boolean | 'auto';
  /**
   * Also precompute what the drift engine needs — each number column's sorted finite values
   * (`Column.profile`: sorted finite values, counts, summary) and the duplicated-row count (`Table.duplicatedRows`) — on the reading thread:
   * a worker when there is one, so this work runs in parallel with the other dataset. Default false.
   */
  readonly prepare?: boolean;
}

/** A dataset read into memory, with the files it came from (sorted, as resolved). */
export type Dataset = Table & { readonly files: readonly string[] };

/**
 * Below this many bytes of text input, a worker's start-up (measured 55–70 ms: isolate, module
 * loading, a cold JIT) costs more than it saves. Parquet stays on the calling thread under `'auto'`.
 */
export const WORKER_MIN_BYTES = 8 << 20;

/** `readDataset` calls in flight (to spot concurrent reads). */
let inFlight = 0;

async function fileSizes(files: readonly string[]): Promise<number[]> {
  return Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.size,
        (err) => {
          throw inputNotFound(f, err);
        },
      ),
    ),
  );
}

/**
 * Read `pathOrGlob` (a file, a directory of partition files, or a glob such as `'ref/*.parquet'`)
 * into one table. Partitions are concatenated in name order; their columns are united (first-seen
 * order) and dtypes widened as one file would be typed (see `TableBuilder`).
 *
 * @throws InputError `DW_INPUT_NOT_FOUND`, `DW_INPUT_EMPTY_GLOB`, `DW_INPUT_UNKNOWN_FORMAT`,
 *   `DW_INPUT_UNREADABLE`, `DW_INPUT_COLUMN_NOT_FOUND`, `DW_CSV_MALFORMED`, `DW_PARQUET_UNREADABLE`,
 *   `DW_JSONL_MALFORMED`. Nothing is returned for a dataset with a malformed file.
 */
export async function readDataset(pathOrGlob: string, options: ReadOptions = {}): Promise<Dataset> {
  const concurrent = inFlight++ > 0;
  try {
    return await read(pathOrGlob, options, concurrent);
  } finally {
    inFlight--;
  }
}

async function read(pathOrGlob: string, options: ReadOptions, concurrent: boolean): Promise<Dataset> {
  const files = await resolveInputFiles(pathOrGlob, options.format);
  const sources = files.map((path): Source => {
    const format = options.format ?? formatFromPath(path);
    if (format === undefined) throw unknownFormat(path);
    return { path, format };
  });
  const sizes = await fileSizes(files);
  let onBytes: ((bytes: number) => void) | undefined;
  const onProgress = options.onProgress;
  if (onProgress) {
    const total = sizes.reduce((a, b) => a + b, 0);
    let done = 0;
    onBytes = (bytes) => {
      done = Math.min(total, done + bytes);
      onProgress(done, total);
    };
  }
  const readOptions = { columns: options.columns, dataset: pathOrGlob, onBytes, prepare: options.prepare };
  const table = useWorker(options.worker ?? 'auto', concurrent, sources, sizes)
    ? await (await import('./worker/read-in-worker.ts')).readSourcesInWorker(sources, readOptions)
    : await readSources(sources, readOptions);
  return Object.freeze({
    columns: table.columns,
    rowCount: table.rowCount,
    ...(table.duplicatedRows === undefined ? {} : { duplicatedRows: table.duplicatedRows }),
    files: Object.freeze(files.slice()),
  });
}

function useWorker(
  mode: boolean | 'auto',
  concurrent: boolean,
  sources: readonly Source[],
  sizes: readonly number[],
): boolean {
  if (mode !== 'auto') return mode;
  if (!concurrent || import.meta.url.endsWith('.ts')) return false;
  let textBytes = 0;
  sources.forEach((s, k) => {
    if (s.format !== 'parquet') textBytes += sizes[k]!;
  });
  return textBytes >= WORKER_MIN_BYTES;
}
