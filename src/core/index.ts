/**
 * driftwatch's pure core (no I/O, runs in a browser): the check engine and its building blocks.
 * @module
 */
export { computeMethod } from './drift/compute-method.ts';
export type { Correction, DriftOptions } from './drift/drift-options.ts';
export type { DriftOperator, MethodId, MethodSpec } from './drift/method-spec.ts';
export { isDrifted, isMethodId, METHOD_IDS, METHOD_SPECS } from './drift/method-spec.ts';
export { selectDefaultMethod } from './drift/select-method.ts';
export { DriftwatchError, InputError, isDriftwatchError, UsageError } from './errors.ts';
export type { CompareOptions } from './report/compare-tables.ts';
export { compareTables } from './report/compare-tables.ts';
export type {
  ColumnDrift,
  ColumnQuality,
  DatasetQuality,
  Distribution,
  DriftResult,
  ReportResult,
  ReportWarning,
  SideQuality,
} from './report/result-schema.ts';
export type { ColumnType } from './schema/column-type.ts';
export { COLUMN_TYPES, inferColumnType } from './schema/column-type.ts';
export type { Contract } from './schema/contract.ts';
export type { Column, DType, NumberColumn, StringColumn, Table } from './table/column.ts';
export { isNumberColumn, isStringColumn } from './table/column.ts';
export { VERSION } from './version.ts';
