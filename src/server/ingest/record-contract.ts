/**
 * Per-record validation against a version's data contract — the contract format of `--contract`
 * (`src/core/schema/contract.ts`, parsed by `parseContract`), applied to one record at a time with the semantics
 * `validateContract` applies to a whole table (src/core/schema/validate-contract.ts):
 * - contract columns are the record's `features`; a column named `prediction` that is not a feature checks the
 *   record's `prediction`;
 * - `required` (default true): the feature must be present (`DW_CONTRACT_MISSING`); null is a missing value,
 *   rejected only when `maxMissingShare` is 0 (the share is a dataset figure; per record only 0 is decidable);
 * - `type`: `num` ← number; `cat` ← string, boolean or whole number; `text` ← string; `datetime` ← ISO-8601 string
 *   or epoch ms; `id` ← anything (`DW_CONTRACT_TYPE`);
 * - `allowed`: strings compare by string form, numbers numerically (numeric strings converted, ISO strings too for
 *   datetime columns), booleans as booleans (`DW_CONTRACT_ALLOWED`);
 * - `min`/`max`: inclusive, on numbers and datetimes (`DW_CONTRACT_RANGE`); not checked on strings of cat/text
 *   columns (the table check reports that as a contract problem, not a record's);
 * - `regex`: searched in the string form (`DW_CONTRACT_REGEX`);
 * - features not declared (nor named in `dataset.unique`) are errors unless `dataset.allowExtraColumns`
 *   (`DW_CONTRACT_EXTRA`). Dataset-level checks (`minRows`, `maxRows`, `unique`) belong to the window evaluation.
 * @module
 */
import type { AllowedValue, ColumnContract, Contract } from '../../core/schema/contract.ts';
import { boundToNumber, parseIsoDateTime } from '../../core/schema/iso-datetime.ts';
import type { ErrorSink, PredictionInput, Scalar } from './validate-records.ts';
import { fieldPath } from './validate-records.ts';

interface CompiledColumn {
  readonly name: string;
  readonly spec: ColumnContract;
  readonly field: string;
  readonly allowedStrings: ReadonlySet<string> | undefined;
  readonly allowedNumbers: ReadonlySet<number> | undefined;
  readonly allowedBools: ReadonlySet<boolean> | undefined;
  readonly lo: number;
  readonly hi: number;
  readonly regex: RegExp | undefined;
}

/** A contract prepared for checking many records. */
export interface RecordContract {
  /** Adds the record's violations to `sink`; returns true when it has none. */
  check(record: PredictionInput, sink: ErrorSink): boolean;
}

function toBoolean(v: AllowedValue): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 'true' || v === 'True' || v === 'TRUE' || v === '1') return true;
  if (v === 0 || v === 'false' || v === 'False' || v === 'FALSE' || v === '0') return false;
  return undefined;
}

function toNumber(v: AllowedValue, datetime: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t !== '' && Number.isFinite(Number(t))) return Number(t);
  return datetime ? parseIsoDateTime(t) : NaN;
}

function shown(v: Scalar): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  return String(v);
}

export function compileRecordContract(contract: Contract): RecordContract {
  const columns: CompiledColumn[] = [];
  for (const [name, spec] of Object.entries(contract.columns)) {
    const datetime = spec.type === 'datetime';
    columns.push({
      name,
      spec,
      field: fieldPath('features', name),
      allowedStrings: spec.allowed ? new Set(spec.allowed.map((v) => String(v))) : undefined,
      allowedNumbers: spec.allowed
        ? new Set(spec.allowed.map((v) => toNumber(v, datetime)).filter((x) => !Number.isNaN(x)))
        : undefined,
      allowedBools: spec.allowed
        ? new Set(spec.allowed.map(toBoolean).filter((b): b is boolean => b !== undefined))
        : undefined,
      lo: spec.min === undefined ? -Infinity : boundToNumber(spec.min),
      hi: spec.max === undefined ? Infinity : boundToNumber(spec.max),
      regex: spec.regex === undefined ? undefined : new RegExp(spec.regex),
    });
  }
  const declared = new Set([...Object.keys(contract.columns), ...(contract.dataset?.unique ?? [])]);
  const allowExtra = contract.dataset?.allowExtraColumns ?? false;

  return {
    check(record, sink) {
      const before = sink.errors.length;
      const features = record.features;
      for (const col of columns) {
        let value: Scalar | undefined;
        let field = col.field;
        if (Object.hasOwn(features, col.name)) value = features[col.name];
        else if (col.name === 'prediction' && record.prediction !== undefined) {
          value = record.prediction;
          field = 'prediction';
        }
        checkColumn(col, value, field, record.index, sink);
      }
      if (!allowExtra) {
        for (const k in features) {
          if (declared.has(k)) continue;
          sink.add(
            record.index,
            fieldPath('features', k),
            'DW_CONTRACT_EXTRA',
            `${fieldPath('features', k)} is not declared in the version's contract (declare it or set dataset.allowExtraColumns: true)`,
          );
        }
      }
      return sink.errors.length === before;
    },
  };
}

