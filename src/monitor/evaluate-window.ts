/**
 * One window's evaluation — "an online monitor is a report over a window": the window's rows (a `Table` built from
 * its records and labels) are compared with the reference by the CLI's check engine (`compareTables`), with the
 * model's check configuration, and the result is the CLI report plus the monitor's own sections (`monitor`,
 * `health`, `labels`). No I/O here: the evaluator service loads the inputs and stores the output.
 *
 * Choices (why):
 * - Drift is tested on the features and the model outputs (`prediction`, `score`, `score_<class>`), never on the
 *   target: labels arrive late, and a target column in the drift share would move the share as they arrive.
 * - Column types are inferred once on the reference (not per window, as the CLI does on its current data), so an
 *   integer feature does not flip between `cat` and `num` from one hour to the next; the contract's and the
 *   configuration's types override them.
 * - The reference is a profile turned back into a table: each column's values survive, the rows do not (columns
 *   are profiled independently). So the reference side's joint figures are left out: its target is blanked (no
 *   reference quality metrics, which would pair unrelated rows) and its segment columns are dropped. Per-segment
 *   drift compares the segment's rows with the whole reference (`monitor.segmentDrift`, also written into each
 *   segment's `driftShare`).
 * - Quality metrics are computed on the labelled rows only (the engine drops rows without a target).
 * - The task (binary / multiclass / regression), positive label and class list are decided from the labels seen on
 *   both sides, so a window that happens to see one class is still scored as the model's task.
 * @module
 */
import { UsageError } from '../core/errors.ts';
import { compareDrift } from '../core/report/compare-drift.ts';
import { compareTables } from '../core/report/compare-tables.ts';
import { type ColumnRoles, labelCodes, sortLabels } from '../core/report/model-inputs.ts';
import { mainMetric } from '../core/report/model-section.ts';
import type { ReportResult } from '../core/report/result-schema.ts';
import type { ColumnType } from '../core/schema/column-type.ts';
import type { Contract } from '../core/schema/contract.ts';
import { validateContract } from '../core/schema/validate-contract.ts';
import { segmentTable } from '../core/segments/index.ts';
import { type Column, isStringColumn, type Table } from '../core/table/column.ts';
import { selectTableRows } from '../core/table/select-table-rows.ts';
import type { CheckConfig } from './check-config.ts';
import { type HealthFigures, healthFigures, medianMs } from './health.ts';
import {
  isModelColumn,
  PREDICTION_COLUMN,
  SCORE_COLUMN,
  SCORE_COLUMN_PREFIX,
  TARGET_COLUMN,
} from './record-columns.ts';
import type { WindowTable } from './window-table.ts';

/** Where the window's reference came from (shown by the API). */
export type ReferenceInfo =
  | {
      readonly kind: 'version';
      readonly versionId: string;
      readonly versionName: string;
      readonly source: unknown;
    }
  | {
      readonly kind: 'range';
      /** The version whose records (of the range) form the reference; null for the model's records. */
      readonly versionId: string | null;
      readonly versionName: string | null;
      readonly start: string;
      readonly end: string;
    }
  | { readonly kind: 'first-day'; readonly start: string; readonly end: string }
  | { readonly kind: 'none'; readonly reason: string };

/** A reference ready for comparisons: its table (column profiles attached) and inferred column types. */
export interface PreparedReference {
  readonly info: ReferenceInfo;
  readonly table: Table | null;
  readonly rows: number;
  /** Types inferred on the reference table (Evidently's rules), by column. */
  readonly types: ReadonlyMap<string, ColumnType>;
  /** Every reference column is reproduced exactly (no sketch error). Default true. */
  readonly exact?: boolean;
  /** Target and model outputs are row-aligned (an uploaded dataset's model sample): reference quality and CBPE. */
  readonly modelAligned?: boolean;
}

