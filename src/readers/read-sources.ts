/**
 * Read resolved input files (each with its format) into one finished `Table`: the part of
 * `readDataset` that runs either on the calling thread or inside a reader worker.
 * @module
 */

import { countDuplicatedRows } from '../core/quality/dataset-quality.ts';
import { profileColumn } from '../core/report/prepared-column.ts';
import type { Column, Table } from '../core/table/column.ts';
import { TableBuilder } from './build/table-builder.ts';
import { readCsvInto } from './csv/read-csv.ts';
import { columnNotFound } from './input-errors.ts';
import type { InputFormat } from './input-format.ts';
import { readJsonlInto } from './jsonl/read-jsonl.ts';

/** One input file and how to read it. */
export interface Source {
  readonly path: string;
  readonly format: InputFormat;
}

export interface ReadSourcesOptions {
  /** Projection (see `ReadOptions.columns`). */
  readonly columns?: readonly string[];
  /** Dataset name for dataset-level errors (the path or glob the user gave). */
  readonly dataset: string;
  /** Called with the number of new bytes read from disk. */
  readonly onBytes?: (bytes: number) => void;
  /** Precompute sorted numbers and the duplicated-row count (see `ReadOptions.prepare`). */
  readonly prepare?: boolean;
}

async function readInto(sources: readonly Source[], table: TableBuilder, onBytes?: (n: number) => void) {
  for (const { path, format } of sources) {
    const options = { displayName: path, onBytes };
    if (format === 'csv') await readCsvInto(table, path, options);
    else if (format === 'jsonl') await readJsonlInto(table, path, options);
    else {
      // Loaded on demand: hyparquet is only needed for Parquet input.
      const { readParquetInto } = await import('./parquet/read-parquet.ts');
      await readParquetInto(table, path, options);
    }
  }
}

/** Read `sources` (in order, as partitions of one dataset) into a finished table. */
export async function readSources(sources: readonly Source[], options: ReadSourcesOptions): Promise<Table> {
  const builder = new TableBuilder({ columns: options.columns });
  await readInto(sources, builder, options.onBytes);
  if (options.columns) {
    const found = new Set(builder.builders.map((b) => b.name));
    const missing = options.columns.filter((c) => !found.has(c));
    if (missing.length > 0) throw columnNotFound(options.dataset, missing, [...builder.seenNames]);
  }
  const table = builder.finish();
  const lost = builder.lostTextColumns();
  const exact = lost.length > 0 ? await withExactText(table, sources, lost) : table;
  return options.prepare ? prepared(exact) : exact;
}

/**
 * Second pass for columns that turned out to be strings after numbers or datetimes had been
 * parsed from text: read just those columns as strings to get the exact text back.
 */
async function withExactText(
  table: Table,
  sources: readonly Source[],
  names: readonly string[],
): Promise<Table> {
  const again = new TableBuilder({ columns: names, forceString: new Set(names), capacity: table.rowCount });
  await readInto(sources, again);
  const exact = new Map<string, Column>(again.finish().columns.map((c) => [c.name, c]));
  return Object.freeze({
    columns: Object.freeze(table.columns.map((c) => exact.get(c.name) ?? c)),
    rowCount: table.rowCount,
  });
}

/**
 * Adds each column's profile (sorted finite values, counts, summary) and the table's duplicated-row
 * count. Done here, on the reader's thread, because sorting is the engine's largest single cost and a
 * worker thread does it in parallel with the other dataset.
 */
export function prepared(table: Table): Table {
  const columns = table.columns.map(
    (c): Column => (c.profile === undefined ? Object.freeze({ ...c, profile: profileColumn(c) }) : c),
  );
  return Object.freeze({
    columns: Object.freeze(columns),
    rowCount: table.rowCount,
    duplicatedRows: table.duplicatedRows ?? countDuplicatedRows(table),
  });
}
