/**
 * The Parquet type of each export column, and each cell converted to it.
 *
 * A Parquet file fixes every column's physical type before its first row group is written, while the JSON-valued
 * columns of a record (features, `prediction`, `score_<class>`, `segment_<name>`, `target`) may hold any JSON
 * value. So those columns' types come from the values in the exported range (the caller observes every row of
 * the range before writing: see `observeKinds`):
 * - only numbers → `DOUBLE` (JSON does not tell `1` from `1.0`; the model schema's `int`/`float` are both numbers);
 * - only booleans → `BOOLEAN`; only strings → `STRING`;
 * - only nulls (or no rows) → the model schema's type for the column when it has one (a feature's type; the
 *   prediction's type for `prediction` and `target`; `DOUBLE` for per-class scores), else `STRING`, so exports of
 *   different ranges of one model usually share a schema;
 * - a mix of kinds, or nested JSON (records stored outside the ingest API) → `STRING` holding the value as text,
 *   exactly the CSV field (`String(number)`, `true`/`false`, JSON text for arrays and objects).
 *
 * The other columns have fixed types: `id`, `version`, `error` `STRING`; `timestamp`, `label_timestamp`
 * `TIMESTAMP` (INT64 milliseconds since the epoch, UTC: converted type `TIMESTAMP_MILLIS` and logical type
 * `TIMESTAMP(isAdjustedToUTC=true, MILLIS)`); `score`, `latency_ms` `DOUBLE`. Every column is nullable (OPTIONAL)
 * except `id` and `timestamp`, which every record has (REQUIRED).
 * @module
 */
import type { SchemaElement } from 'hyparquet';
import { DriftwatchError } from '../../core/errors.ts';
import type { ExportRow } from '../../storage/export-store.ts';
import type { ModelSchema } from '../../storage/models-store.ts';
import { type ExportCell, type ExportColumn, rowCells } from './export-columns.ts';

/** The Parquet type of an export column (hyparquet-writer `BasicType` names). */
export type ParquetColumnType = 'STRING' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP';

/** Bit flags of the kinds of non-null values seen in a column. */
const NUMBER = 1;
const STRING = 2;
const BOOLEAN = 4;
const NESTED = 8;

/** Per column, the kinds of values seen so far (bit flags); create with `newValueKinds`. */
export type ValueKinds = Uint8Array;

export function newValueKinds(columns: readonly ExportColumn[]): ValueKinds {
  return new Uint8Array(columns.length);
}

/** Whether the column's type depends on the data (a JSON-valued column). */
function isJsonValued(column: ExportColumn): boolean {
  const k = column.source.kind;
  return k === 'feature' || k === 'prediction' || k === 'scoreClass' || k === 'segment' || k === 'target';
}

function kindOf(v: ExportCell): number {
  if (v === null) return 0;
  if (typeof v === 'number') return NUMBER;
  if (typeof v === 'string') return STRING;
  if (typeof v === 'boolean') return BOOLEAN;
  return NESTED;
}

const epochMs = (ms: number): number => ms;

/** Adds the kinds of the JSON-valued cells of `rows` to `kinds`. */
export function observeKinds(
  columns: readonly ExportColumn[],
  rows: readonly ExportRow[],
  kinds: ValueKinds,
): void {
  const watched = columns.flatMap((c, i) => (isJsonValued(c) ? [i] : []));
  if (watched.length === 0) return;
  for (const row of rows) {
    const cells = rowCells(columns, row, epochMs); // timestamps are not looked at: skip their formatting
    for (const i of watched) kinds[i]! |= kindOf(cells[i]!);
  }
}

function fromDtype(t: 'float' | 'int' | 'string' | 'bool' | undefined): ParquetColumnType | undefined {
  if (t === undefined) return undefined;
  return t === 'string' ? 'STRING' : t === 'bool' ? 'BOOLEAN' : 'DOUBLE';
}

