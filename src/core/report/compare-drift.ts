/**
 * The drift and data-quality part of the check engine: per-column drift, dataset drift, data quality of
 * both sides and (optionally) a data contract. `compareTables` adds model quality and chunks on top; the
 * CLI loads that part only when model roles or chunks are asked for (it is ~60 more modules to load).
 * @module
 */
import { columnDrift } from '../drift/column-drift.ts';
import { datasetDrift } from '../drift/dataset-drift.ts';
import type { DriftOptions } from '../drift/drift-options.ts';
import { UsageError } from '../errors.ts';
import { columnQuality } from '../quality/column-quality.ts';
import { datasetQuality } from '../quality/dataset-quality.ts';
import { type ColumnType, INTEGER_CARDINALITY_LIMIT, inferColumnType } from '../schema/column-type.ts';
import type { Contract } from '../schema/contract.ts';
import { validateContract } from '../schema/validate-contract.ts';
import { createSortScratch, type SortedWithOrder, sortFiniteWithOrder } from '../stats/sort-float64.ts';
import { type Column, isNumberColumn, type Table } from '../table/column.ts';
import { VERSION } from '../version.ts';
import type { ChunkOptions } from './chunk-section.ts';
import type { ColumnRoles } from './model-inputs.ts';
import { type PreparedColumn, prepareColumn, profileFromSorted } from './prepared-column.ts';
import type { ColumnDrift, ReportResult, ReportWarning, SideQuality } from './result-schema.ts';

export interface CompareOptions extends DriftOptions {
  /** Only these columns (default: all). */
  readonly columns?: readonly string[];
  /** Leave these columns out. */
  readonly exclude?: readonly string[];
  /** Semantic type per column, overriding the contract and the inference. */
  readonly columnTypes?: Readonly<Record<string, ColumnType>>;
  /** A data contract to validate the current data against. */
  readonly contract?: Contract;
  /** Where the contract came from, for the result (e.g. its file name). */
  readonly contractSource?: string;
  /** File names recorded in the result. */
  readonly referenceFiles?: readonly string[];
  readonly currentFiles?: readonly string[];
  /** Split the current data into chunks (size, count or period) and report every check per chunk. */
  readonly chunks?: ChunkOptions;
  /** Column roles for model quality, segments, fairness and chunks. */
  readonly roles?: ColumnRoles;
  /**
   * @internal Only drift (no data quality, model or chunks): what the per-chunk and per-segment drift runs
   * need. Default false.
   */
  readonly driftOnly?: boolean;
  /** Clock for `generatedAt` (tests pin it). */
  readonly now?: () => Date;
}

/** What `compareTables` needs from the drift run to add model quality and chunks. */
export interface DriftContext {
  readonly names: readonly string[];
  readonly types: ReadonlyMap<string, ColumnType>;
  /** The reference with its column profiles and duplicate count attached (cheap to compare again). */
  readonly profiledReference: Table;
  /**
   * With chunks: every current number column's finite values sorted with their rows (one sort, shared by the
   * column's profile, the chunks' profiles and the per-chunk rank correlations). Empty otherwise.
   */
  readonly currentOrders: ReadonlyMap<string, SortedWithOrder>;
}

