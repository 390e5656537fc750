/**
 * The model part of the report: quality metrics of both sides, per-segment quality on the current data
 * (ranked by degradation versus the same segment of the reference), and fairness per sensitive column.
 * @module
 */
import { fairnessMetrics } from '../fairness/index.ts';
import { errorByFeatureQuantile } from '../metrics/index.ts';
import { rankSegments, segmentTable } from '../segments/index.ts';
import { isStringColumn, type Table } from '../table/column.ts';
import { type ColumnRoles, labelCodes, type ModelInputs, modelInputs, type Task } from './model-inputs.ts';
import { positiveShare, type QualityMetrics, qualityMetrics } from './model-quality.ts';
import type { ReportWarning, SegmentQuality } from './result-schema.ts';

export interface ModelSection {
  readonly task: Task;
  readonly reference: QualityMetrics | null;
  readonly current: QualityMetrics | null;
  readonly segments: readonly SegmentQuality[];
  readonly fairness: readonly Record<string, unknown>[];
  /** The model inputs of both sides, reused by the chunk analysis. */
  readonly inputs: { readonly reference: ModelInputs; readonly current: ModelInputs };
}

/** The headline metric per task, used to rank segments. */
export function mainMetric(task: Task, hasScore: boolean): { name: string; higherIsBetter: boolean } {
  switch (task) {
    case 'binary':
      return hasScore ? { name: 'rocAuc', higherIsBetter: true } : { name: 'f1', higherIsBetter: true };
    case 'multiclass':
      return { name: 'f1', higherIsBetter: true };
    case 'regression':
      return { name: 'mae', higherIsBetter: false };
    case 'ranking':
      return { name: 'ndcgAtK', higherIsBetter: true };
  }
}

/** Keeps only numbers, strings, booleans and nulls (segment rows leave curves and tables out). */
function scalars(metrics: QualityMetrics | null): Record<string, unknown> | null {
  if (metrics === null) return null;
  return Object.fromEntries(
    Object.entries(metrics).filter(
      ([, v]) => v === null || ['number', 'string', 'boolean'].includes(typeof v),
    ),
  );
}

/** Maps table rows to positions in the model inputs (−1 for rows dropped for missing values). */
function positions(inputs: ModelInputs, rowCount: number): Int32Array {
  const pos = new Int32Array(rowCount).fill(-1);
  inputs.rows.forEach((row, k) => {
    pos[row] = k;
  });
  return pos;
}

/** The same inputs restricted to the given positions. */
export function subset(inputs: ModelInputs, keep: Uint32Array): ModelInputs {
  const pick = <T extends Uint8Array | Int32Array | Float64Array>(a: T | null): T | null => {
    if (a === null) return null;
    const Ctor = a.constructor as new (n: number) => T;
    const out = new Ctor(keep.length);
    for (let k = 0; k < keep.length; k++) out[k] = a[keep[k]!]!;
    return out;
  };
  const rows = Uint32Array.from(keep, (k) => inputs.rows[k]!);
  switch (inputs.task) {
    case 'binary':
      return {
        ...inputs,
        target: pick(inputs.target),
        prediction: pick(inputs.prediction),
        score: pick(inputs.score),
        rows,
      };
    case 'multiclass':
      return {
        ...inputs,
        target: pick(inputs.target),
        prediction: pick(inputs.prediction),
        scores: inputs.scores ? inputs.scores.map((s) => pick(s)!) : null,
        rows,
      };
    case 'regression':
      return { ...inputs, target: pick(inputs.target), prediction: pick(inputs.prediction), rows };
    case 'ranking':
      return {
        ...inputs,
        queryIds: pick(inputs.queryIds)!,
        relevance: pick(inputs.relevance),
        score: pick(inputs.score)!,
        rows,
      };
  }
}

function codesOf(
  table: Table,
  name: string,
): { name: string; codes: Int32Array; values: readonly string[] } | null {
  const column = table.columns.find((c) => c.name === name);
  if (!column) return null;
  const { codes, labels } = labelCodes(column);
  return { name, codes, values: labels };
}

