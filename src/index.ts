/**
 * driftwatch: Evidently-compatible drift, data-quality and data-contract reports, fast.
 * @example
 * import { compare } from 'driftwatch';
 * const result = await compare({ reference: 'ref.csv', current: 'cur.parquet', schema: 'contract.yaml' });
 * console.log(result.drift.datasetDrift, result.drift.share);
 * @module
 */

export type { CompareInput, DatasetFormat } from './compare.ts';
export { compare } from './compare.ts';
export type { Correction, DriftOptions } from './core/drift/drift-options.ts';
export type { MethodId, MethodSpec } from './core/drift/method-spec.ts';
export { METHOD_IDS, METHOD_SPECS } from './core/drift/method-spec.ts';
export { DriftwatchError, InputError, UsageError } from './core/errors.ts';
export type { CompareOptions } from './core/report/compare-tables.ts';
export { compareTables } from './core/report/compare-tables.ts';
export type {
  ColumnDrift,
  ColumnQuality,
  DatasetQuality,
  DriftResult,
  ReportResult,
  ReportWarning,
} from './core/report/result-schema.ts';
export { ReportResultSchema } from './core/report/result-schema.ts';
export type { ColumnType } from './core/schema/column-type.ts';
export type { Contract } from './core/schema/contract.ts';
export type { Column, Table } from './core/table/column.ts';
export { VERSION } from './core/version.ts';