/** The type of a column none of whose values was seen non-null (see the module comment). */
function typeWithoutValues(column: ExportColumn, schema: ModelSchema | null): ParquetColumnType {
  const s = column.source;
  let hint: ParquetColumnType | undefined;
  switch (s.kind) {
    case 'feature':
      // Own property only: a feature named `constructor` must not find Object.prototype's.
      hint = schema && Object.hasOwn(schema.features, s.key) ? fromDtype(schema.features[s.key]) : undefined;
      break;
    case 'prediction':
    case 'target':
      hint = fromDtype(schema?.prediction);
      break;
    case 'scoreClass':
      hint = 'DOUBLE';
      break;
    default:
      hint = undefined;
  }
  return hint ?? 'STRING';
}

/** Every column's Parquet type, from the kinds of values seen in the range (`kinds`) and the model's schema. */
export function parquetColumnTypes(
  columns: readonly ExportColumn[],
  kinds: ValueKinds,
  schema: ModelSchema | null,
): ParquetColumnType[] {
  return columns.map((c, i) => {
    switch (c.source.kind) {
      case 'id':
      case 'version':
      case 'error':
        return 'STRING';
      case 'timestamp':
      case 'labelTimestamp':
        return 'TIMESTAMP';
      case 'score':
      case 'latency':
        return 'DOUBLE';
      default: {
        const k = kinds[i]!;
        if (k === 0) return typeWithoutValues(c, schema);
        if (k === NUMBER) return 'DOUBLE';
        if (k === BOOLEAN) return 'BOOLEAN';
        return 'STRING'; // strings only, or mixed / nested values as their text
      }
    }
  });
}

/** Columns every record has a value for. */
function isRequired(column: ExportColumn): boolean {
  return column.source.kind === 'id' || column.source.kind === 'timestamp';
}

/** The file's schema: the root group, then one flat column per export column, in order. */
export function parquetSchema(
  columns: readonly ExportColumn[],
  types: readonly ParquetColumnType[],
): SchemaElement[] {
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }];
  columns.forEach((c, i) => {
    const repetition_type = isRequired(c) ? 'REQUIRED' : 'OPTIONAL';
    switch (types[i]!) {
      case 'STRING':
        schema.push({
          name: c.name,
          type: 'BYTE_ARRAY',
          converted_type: 'UTF8',
          logical_type: { type: 'STRING' },
          repetition_type,
        });
        break;
      case 'TIMESTAMP':
        schema.push({
          name: c.name,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
          repetition_type,
        });
        break;
      case 'DOUBLE':
        schema.push({ name: c.name, type: 'DOUBLE', repetition_type });
        break;
      case 'BOOLEAN':
        schema.push({ name: c.name, type: 'BOOLEAN', repetition_type });
        break;
    }
  });
  return schema;
}

/** A value to write: the cell in its column's type (timestamps as epoch ms); null = missing. */
export type ParquetValue = string | number | boolean | null;

/**
 * `cell` converted to `type`. A `STRING` column takes any value as its text (the CSV field's text). A value that
 * does not fit a `DOUBLE`/`BOOLEAN` column can only be one written after the range's types were determined (a
 * record ingested or a label replaced while the export runs): it throws `DW_EXPORT_TYPE_CHANGED`, which aborts
 * the download; a retry determines the types anew.
 */
export function parquetValue(cell: ExportCell, type: ParquetColumnType, column: string): ParquetValue {
  if (cell === null) return null;
  switch (type) {
    case 'STRING':
      if (typeof cell === 'string') return cell;
      return typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
    case 'DOUBLE':
    case 'TIMESTAMP':
      if (typeof cell === 'number') return cell;
      break;
    case 'BOOLEAN':
      if (typeof cell === 'boolean') return cell;
      break;
  }
  throw new DriftwatchError(
    'DW_EXPORT_TYPE_CHANGED',
    `Parquet export: column ${JSON.stringify(column)} is ${type} but a record now has a ${typeof cell} there ` +
      '(written while the export ran); retry the export',
  );
}