export function compareDrift(
  reference: Table,
  current: Table,
  options: CompareOptions = {},
): { result: ReportResult; context: DriftContext } {
  const started = performance.now();
  const warnings: ReportWarning[] = [];
  const refByName = new Map(reference.columns.map((c) => [c.name, c]));
  const curByName = new Map(current.columns.map((c) => [c.name, c]));
  const names = selectColumns(reference, current, options);

  const refPrepared = new Map<string, PreparedColumn>();
  const curPrepared = new Map<string, PreparedColumn>();
  // With chunks, a current number column is sorted once with its rows: its profile and (in chunk-section.ts)
  // every chunk's sorted values and ranks come from that one order instead of one sort per chunk.
  const currentOrders = new Map<string, SortedWithOrder>();
  const withOrders = options.chunks !== undefined && !options.driftOnly;
  const scratch = withOrders ? createSortScratch() : undefined;
  for (const name of names) {
    const r = refByName.get(name);
    const c = curByName.get(name);
    if (r) refPrepared.set(name, prepareColumn(r));
    if (c && withOrders && isNumberColumn(c)) {
      const sorted = sortFiniteWithOrder(c.values, scratch);
      currentOrders.set(name, sorted);
      curPrepared.set(name, { column: c, ...(c.profile ?? profileFromSorted(c.values, sorted.sorted)) });
    } else if (c) {
      curPrepared.set(name, prepareColumn(c));
    }
  }

  const types = new Map<string, ColumnType>();
  const typeSources = new Map<string, 'inferred' | 'override' | 'contract'>();
  // Role columns: the id is never drift-tested, the timestamp is a datetime.
  const roleTypes: Record<string, ColumnType> = {
    ...(options.roles?.id ? { [options.roles.id]: 'id' } : {}),
    ...(options.roles?.timestamp ? { [options.roles.timestamp]: 'datetime' } : {}),
  };
  for (const name of names) {
    const override = options.columnTypes?.[name] ?? roleTypes[name];
    const declared = options.contract?.columns?.[name]?.type;
    if (override) {
      types.set(name, override);
      typeSources.set(name, 'override');
    } else if (declared) {
      types.set(name, declared);
      typeSources.set(name, 'contract');
    } else {
      // Evidently infers types from the current dataset (drift-methods.md §1.4).
      types.set(name, inferType((curPrepared.get(name) ?? refPrepared.get(name))!));
      typeSources.set(name, 'inferred');
    }
  }

  const driftColumns: ColumnDrift[] = [];
  for (const name of names) {
    const type = types.get(name)!;
    const r = refPrepared.get(name);
    const c = curPrepared.get(name);
    if (!r || !c) {
      warnings.push({
        code: r ? 'DW_COLUMN_MISSING_IN_CURRENT' : 'DW_COLUMN_MISSING_IN_REFERENCE',
        column: name,
        message: `column '${name}' exists only in the ${r ? 'reference' : 'current'} data: drift not tested`,
      });
      continue;
    }
    if (type === 'datetime' || type === 'id') continue;
    if (isNumeric(r.column) !== isNumeric(c.column) && type === 'num') {
      warnings.push({
        code: 'DW_TYPE_MISMATCH',
        column: name,
        message: `column '${name}' is ${r.column.dtype} in the reference but ${c.column.dtype} in the current data: compared as categories`,
      });
      driftColumns.push(columnDrift(name, 'cat', r, c, options, warnings));
      continue;
    }
    driftColumns.push(columnDrift(name, type, r, c, options, warnings));
  }

  const drift = datasetDrift(driftColumns, options.driftShare, options.correction);
  if (options.driftOnly) {
    const empty = { columns: {}, dataset: datasetQuality({ rowCount: 0, columns: [] }, new Map()) };
    const result = driftOnlyResult(
      reference,
      current,
      names,
      types,
      typeSources,
      drift,
      warnings,
      options,
      started,
      empty,
    );
    return { result, context: { names, types, profiledReference: reference, currentOrders } };
  }
  // The reference with its column profiles attached, so the chunk and segment drift runs do not
  // sort and summarise it again.
  const refQuality = sideQuality(reference, names, types, refPrepared, refPrepared, true);
  const profiledReference: Table = {
    rowCount: reference.rowCount,
    duplicatedRows: refQuality.dataset.duplicatedRows,
    columns: reference.columns.map((c) => {
      const p = refPrepared.get(c.name);
      return p
        ? {
            ...c,
            profile: {
              sorted: p.sorted,
              missing: p.missing,
              infinite: p.infinite,
              summary: p.summary,
              codeCounts: p.codeCounts,
            },
          }
        : c;
    }),
  };
  const contract = options.contract
    ? {
        source: options.contractSource ?? null,
        violations: validateContract(options.contract, current, { columnTypes: types }).map((v) => ({
          column: v.column,
          check: v.check,
          message: v.message,
        })),
      }
    : null;

  const result: ReportResult = {
    schemaVersion: 1,
    driftwatchVersion: VERSION,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    reference: {
      files: [...(options.referenceFiles ?? [])],
      rows: reference.rowCount,
      columns: reference.columns.length,
    },
    current: {
      files: [...(options.currentFiles ?? [])],
      rows: current.rowCount,
      columns: current.columns.length,
    },
    columns: names.map((name) => ({ name, type: types.get(name)!, typeSource: typeSources.get(name)! })),
    drift,
    quality: {
      reference: {
        ...refQuality,
      },
      current: {
        ...sideQuality(current, names, types, curPrepared, refPrepared, false),
      },
    },
    contract,
    warnings,
    timings: { computeMs: 0 },
  };
  result.timings.computeMs = performance.now() - started;
  return { result, context: { names, types, profiledReference, currentOrders } };
}