function checkColumn(
  col: CompiledColumn,
  value: Scalar | undefined,
  field: string,
  index: number,
  sink: ErrorSink,
): void {
  const spec = col.spec;
  if (value === undefined) {
    if (spec.required)
      sink.add(
        index,
        field,
        'DW_CONTRACT_MISSING',
        `${field} is required by the version's contract (type ${spec.type})`,
      );
    return;
  }
  if (value === null) {
    if (spec.maxMissingShare === 0)
      sink.add(
        index,
        field,
        'DW_CONTRACT_MISSING',
        `${field} must not be null (the contract's maxMissingShare is 0)`,
      );
    return;
  }
  const datetime = spec.type === 'datetime';
  let numeric: number | undefined; // the value as a number where the column compares numerically
  switch (spec.type) {
    case 'num':
      if (typeof value !== 'number') {
        typeError(col, value, field, index, sink);
        return;
      }
      numeric = value;
      break;
    case 'cat':
      if (typeof value === 'number' && !Number.isInteger(value)) {
        typeError(col, value, field, index, sink);
        return;
      }
      if (typeof value === 'number') numeric = value;
      break;
    case 'text':
      if (typeof value !== 'string') {
        typeError(col, value, field, index, sink);
        return;
      }
      break;
    case 'datetime':
      if (typeof value === 'number') numeric = value;
      else if (typeof value === 'string' && !Number.isNaN(parseIsoDateTime(value)))
        numeric = parseIsoDateTime(value);
      else {
        typeError(col, value, field, index, sink);
        return;
      }
      break;
    case 'id':
      if (typeof value === 'number') numeric = value;
      break;
  }

  if (spec.allowed !== undefined) {
    let ok: boolean;
    if (typeof value === 'boolean') ok = col.allowedBools!.has(value);
    else if (numeric !== undefined) ok = col.allowedNumbers!.has(numeric);
    else ok = col.allowedStrings!.has(String(value));
    if (!ok) {
      sink.add(
        index,
        field,
        'DW_CONTRACT_ALLOWED',
        `${field}: ${shown(value)} is not an allowed value (${spec.allowed.length} allowed by the contract)`,
      );
    }
  }
  if ((spec.min !== undefined || spec.max !== undefined) && numeric !== undefined) {
    if (numeric < col.lo || numeric > col.hi) {
      const bounds =
        spec.max === undefined
          ? `>= ${String(spec.min)}`
          : spec.min === undefined
            ? `<= ${String(spec.max)}`
            : `in [${String(spec.min)}, ${String(spec.max)}]`;
      sink.add(
        index,
        field,
        'DW_CONTRACT_RANGE',
        `${field}: ${shown(value)} is out of range; the contract requires ${bounds}`,
      );
    }
  }
  if (col.regex !== undefined) {
    const text = typeof value === 'number' && datetime ? isoText(value) : String(value);
    if (!col.regex.test(text))
      sink.add(index, field, 'DW_CONTRACT_REGEX', `${field}: ${shown(value)} does not match /${spec.regex}/`);
  }
}

function typeError(col: CompiledColumn, value: Scalar, field: string, index: number, sink: ErrorSink): void {
  const what: Record<string, string> = {
    num: 'a number',
    cat: 'a string, boolean or whole number',
    text: 'a string',
    datetime: 'an ISO-8601 date-time string or epoch ms',
    id: 'any value',
  };
  sink.add(
    index,
    field,
    'DW_CONTRACT_TYPE',
    `${field}: the contract declares ${col.spec.type} (${what[col.spec.type]}), got ${shown(value)}`,
  );
}

function isoText(epochMs: number): string {
  return Math.abs(epochMs) <= 8.64e15 ? new Date(epochMs).toISOString() : String(epochMs);
}
