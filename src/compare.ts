/**
 * The library entry point: `compare()` reads two datasets (or takes tables) and returns the report.
 * @module
 */
import type { CompareOptions } from './core/report/compare-tables.ts';
import { compareTables } from './core/report/compare-tables.ts';
import type { ReportResult } from './core/report/result-schema.ts';
import type { Contract } from './core/schema/contract.ts';
import type { Table } from './core/table/column.ts';
import { readContractFile } from './readers/contract-file.ts';
import { readDataset } from './readers/index.ts';

export type DatasetFormat = 'csv' | 'parquet' | 'jsonl';

export interface CompareInput
  extends Omit<CompareOptions, 'contract' | 'contractSource' | 'referenceFiles' | 'currentFiles'> {
  /** Reference data: a file, a glob, a directory of partitions, or an in-memory table. */
  readonly reference: string | Table;
  /** Current data, same forms. */
  readonly current: string | Table;
  /** File format, when the extension does not tell. */
  readonly format?: DatasetFormat;
  /** Data contract: a JSON/YAML file path or a contract object. */
  readonly schema?: string | Contract;
  /** Progress of reading, in bytes. */
  readonly onProgress?: (bytesRead: number, bytesTotal: number) => void;
}

/**
 * Compares a reference dataset with a current one: per-column and dataset drift (Evidently-compatible),
 * data quality of both sides and an optional data contract.
 * @example
 * const result = await compare({ reference: 'ref.csv', current: 'cur.csv' });
 * if (result.drift.datasetDrift) console.log(result.drift.columns.filter((c) => c.drifted));
 */
export async function compare(input: CompareInput): Promise<ReportResult> {
  const { reference, current, format, schema, onProgress, ...options } = input;
  const read = async (source: string | Table) =>
    typeof source === 'string'
      ? readDataset(source, {
          ...(format ? { format } : {}),
          ...(onProgress ? { onProgress } : {}),
          prepare: true,
        })
      : { ...source, files: [] as string[] };
  const [ref, cur] = await Promise.all([read(reference), read(current)]);
  const contract = typeof schema === 'string' ? await readContractFile(schema) : schema;
  return compareTables(ref, cur, {
    ...options,
    ...(contract ? { contract } : {}),
    ...(typeof schema === 'string' ? { contractSource: schema } : {}),
    referenceFiles: ref.files,
    currentFiles: cur.files,
  });
}
