/**
 * Over time: the current data split into chunks (by size, count or UTC period, NannyML's chunking), with
 * per chunk the drift versus the reference, the realized quality where labels exist, CBPE estimates where
 * scores exist (labels or not), and concept-drift indicators; bands from the reference split into the same
 * chunks (mean ± k·σ, NannyML's default rule).
 * @module
 */
import {
  alertFor,
  type Band,
  type Chunk,
  chunkByCount,
  chunkByPeriod,
  chunkBySize,
  standardDeviationThreshold,
} from '../chunks/index.ts';
import type { ChunkPeriod } from '../chunks/utc-period.ts';
import { UsageError } from '../errors.ts';
import {
  type BinaryCbpeModel,
  CBPE_METRICS,
  estimateBinaryCbpe,
  estimateMulticlassCbpe,
  fitBinaryCbpe,
  fitMulticlassCbpe,
  type MetricEstimate,
  type MulticlassCbpeModel,
} from '../estimation/index.ts';
import type { SortedWithOrder } from '../stats/sort-float64.ts';
import { isStringColumn, type Table } from '../table/column.ts';
import { chunkOfRows, chunkSortedValues, chunkTables } from './chunk-columns.ts';
import {
  type Correlations,
  chunkSortedWithSpearman,
  chunkTargetCodes,
  correlations,
} from './chunk-correlations.ts';
import { chunkAscendingOrders, chunkInputSelection, inputPositions, selectInputs } from './chunk-inputs.ts';
import { type ColumnRoles, type ModelInputs, modelInputs } from './model-inputs.ts';
import { qualityMetrics } from './model-quality.ts';

/** How the current data is split over time. */
export interface ChunkOptions {
  /** Rows per chunk. */
  readonly size?: number;
  /** Number of chunks. */
  readonly count?: number;
  /** UTC calendar periods of the timestamp column: day, ISO week, month. */
  readonly period?: ChunkPeriod;
  /** Band width of the reference-chunk thresholds in standard deviations. Default 3. */
  readonly k?: number;
  /** Fixed bands per metric; they replace the reference-chunk bands of those metrics. */
  readonly thresholds?: Readonly<
    Record<string, { readonly lower: number | null; readonly upper: number | null }>
  >;
}

/** An estimated metric with its ±3·sampling-error band and whether it is outside its alert band. */
export interface Estimate {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  readonly alert: boolean;
}

export interface ChunkResult {
  readonly key: string;
  /** RFC 3339 UTC for period chunks; the first row index otherwise. */
  readonly start: string | number;
  /** RFC 3339 UTC (exclusive) for period chunks; one past the last row index otherwise. */
  readonly end: string | number;
  readonly rows: number;
  readonly drift: {
    share: number;
    datasetDrift: boolean;
    driftedColumns: string[];
    statistics: Record<string, number | null>;
  };
  readonly quality: Record<string, number | null> | null;
  /** CBPE estimates per metric; `confusionMatrix` holds one estimate per cell (`tn`, `fp`, `fn`, `tp`). */
  readonly estimated: Record<string, Estimate | Record<string, Estimate>> | null;
  readonly correlations: Correlations | null;
  readonly alerts: string[];
}

export interface ChunkSection {
  readonly chunks: ChunkResult[];
  readonly chunkThresholds: Record<string, Band>;
  readonly referenceCorrelations: Record<string, { pearson: number | null; spearman: number | null }> | null;
  readonly calibration: unknown;
}

/** Metrics per task whose reference-chunk bands are computed. */
const BANDED: Record<string, readonly string[]> = {
  binary: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'tnr'],
  multiclass: ['accuracy', 'precision', 'recall', 'f1', 'rocAuc'],
  regression: ['mae', 'rmse', 'mape', 'r2'],
  ranking: ['ndcgAtK', 'mapAtK', 'mrr'],
};