/** Drift share of the rows of one segment (reference rows, current rows), or null when not computed. */
export type SegmentDriftShare = (
  referenceRows: Uint32Array | null,
  currentRows: Uint32Array,
) => number | null;

/** Segments for which the drift share is computed (the largest first): each costs a drift run. */
export const MAX_SEGMENT_DRIFT = 20;

/**
 * Regression error by feature range (Evidently's "error bias" idea): for each numeric feature, the mean
 * error of the rows below its 5 % quantile, in the middle and above its 95 % quantile.
 */
function errorBias(table: Table, inputs: ModelInputs, roles: ColumnRoles): Record<string, unknown> {
  if (inputs.task !== 'regression' || !inputs.target || !inputs.prediction) return {};
  const skip = new Set([roles.target, roles.prediction, roles.id, roles.timestamp]);
  const out: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (skip.has(column.name) || isStringColumn(column) || column.dtype === 'datetime') continue;
    const keep: number[] = [];
    for (let k = 0; k < inputs.rows.length; k++)
      if (Number.isFinite(column.values[inputs.rows[k]!]!)) keep.push(k);
    if (keep.length < 3) continue;
    const pick = (a: Float64Array) => Float64Array.from(keep, (k) => a[k]!);
    const feature = Float64Array.from(keep, (k) => column.values[inputs.rows[k]!]!);
    out[column.name] = errorByFeatureQuantile(pick(inputs.target), pick(inputs.prediction), feature);
  }
  return out;
}

