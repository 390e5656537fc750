/**
 * Scalar metric time series derived from window evaluations (`drift.share`, `quality.f1`, `health.errorRate`, …),
 * one row per (model, metric, granularity, version scope, segment, window start). The primary key is exactly the
 * order a series query filters in (`model_id, metric, granularity, version_key, segment`) followed by the range
 * column `start_ms`, so a 30-day hourly series (720 points) is one index range scan.
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Granularity } from './windows-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One figure of one window. */
export interface SeriesValue {
  /** Dotted metric name, e.g. `drift.feature.age`. */
  readonly metric: string;
  /** `''` for the whole window, else `column=value` (two joined with `&`). */
  readonly segment: string;
  /** null when the figure is undefined for this window (NaN, no data). */
  readonly value: number | null;
  /** true when computed from raw rows, false when from sketches. */
  readonly exact: boolean;
  /** Rows the figure was computed from (labelled rows for quality metrics). */
  readonly rows: number;
  /** Drift method id (or ids joined with `,`), else null. */
  readonly method: string | null;
}

/** Identifies the window a set of series values belongs to. */
export interface SeriesWindow {
  readonly modelId: string;
  readonly granularity: Granularity;
  readonly versionKey: string;
  readonly startMs: number;
  readonly endMs: number;
}

export interface SeriesPoint {
  readonly startMs: number;
  readonly endMs: number;
  readonly value: number | null;
  readonly exact: boolean;
  readonly rows: number;
  readonly method: string | null;
}

const BATCH = 200;

function finiteOrNull(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}

/** Inserts or replaces the window's values (call inside the transaction that stores the window's result). */
export async function upsertSeries(
  db: Db,
  window: SeriesWindow,
  values: readonly SeriesValue[],
): Promise<void> {
  const rows = values.map((v) => ({
    model_id: window.modelId,
    metric: v.metric,
    granularity: window.granularity,
    version_key: window.versionKey,
    segment: v.segment,
    start_ms: window.startMs,
    end_ms: window.endMs,
    value: finiteOrNull(v.value),
    exact: v.exact ? 1 : 0,
    rows: Math.max(0, Math.round(v.rows)),
    method: v.method,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('series')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc
          .columns(['model_id', 'metric', 'granularity', 'version_key', 'segment', 'start_ms'])
          .doUpdateSet((eb) => ({
            end_ms: eb.ref('excluded.end_ms'),
            value: eb.ref('excluded.value'),
            exact: eb.ref('excluded.exact'),
            rows: eb.ref('excluded.rows'),
            method: eb.ref('excluded.method'),
          })),
      )
      .execute();
  }
}

/**
 * Deletes the named (metric, segment) values of one window — those a previous evaluation stored and the new one no
 * longer produces. Each delete is a primary-key lookup.
 */
export async function deleteSeriesValues(
  db: Db,
  window: SeriesWindow,
  keys: readonly { readonly metric: string; readonly segment: string }[],
): Promise<void> {
  for (const k of keys) {
    await db
      .deleteFrom('series')
      .where('model_id', '=', window.modelId)
      .where('metric', '=', k.metric)
      .where('granularity', '=', window.granularity)
      .where('version_key', '=', window.versionKey)
      .where('segment', '=', k.segment)
      .where('start_ms', '=', window.startMs)
      .execute();
  }
}

export interface SeriesQuery {
  readonly modelId: string;
  readonly metric: string;
  readonly granularity: Granularity;
  /** `*` (all versions) or a version id. Default `*`. */
  readonly versionKey?: string;
  /** Default `''` (whole window). */
  readonly segment?: string;
  /** Windows overlapping `[fromMs, toMs)`. */
  readonly fromMs: number;
  readonly toMs: number;
  /** Most points returned (oldest first). Default 100 000. */
  readonly limit?: number;
}

/** The points of one series, oldest first: windows that overlap `[fromMs, toMs)`. */
export async function querySeries(db: Db, q: SeriesQuery): Promise<SeriesPoint[]> {
  const size = q.granularity === '1h' ? 3_600_000 : 86_400_000;
  const rows = await db
    .selectFrom('series')
    .select(['start_ms', 'end_ms', 'value', 'exact', 'rows', 'method'])
    .where('model_id', '=', q.modelId)
    .where('metric', '=', q.metric)
    .where('granularity', '=', q.granularity)
    .where('version_key', '=', q.versionKey ?? '*')
    .where('segment', '=', q.segment ?? '')
    // Windows are aligned, so a window overlaps [from, to) iff its start is in (from − size, to).
    .where('start_ms', '>', q.fromMs - size)
    .where('start_ms', '<', q.toMs)
    .orderBy('start_ms')
    .limit(q.limit ?? 100_000)
    .execute();
  return rows.map((r) => ({
    startMs: Number(r.start_ms),
    endMs: Number(r.end_ms),
    value: r.value === null ? null : Number(r.value),
    exact: Number(r.exact) === 1,
    rows: Number(r.rows),
    method: r.method,
  }));
}

/** Every (metric, segment) stored for one window (tests and diagnostics; not on a hot path). */
export async function listWindowSeries(
  db: Db,
  window: Omit<SeriesWindow, 'endMs'>,
): Promise<(SeriesValue & { readonly endMs: number })[]> {
  const rows = await db
    .selectFrom('series')
    .selectAll()
    .where('model_id', '=', window.modelId)
    .where('granularity', '=', window.granularity)
    .where('version_key', '=', window.versionKey)
    .where('start_ms', '=', window.startMs)
    .orderBy('metric')
    .orderBy('segment')
    .execute();
  return rows.map((r) => ({
    metric: r.metric,
    segment: r.segment,
    value: r.value === null ? null : Number(r.value),
    exact: Number(r.exact) === 1,
    rows: Number(r.rows),
    method: r.method,
    endMs: Number(r.end_ms),
  }));
}