function finite(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

function split(table: Table, options: ChunkOptions, roles: ColumnRoles | undefined): Chunk[] {
  if (options.period) {
    const name = roles?.timestamp;
    const column = table.columns.find((c) => c.name === name);
    if (!name || !column || isStringColumn(column)) {
      throw new UsageError(
        'DW_CHUNK_NEEDS_TIMESTAMP',
        '--chunk-period needs --timestamp naming a date/time column',
      );
    }
    return [...chunkByPeriod(column.values, options.period)];
  }
  if (options.size) return [...chunkBySize(table.rowCount, options.size)];
  return [...chunkByCount(table.rowCount, options.count ?? 10)];
}

/**
 * The chunk analysis of `current` against `reference`.
 * @param numericFeatures the numeric features whose correlation with the target is tracked
 * @param driftOf the drift of one chunk of the current data, given as a table (rows in the chunk's order; number
 *   columns may carry their profile, see `chunk-columns.ts`)
 * @param inputs the model inputs of both sides, when already built (else built here)
 * @param currentOrders every current number column's sorted order (`DriftContext.currentOrders`): the chunks'
 *   sorted values and per-chunk Spearman ρ come from it; without it, every chunk is sorted and ranked on its own.
 *   Default: none.
 */
export function chunkSection(
  reference: Table,
  current: Table,
  options: ChunkOptions,
  roles: ColumnRoles | undefined,
  numericFeatures: readonly string[],
  driftOf: (chunk: Table) => {
    share: number;
    datasetDrift: boolean;
    driftedColumns: string[];
    statistics: Record<string, number | null>;
  },
  inputs?: { readonly reference: ModelInputs; readonly current: ModelInputs },
  currentOrders: ReadonlyMap<string, SortedWithOrder> = new Map(),
): ChunkSection {
  const curChunks = split(current, options, roles);
  const refChunks = split(reference, options, roles);
  const k = options.k ?? 3;
  const hasModel = roles && (roles.target || roles.prediction || roles.score || roles.scoreColumns?.length);
  const refInputs = hasModel ? (inputs?.reference ?? modelInputs(reference, roles)) : null;
  const task = refInputs?.task;
  // Chunks reuse the whole data's task and classes: a chunk may lack a class.
  const chunkRoles: ColumnRoles | undefined =
    roles && refInputs
      ? {
          ...roles,
          task: refInputs.task,
          ...(refInputs.task === 'multiclass' ? { classes: refInputs.classes } : {}),
        }
      : roles;

  // Every chunk's rows in the model inputs (positions), on both sides.
  const refPositions = refInputs ? inputPositions(refInputs, reference.rowCount) : null;
  const refSelections = refPositions ? refChunks.map((c) => chunkInputSelection(refPositions, c)) : [];
  // Bands of the realized metrics from the reference chunks (NannyML: mean ± 3σ of the realized values).
  const chunkThresholds: Record<string, Band> = {};
  if (refInputs && task) {
    const perChunk = refSelections.map((selection) =>
      qualityMetrics(selectInputs(refInputs, selection), { curves: false }),
    );
    for (const name of BANDED[task] ?? []) {
      const values = perChunk.map((m) => finite(m?.[name]) ?? Number.NaN);
      if (values.some((v) => Number.isFinite(v)))
        chunkThresholds[name] = standardDeviationThreshold(values, { k });
    }
  }

  // CBPE on classifiers with scores: fitted on the reference, applied to every current chunk.
  let estimates: (Record<string, MetricEstimate> | null)[] = curChunks.map(() => null);
  let calibration: unknown = null;
  const curInputs = hasModel ? (inputs?.current ?? modelInputs(current, chunkRoles!)) : null;
  const curPositions = curInputs ? inputPositions(curInputs, current.rowCount) : null;
  const curSelections = curPositions ? curChunks.map((c) => chunkInputSelection(curPositions, c)) : [];
  const chunkOf = chunkOfRows(current.rowCount, curChunks);
  if (
    refInputs?.task === 'binary' &&
    curInputs?.task === 'binary' &&
    refInputs.score &&
    refInputs.target &&
    curInputs.score
  ) {
    const refPrediction = refInputs.prediction ?? Uint8Array.from(refInputs.score, (s) => (s >= 0.5 ? 1 : 0));
    const curPrediction = curInputs.prediction ?? Uint8Array.from(curInputs.score, (s) => (s >= 0.5 ? 1 : 0));
    const model: BinaryCbpeModel = fitBinaryCbpe(
      { target: refInputs.target, scores: refInputs.score, prediction: refPrediction },
      refSelections,
    );
    calibration = model.calibration;
    for (const name of CBPE_METRICS) chunkThresholds[name] = model.chunkThresholds[name];
    // Each chunk's score order from the score column's sorted order (no sort per chunk), when there is one.
    const scoreOrder = roles?.score ? currentOrders.get(roles.score) : undefined;
    const ascending = scoreOrder
      ? chunkAscendingOrders(scoreOrder, curInputs.rows, chunkOf, curSelections)
      : null;
    estimates = estimateBinaryCbpe(
      model,
      { scores: curInputs.score, prediction: curPrediction },
      curSelections,
      ascending ?? undefined,
    ).map((r) => ({ ...r.estimated }) as unknown as Record<string, MetricEstimate>);
  } else if (
    refInputs?.task === 'multiclass' &&
    curInputs?.task === 'multiclass' &&
    refInputs.scores &&
    refInputs.target &&
    curInputs.scores
  ) {
    const refPrediction = refInputs.prediction;
    const curPrediction = curInputs.prediction;
    if (refPrediction && curPrediction) {
      const model: MulticlassCbpeModel = fitMulticlassCbpe(
        {
          classes: refInputs.classes,
          target: refInputs.target,
          prediction: refPrediction,
          scores: refInputs.scores,
        },
        refSelections,
      );
      calibration = model.calibration;
      for (const name of CBPE_METRICS) chunkThresholds[name] = model.chunkThresholds[name];
      estimates = estimateMulticlassCbpe(
        model,
        { scores: curInputs.scores, prediction: curPrediction },
        curSelections,
      ).map((r) => ({ ...r.estimated }) as unknown as Record<string, MetricEstimate>);
    }
  }

  for (const [name, band] of Object.entries(options.thresholds ?? {})) chunkThresholds[name] = band;
  const referenceCorrelations = correlations(reference, refInputs, numericFeatures);
  // Every chunk's sorted values of every current number column for the drift runs' profiles and, with a binary
  // target, every feature's Spearman ρ per chunk: one pass over each column's sorted order of the whole data
  // (chunk-columns.ts, chunk-correlations.ts) instead of sorting and ranking every chunk again.
  const sortedValues = new Map<string, Float64Array[]>();
  const spearmanByChunk: Map<string, number>[] = curChunks.map(() => new Map());
  const features = new Set(numericFeatures);
  const codes =
    currentOrders.size > 0 && curInputs?.task === 'binary' && curInputs.target
      ? chunkTargetCodes(chunkOf, curChunks.length, curPositions!, curInputs.target)
      : null;
  for (const [name, order] of currentOrders) {
    if (codes && features.has(name)) {
      const { sorted, spearman } = chunkSortedWithSpearman(order, codes, curChunks);
      sortedValues.set(name, sorted);
      spearman.forEach((rho, i) => {
        spearmanByChunk[i]!.set(name, rho);
      });
    } else {
      sortedValues.set(name, chunkSortedValues(order, chunkOf, curChunks));
    }
  }
  const tables = chunkTables(current, curChunks, sortedValues);
  const chunks = curChunks.map((c, i): ChunkResult => {
    const drift = driftOf(tables[i]!);
    const alerts: string[] = [];
    if (drift.datasetDrift) alerts.push('drift.datasetDrift');
    let quality: Record<string, number | null> | null = null;
    let chunkInputs: ModelInputs | null = null;
    if (hasModel) {
      chunkInputs = selectInputs(curInputs!, curSelections[i]!);
      const m = qualityMetrics(chunkInputs, { curves: false });
      if (m) {
        quality = {};
        for (const [name, value] of Object.entries(m))
          if (typeof value === 'number') quality[name] = finite(value);
        for (const [name, band] of Object.entries(chunkThresholds)) {
          const v = quality[name];
          if (v !== null && v !== undefined && alertFor(v, band)) alerts.push(`quality.${name}`);
        }
      }
    }
    let estimated: ChunkResult['estimated'] = null;
    const e = estimates[i];
    if (e) {
      estimated = {};
      for (const name of CBPE_METRICS) {
        const x = e[name]!;
        // The same band as the realized metric (reference chunks, or a fixed --chunk-threshold).
        const band = chunkThresholds[name];
        const alert = band ? alertFor(x.value, band) : x.alert;
        estimated[name] = { value: x.value, lower: x.lower, upper: x.upper, alert };
        if (alert) alerts.push(`estimated.${name}`);
      }
      // The estimated confusion matrix, with the same shape as the realized one.
      const cm = (e as unknown as { confusionMatrix: unknown }).confusionMatrix;
      if (cm && !Array.isArray(cm)) {
        estimated.confusionMatrix = Object.fromEntries(
          Object.entries(cm as Record<string, MetricEstimate>).map(([cell, x]) => [
            cell,
            { value: x.value, lower: x.lower, upper: x.upper, alert: x.alert },
          ]),
        );
      }
    }
    return {
      key: c.key,
      start: c.start ?? c.startIndex,
      end: c.end ?? c.endIndex,
      rows: c.rows,
      drift,
      quality,
      estimated,
      // chunkInputs.rows are rows of the whole current table (the inputs are a subset, not a copy).
      correlations: chunkInputs
        ? correlations(current, chunkInputs, numericFeatures, spearmanByChunk[i])
        : null,
      alerts,
    };
  });
  return { chunks, chunkThresholds, referenceCorrelations, calibration };
}