/**
 * `inferColumnType` of a prepared column; an int column's distinct count is read from its profile (the distinct
 * finite values of its sorted values) instead of scanning the column again — the same count, as an int column holds
 * no ±Infinity (checked) and NaN is left out of both.
 */
function inferType(p: PreparedColumn): ColumnType {
  if (p.column.dtype === 'int' && p.summary !== null && p.infinite === 0) {
    return p.summary.distinct <= INTEGER_CARDINALITY_LIMIT ? 'cat' : 'num';
  }
  return inferColumnType(p.column);
}

function isNumeric(c: Column): boolean {
  return c.dtype === 'int' || c.dtype === 'float' || c.dtype === 'datetime';
}

function sideQuality(
  table: Table,
  names: readonly string[],
  types: ReadonlyMap<string, ColumnType>,
  prepared: ReadonlyMap<string, PreparedColumn>,
  reference: ReadonlyMap<string, PreparedColumn>,
  isReference: boolean,
): SideQuality {
  const columns: SideQuality['columns'] = {};
  for (const name of names) {
    const p = prepared.get(name);
    if (!p) continue;
    columns[name] = columnQuality(p, types.get(name)!, reference.get(name) ?? null, isReference);
  }
  const selected = new Set(names);
  const kept = table.columns.filter((c) => selected.has(c.name));
  // A precomputed duplicate count is over all columns: valid only when no column was left out.
  const view: Table =
    kept.length === table.columns.length && table.duplicatedRows !== undefined
      ? { rowCount: table.rowCount, columns: kept, duplicatedRows: table.duplicatedRows }
      : { rowCount: table.rowCount, columns: kept };
  return { columns, dataset: datasetQuality(view, prepared) };
}

function selectColumns(reference: Table, current: Table, options: CompareOptions): string[] {
  const all: string[] = [];
  const seen = new Set<string>();
  for (const c of [...current.columns, ...reference.columns]) {
    if (!seen.has(c.name)) {
      seen.add(c.name);
      all.push(c.name);
    }
  }
  const known = (name: string, flag: string) => {
    if (!seen.has(name)) {
      throw new UsageError(
        'DW_UNKNOWN_COLUMN',
        `${flag} names column '${name}', which is in neither dataset (columns: ${all.slice(0, 20).join(', ')}${all.length > 20 ? ', …' : ''})`,
      );
    }
  };
  for (const n of options.columns ?? []) known(n, '--columns');
  for (const n of options.exclude ?? []) known(n, '--exclude');
  for (const n of Object.keys(options.columnMethods ?? {})) known(n, '--column-method');
  for (const n of Object.keys(options.columnThresholds ?? {})) known(n, '--column-threshold');
  for (const n of Object.keys(options.columnTypes ?? {})) known(n, '--column-type');
  const only = options.columns ? new Set(options.columns) : null;
  const excluded = new Set(options.exclude ?? []);
  return all.filter((n) => (only === null || only.has(n)) && !excluded.has(n));
}

/** The result of a drift-only run (per chunk or segment): the data-quality parts are left empty. */
function driftOnlyResult(
  reference: Table,
  current: Table,
  names: readonly string[],
  types: ReadonlyMap<string, ColumnType>,
  typeSources: ReadonlyMap<string, 'inferred' | 'override' | 'contract'>,
  drift: ReportResult['drift'],
  warnings: ReportWarning[],
  options: CompareOptions,
  started: number,
  emptyQuality: ReportResult['quality']['reference'],
): ReportResult {
  return {
    schemaVersion: 1,
    driftwatchVersion: VERSION,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    reference: { files: [], rows: reference.rowCount, columns: reference.columns.length },
    current: { files: [], rows: current.rowCount, columns: current.columns.length },
    columns: names.map((name) => ({ name, type: types.get(name)!, typeSource: typeSources.get(name)! })),
    drift,
    quality: { reference: emptyQuality, current: emptyQuality },
    contract: null,
    warnings,
    timings: { computeMs: performance.now() - started },
  };
}