export function modelSection(
  reference: Table,
  current: Table,
  roles: ColumnRoles,
  warnings: ReportWarning[],
  segmentDriftShare?: SegmentDriftShare,
): ModelSection {
  const refIn = modelInputs(reference, roles);
  const curIn = modelInputs(current, roles);
  for (const [side, inputs] of [
    ['reference', refIn],
    ['current', curIn],
  ] as const) {
    if (inputs.droppedRows > 0) {
      warnings.push({
        code: 'DW_ROWS_DROPPED',
        column: null,
        message: `${inputs.droppedRows} ${side} rows have a missing target, prediction or score: left out of model quality`,
      });
    }
  }
  const share = positiveShare(refIn);
  const sideOptions = {
    ...(share === undefined ? {} : { positiveShare: share }),
    ...(roles.decisionThreshold === undefined ? {} : { decisionThreshold: roles.decisionThreshold }),
  };
  const withBias = (m: QualityMetrics | null, table: Table, inputs: ModelInputs) =>
    m && inputs.task === 'regression' && inputs.target && inputs.prediction
      ? { ...m, errorBias: errorBias(table, inputs, roles) }
      : m;
  const ref = withBias(qualityMetrics(refIn, sideOptions), reference, refIn);
  const cur = withBias(qualityMetrics(curIn, sideOptions), current, curIn);
  if (cur === null) {
    warnings.push({
      code: 'DW_NO_LABELS',
      column: roles.target ?? null,
      message:
        'the current data has no ground truth (or no prediction): realized quality metrics are not computed',
    });
  }
  const hasScore =
    (refIn.task === 'binary' && refIn.score !== null) ||
    (refIn.task === 'multiclass' && refIn.scores !== null);
  const main = mainMetric(curIn.task, hasScore);

  // Segments: every value of each --segment column (and pairs of columns) in the current data.
  const segments: SegmentQuality[] = [];
  const segmentColumns = (roles.segments ?? [])
    .map((name) => codesOf(current, name))
    .filter((c) => c !== null);
  if (segmentColumns.length > 0) {
    const refColumns = (roles.segments ?? [])
      .map((name) => codesOf(reference, name))
      .filter((c) => c !== null);
    const curTable = segmentTable(segmentColumns, { pairs: segmentColumns.length > 1, maxSegments: 200 });
    const refTable = segmentTable(refColumns, {
      pairs: refColumns.length > 1,
      maxSegments: 1000,
      minRows: 1,
    });
    const key = (s: { segment: unknown; value: unknown }) => JSON.stringify([s.segment, s.value]);
    const refByKey = new Map(refTable.segments.map((s) => [key(s), s]));
    const curPos = positions(curIn, current.rowCount);
    const refPos = positions(refIn, reference.rowCount);
    const keepOf = (rowIndices: Uint32Array, pos: Int32Array) =>
      Uint32Array.from([...rowIndices].map((r) => pos[r]!).filter((p) => p >= 0));
    const rows: Parameters<typeof rankSegments>[0][number][] = [];
    const metricsByKey = new Map<
      string,
      {
        current: Record<string, unknown> | null;
        reference: Record<string, unknown> | null;
        rows: number;
        driftShare: number | null;
      }
    >();
    const driftFor = new Set(
      [...curTable.segments]
        .sort((a, b) => b.rows - a.rows)
        .slice(0, MAX_SEGMENT_DRIFT)
        .map((s) => key(s)),
    );
    for (const s of curTable.segments) {
      const keep = keepOf(s.rowIndices, curPos);
      const m = scalars(qualityMetrics(subset(curIn, keep), { curves: false }));
      const r = refByKey.get(key(s));
      const rm = r
        ? scalars(qualityMetrics(subset(refIn, keepOf(r.rowIndices, refPos)), { curves: false }))
        : null;
      const driftShare =
        segmentDriftShare && driftFor.has(key(s))
          ? segmentDriftShare(r ? r.rowIndices : null, s.rowIndices)
          : null;
      metricsByKey.set(key(s), { current: m, reference: rm, rows: keep.length, driftShare });
      const metric = m?.[main.name];
      const refMetric = rm?.[main.name];
      rows.push({
        segment: s.segment,
        value: s.value,
        rows: keep.length,
        metric: typeof metric === 'number' ? metric : Number.NaN,
        referenceMetric: typeof refMetric === 'number' ? refMetric : null,
      });
    }
    for (const ranked of rankSegments(rows, { higherIsBetter: main.higherIsBetter })) {
      const m = metricsByKey.get(key(ranked))!;
      segments.push({
        segment: ranked.segment as SegmentQuality['segment'],
        value: ranked.value as SegmentQuality['value'],
        rows: m.rows,
        metrics: m.current,
        referenceMetrics: m.reference,
        driftShare: m.driftShare,
        rankedBy: main.name,
        degradation:
          ranked.degradation !== null && Number.isFinite(ranked.degradation) ? ranked.degradation : null,
        standardError:
          ranked.standardError !== null && Number.isFinite(ranked.standardError)
            ? ranked.standardError
            : null,
        tooFewRows: ranked.tooFewRows,
        withinNoise: ranked.withinNoise,
      });
    }
  }

  // Fairness per sensitive column (binary classifiers), on the current data.
  const fairness: Record<string, unknown>[] = [];
  for (const name of roles.sensitive ?? []) {
    if (curIn.task !== 'binary') {
      warnings.push({
        code: 'DW_FAIRNESS_BINARY_ONLY',
        column: name,
        message: 'fairness metrics need a binary classifier',
      });
      break;
    }
    const groups = codesOf(current, name);
    if (!groups) {
      warnings.push({
        code: 'DW_COLUMN_NOT_FOUND',
        column: name,
        message: `sensitive column '${name}' is not in the current data`,
      });
      continue;
    }
    const prediction =
      curIn.prediction ?? (curIn.score ? Uint8Array.from(curIn.score, (s) => (s >= 0.5 ? 1 : 0)) : null);
    if (prediction === null) continue;
    const groupCodes = Int32Array.from(curIn.rows, (row) => groups.codes[row]!);
    const result = fairnessMetrics({
      groupCodes,
      groups: groups.values,
      prediction,
      ...(curIn.target ? { target: curIn.target } : {}),
    });
    fairness.push({ column: name, ...result });
  }
  return {
    task: curIn.task,
    reference: ref,
    current: cur,
    segments,
    fairness,
    inputs: { reference: refIn, current: curIn },
  };
}