export interface WindowSpec {
  readonly modelId: string;
  readonly granularity: '1h' | '1d';
  readonly versionKey: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface WindowEvaluationInput {
  readonly window: WindowSpec;
  readonly current: WindowTable;
  readonly reference: PreparedReference;
  readonly config: CheckConfig;
  readonly contract: Contract | null;
  /** Set when the version's stored contract could not be parsed. */
  readonly contractProblem?: string;
  readonly now: number;
}

export interface SegmentDrift {
  /** `column=value`, or two joined with `&`. */
  readonly segment: string;
  readonly rows: number;
  readonly share: number | null;
  readonly driftedCount: number | null;
}

export interface MonitorSection {
  readonly granularity: '1h' | '1d';
  readonly versionKey: string;
  readonly start: string;
  readonly end: string;
  /** Also `reference.kind`, kept flat so stored results can be found by it. */
  readonly referenceKind: ReferenceInfo['kind'];
  readonly reference: ReferenceInfo;
  readonly referenceRows: number;
  /** Always true for now: every figure comes from the window's raw rows. */
  readonly exact: boolean;
  /**
   * The reference side is exact too (a profile within its exact cap): drift figures are exact only then; else
   * they carry the reference sketch's error bound.
   */
  readonly referenceExact: boolean;
  readonly task: string | null;
  readonly roles: ColumnRoles | null;
  readonly features: readonly string[];
  /** Columns drift-tested: features and model outputs. */
  readonly driftColumns: readonly string[];
  readonly segments: readonly string[];
  readonly segmentDrift: readonly SegmentDrift[];
  readonly mismatchedCells: number;
  readonly versions: Readonly<Record<string, number>>;
  readonly dataQuality: {
    readonly missingShare: number | null;
    readonly outOfRangeShare: number | null;
    readonly unseenCategoryShare: number | null;
    readonly contractViolations: number | null;
  };
}

/** What is stored in `windows.result_json`: the CLI report plus the monitor's sections. */
export type StoredWindowResult = ReportResult & {
  readonly monitor: MonitorSection;
  readonly health: HealthFigures;
  readonly labels: { readonly rows: number; readonly share: number | null; readonly lagP50Ms: number | null };
};

/** Segment drift runs per window (the largest segments): each costs a drift run. */
export const MAX_SEGMENT_DRIFT = 20;

const rfc = (ms: number) => new Date(ms).toISOString();

function allMissing(name: string, rows: number): Column {
  return { name, dtype: 'float', values: new Float64Array(rows).fill(Number.NaN) };
}

function hasValues(c: Column | undefined): boolean {
  if (!c) return false;
  if (isStringColumn(c)) return c.codes.some((k) => k >= 0);
  return c.values.some((v) => !Number.isNaN(v));
}

function columnOf(table: Table | null, name: string): Column | undefined {
  return table?.columns.find((c) => c.name === name);
}

/** Labels (by text) of the given columns. */
function labelsOf(columns: readonly (Column | undefined)[]): {
  labels: string[];
  nonInteger: boolean;
  numeric: boolean;
} {
  const set = new Set<string>();
  let nonInteger = false;
  let numeric = true;
  for (const c of columns) {
    if (!c) continue;
    if (isStringColumn(c)) {
      if (hasValues(c)) numeric = false;
      for (const l of labelCodes(c).labels) set.add(l);
    } else {
      for (const v of c.values) {
        if (Number.isNaN(v)) continue;
        if (!Number.isInteger(v)) nonInteger = true;
        if (set.size <= 1000) set.add(String(v));
      }
    }
  }
  return { labels: [...set], nonInteger, numeric };
}

function defaultPositive(sorted: readonly string[]): string {
  for (const candidate of ['1', 'true', 'True', '1.0']) if (sorted.includes(candidate)) return candidate;
  return sorted[sorted.length - 1] ?? '1';
}

/** Decides the model roles for both sides; null when the records carry no model output. */
function decideRoles(
  current: WindowTable,
  reference: Table | null,
  config: CheckConfig,
  scoreColumns: readonly string[],
): ColumnRoles | null {
  const hasPrediction = current.hasPrediction || columnOf(reference, PREDICTION_COLUMN) !== undefined;
  const hasScore = current.hasScore || columnOf(reference, SCORE_COLUMN) !== undefined;
  if (!hasPrediction && !hasScore && scoreColumns.length === 0) return null;
  const cur = current.table;
  const labelColumns = [
    columnOf(reference, PREDICTION_COLUMN),
    columnOf(reference, TARGET_COLUMN),
    columnOf(cur, PREDICTION_COLUMN),
    columnOf(cur, TARGET_COLUMN),
  ];
  const seen = labelsOf(labelColumns);
  let task = config.task;
  if (!task) {
    if (scoreColumns.length > 0) task = 'multiclass';
    else if (hasScore) task = 'binary';
    else if (seen.numeric && seen.nonInteger) task = 'regression';
    else if (seen.labels.length <= 2) task = 'binary';
    else if (!seen.numeric || seen.labels.length <= 20) task = 'multiclass';
    else task = 'regression';
  }
  const sorted = sortLabels(seen.labels);
  const classes = scoreColumns.map((c) => c.slice(SCORE_COLUMN_PREFIX.length));
  return {
    target: TARGET_COLUMN,
    ...(hasPrediction ? { prediction: PREDICTION_COLUMN } : {}),
    ...(task === 'binary' && hasScore ? { score: SCORE_COLUMN } : {}),
    ...(task === 'multiclass' && scoreColumns.length > 0 ? { scoreColumns: [...scoreColumns] } : {}),
    task,
    ...(task === 'binary' ? { posLabel: config.posLabel ?? defaultPositive(sorted) } : {}),
    ...(task === 'multiclass' ? { classes: classes.length > 0 ? classes : sorted } : {}),
    ...(config.decisionThreshold !== undefined && task === 'binary'
      ? { decisionThreshold: config.decisionThreshold }
      : {}),
  };
}

/** `col=value` (pairs joined with `&`). */
export function segmentKey(segment: string | readonly string[], value: string | readonly string[]): string {
  if (typeof segment === 'string') return `${segment}=${value as string}`;
  const values = value as readonly string[];
  return segment.map((s, i) => `${s}=${values[i]}`).join('&');
}

function weightedShare(
  result: ReportResult,
  names: readonly string[],
  pick: (q: ReportResult['quality']['current']['columns'][string]) => number | null,
): number | null {
  let num = 0;
  let den = 0;
  for (const name of names) {
    const q = result.quality.current.columns[name];
    if (!q) continue;
    const share = pick(q);
    if (share === null || !Number.isFinite(share)) continue;
    const n = q.count - q.missingCount;
    num += share * n;
    den += n;
  }
  return den > 0 ? num / den : null;
}

/** Share of missing cells over the drift-tested columns (the target's unlabelled rows are not "missing"). */
function missingShareOf(result: ReportResult, names: readonly string[], rows: number): number | null {
  let missing = 0;
  let cells = 0;
  for (const name of names) {
    const q = result.quality.current.columns[name];
    if (!q) continue;
    missing += q.missingCount;
    cells += rows;
  }
  return cells > 0 ? missing / cells : null;
}

/** Evaluates one window. Pure: same inputs, same result (except `timings`). */
export function evaluateWindow(input: WindowEvaluationInput): StoredWindowResult {
  const { window, current, reference, config, now } = input;
  const warnings: ReportResult['warnings'] = [];
  for (const p of config.problems) warnings.push({ code: 'DW_CONFIG_IGNORED', column: null, message: p });
  if (input.contractProblem)
    warnings.push({ code: 'DW_CONTRACT_IGNORED', column: null, message: input.contractProblem });

  const cur = current.table;
  const segmentNames = (config.segments ?? current.segments).filter((s) => columnOf(cur, s) !== undefined);
  const segmentSet = new Set([...segmentNames, ...current.segments]);

  // Columns drift-tested: features of either side (minus segments and the target), then the model outputs.
  const refTable = reference.table;
  const featureNames: string[] = [...current.features];
  for (const c of refTable?.columns ?? []) {
    if (!isModelColumn(c.name) && !segmentSet.has(c.name) && !featureNames.includes(c.name))
      featureNames.push(c.name);
  }
  const only = config.columns ? new Set(config.columns) : null;
  const excluded = new Set(config.exclude ?? []);
  const features = featureNames.filter((n) => (only === null || only.has(n)) && !excluded.has(n));
  const scoreColumns = [
    ...new Set([
      ...cur.columns.filter((c) => c.name.startsWith(SCORE_COLUMN_PREFIX)).map((c) => c.name),
      ...(refTable?.columns ?? []).filter((c) => c.name.startsWith(SCORE_COLUMN_PREFIX)).map((c) => c.name),
    ]),
  ];
  const roles = decideRoles(current, refTable, config, scoreColumns);
  const modelOutputs = [
    ...(roles?.prediction ? [PREDICTION_COLUMN] : []),
    ...(current.hasScore || columnOf(refTable, SCORE_COLUMN) ? [SCORE_COLUMN] : []),
    ...scoreColumns,
  ].filter((n) => !excluded.has(n));
  const driftColumns = [...features, ...modelOutputs];
  // The report's columns: the drift-tested ones, and the target typed `id` (profiled for data quality — how many
  // rows are labelled — but never drift-tested).
  const reportColumns = roles ? [...driftColumns, TARGET_COLUMN] : driftColumns;

  // Both sides get every role column (all-missing where absent). The reference keeps only the report's columns,
  // its target blanked (a profile keeps each column's values, not its rows — see the module notes); its duplicated
  // rows are unknown (0, as `profileToTable` says), which also spares counting them on every window.
  const roleColumns = roles ? [TARGET_COLUMN, ...modelOutputs] : [];
  const withRoles = (t: Table, keep: (name: string) => boolean, blankTarget: boolean): Column[] => {
    const columns = t.columns
      .filter((c) => keep(c.name))
      .map((c) => (blankTarget && c.name === TARGET_COLUMN ? allMissing(c.name, t.rowCount) : c));
    for (const name of roleColumns) {
      if (!columns.some((c) => c.name === name)) columns.push(allMissing(name, t.rowCount));
    }
    return columns;
  };
  const currentTable: Table = { columns: withRoles(cur, () => true, false), rowCount: cur.rowCount };
  const reportSet = new Set(reportColumns);
  const referenceTable: Table = refTable
    ? {
        columns: withRoles(refTable, (n) => reportSet.has(n), !reference.modelAligned),
        rowCount: refTable.rowCount,
        duplicatedRows: 0,
      }
    : currentTable;
  const hasReference = refTable !== null;

  // Column types: inferred on the reference, then the contract, then the configuration.
  const columnTypes: Record<string, ColumnType> = {};
  const known = new Set([...currentTable.columns, ...referenceTable.columns].map((c) => c.name));
  for (const name of driftColumns) {
    const inferred = hasReference ? reference.types.get(name) : undefined;
    const declared = input.contract?.columns?.[name]?.type;
    const configured = config.columnTypes[name];
    const t = configured ?? declared ?? inferred;
    if (t && known.has(name)) columnTypes[name] = t;
  }
  if (roles) columnTypes[TARGET_COLUMN] = 'id';

  const describe = (info: ReferenceInfo): string =>
    info.kind === 'version'
      ? `version ${info.versionName} reference`
      : info.kind === 'range'
        ? `${info.versionName === null ? 'model' : `version ${info.versionName}`} records ${info.start}/${info.end}`
        : info.kind === 'first-day'
          ? `first full day ${info.start}/${info.end}`
          : 'none';
  const baseOptions = {
    ...config.drift,
    columns: reportColumns.filter((n) => known.has(n)),
    columnTypes,
    now: () => new Date(now),
    referenceFiles: [describe(reference.info)],
    currentFiles: [`window ${window.granularity} ${rfc(window.startMs)}/${rfc(window.endMs)}`],
  };
  let result: ReportResult;
  let usedRoles: ColumnRoles | null = roles;
  try {
    result = compareTables(referenceTable, currentTable, {
      ...baseOptions,
      ...(roles ? { roles: { ...roles, segments: segmentNames } } : {}),
      // With a row-aligned reference, the window is one chunk: CBPE estimates its quality before labels arrive.
      // Fitting CBPE costs tens of ms per window, so it runs where it informs: daily windows (estimated next to
      // realized) and windows still missing labels.
      ...(roles && reference.modelAligned && (window.granularity === '1d' || hasUnlabelledRows(currentTable))
        ? { chunks: { count: 1 } }
        : {}),
    });
  } catch (e) {
    // A usage error from the model part (e.g. a third label in a binary model): keep drift and data quality.
    if (!(e instanceof UsageError) || !roles) throw e;
    usedRoles = null;
    result = compareTables(referenceTable, currentTable, baseOptions);
    result.warnings.push({
      code: 'DW_MODEL_QUALITY_SKIPPED',
      column: null,
      message: `model quality not computed for this window: ${e.message}`,
    });
  }
  // The reference's target is blanked on purpose: its "rows dropped" note is noise.
  result.warnings = [
    ...warnings,
    ...result.warnings.filter((w) => !(w.code === 'DW_ROWS_DROPPED' && / reference rows /.test(w.message))),
  ];
  if (!hasReference) {
    result = {
      ...result,
      reference: { files: [], rows: 0, columns: 0 },
      drift: { ...result.drift, columns: [], columnCount: 0, driftedCount: 0, share: 0, datasetDrift: false },
    };
    result.warnings.push({
      code: 'DW_NO_REFERENCE',
      column: null,
      message:
        reference.info.kind === 'none'
          ? `no reference yet: ${reference.info.reason}; drift is not computed for this window`
          : 'no reference: drift is not computed for this window',
    });
  }

  // Per-segment drift: the segment's rows against the whole reference (largest segments first).
  const segmentDrift: SegmentDrift[] = [];
  if (hasReference && segmentNames.length > 0 && currentTable.rowCount > 0) {
    const columns = segmentNames.map((name) => {
      const { codes, labels } = labelCodes(columnOf(currentTable, name)!);
      return { name, codes, values: labels };
    });
    const table = segmentTable(columns, { pairs: columns.length > 1, maxSegments: 200 });
    const largest = [...table.segments].sort((a, b) => b.rows - a.rows).slice(0, MAX_SEGMENT_DRIFT);
    const driftByKey = new Map<string, SegmentDrift>();
    for (const s of largest) {
      const sub = compareDrift(referenceTable, selectTableRows(currentTable, s.rowIndices), {
        ...baseOptions,
        columns: baseOptions.columns.filter((n) => n !== TARGET_COLUMN),
        driftOnly: true,
      }).result;
      const key = segmentKey(s.segment, s.value);
      const entry: SegmentDrift = {
        segment: key,
        rows: s.rows,
        share: sub.drift.columnCount > 0 ? sub.drift.share : null,
        driftedCount: sub.drift.columnCount > 0 ? sub.drift.driftedCount : null,
      };
      segmentDrift.push(entry);
      driftByKey.set(key, entry);
    }
    if (result.quality.segments) {
      result = {
        ...result,
        quality: {
          ...result.quality,
          segments: result.quality.segments.map((s) => ({
            ...s,
            driftShare: driftByKey.get(segmentKey(s.segment, s.value))?.share ?? null,
          })),
        },
      };
    }
  }

  // Contract: validated on the features (and any model column the contract declares).
  let contractViolations: number | null = null;
  if (input.contract) {
    const declared = new Set(Object.keys(input.contract.columns ?? {}));
    const view: Table = {
      rowCount: currentTable.rowCount,
      columns: currentTable.columns.filter(
        (c) => features.includes(c.name) || (declared.has(c.name) && !segmentSet.has(c.name)),
      ),
    };
    const types = new Map(result.columns.map((c) => [c.name, c.type as ColumnType]));
    const violations = validateContract(input.contract, view, { columnTypes: types });
    contractViolations = violations.length;
    result = {
      ...result,
      contract: {
        source: 'version contract',
        violations: violations.map((v) => ({ column: v.column, check: v.check, message: v.message })),
      },
    };
  }

  const numericDrift = driftColumns.filter((n) => result.columns.find((c) => c.name === n)?.type === 'num');
  const catDrift = driftColumns.filter((n) => result.columns.find((c) => c.name === n)?.type === 'cat');
  const dataQuality = {
    missingShare: missingShareOf(result, driftColumns, currentTable.rowCount),
    outOfRangeShare: hasReference ? weightedShare(result, numericDrift, (q) => q.outOfRangeShare) : null,
    unseenCategoryShare: hasReference ? weightedShare(result, catDrift, (q) => q.newCategoryShare) : null,
    contractViolations,
  };

  const health = healthFigures(
    currentTable.rowCount,
    current.latenciesMs,
    current.errorRows,
    window.endMs - window.startMs,
  );
  const monitor: MonitorSection = {
    granularity: window.granularity,
    versionKey: window.versionKey,
    start: rfc(window.startMs),
    end: rfc(window.endMs),
    referenceKind: reference.info.kind,
    reference: reference.info,
    referenceRows: reference.rows,
    exact: true,
    referenceExact: reference.exact ?? true,
    task: usedRoles?.task ?? null,
    roles: usedRoles ? { ...usedRoles, segments: segmentNames } : null,
    features,
    driftColumns,
    segments: segmentNames,
    segmentDrift,
    mismatchedCells: current.mismatchedCells,
    versions: current.versions,
    dataQuality,
  };
  if (current.mismatchedCells > 0) {
    result.warnings.push({
      code: 'DW_TYPE_MISMATCH_CELLS',
      column: null,
      message: `${current.mismatchedCells} cells did not fit their column's type (e.g. text in a numeric feature) and were read as missing`,
    });
  }
  return {
    ...result,
    monitor,
    health,
    labels: {
      rows: current.labelledRows,
      share: currentTable.rowCount > 0 ? current.labelledRows / currentTable.rowCount : null,
      lagP50Ms: medianMs(current.labelLagsMs),
    },
  };
}

/** The headline quality metric of a stored result (the one segments are ranked by), or null. */
export function headlineMetric(result: StoredWindowResult): string | null {
  const roles = result.monitor.roles;
  if (!roles?.task || roles.task === 'ranking') return null;
  const hasScore = roles.score !== undefined || (roles.scoreColumns?.length ?? 0) > 0;
  return mainMetric(roles.task, hasScore).name;
}

/** True when some row of the window has no label yet (or the target is left out because none has). */
function hasUnlabelledRows(t: Table): boolean {
  const c = t.columns.find((x) => x.name === TARGET_COLUMN);
  if (!c) return false;
  if ('values' in c) return c.values.some((v) => Number.isNaN(v));
  return c.codes.some((code) => code < 0);
}
