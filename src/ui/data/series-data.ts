/**
 * Reads of the `series` table for the dashboard: metric names, points over a time range, and per-segment values.
 * Every query goes through the primary key (model_id, metric, granularity, version_key, segment, start_ms).
 * @module
 */
import { sql } from 'kysely';
import type { StorageHandle } from '../../storage/open-database.ts';

export type Granularity = '1h' | '1d';

/** Length of one window, ms. */
export const GRANULARITY_MS: Readonly<Record<Granularity, number>> = { '1h': 3_600_000, '1d': 86_400_000 };

export interface SeriesPoint {
  readonly start: number;
  readonly end: number;
  readonly value: number | null;
  readonly rows: number;
  readonly exact: boolean;
  readonly method: string | null;
}

export interface SeriesQuery {
  readonly modelId: string;
  readonly metrics: readonly string[];
  readonly granularity: Granularity;
  /** `*` (all versions, default) or a version id. */
  readonly versionKey?: string;
  /** '' (whole window, default) or `column=value`. */
  readonly segment?: string;
  /** Inclusive lower bound on the window start, ms. */
  readonly from: number;
  /** Exclusive upper bound on the window start, ms. */
  readonly to: number;
}

/** Points per metric, in time order (metrics without points map to an empty array). */
export async function seriesPoints(
  storage: StorageHandle,
  q: SeriesQuery,
): Promise<Map<string, SeriesPoint[]>> {
  const out = new Map<string, SeriesPoint[]>(q.metrics.map((m) => [m, []]));
  if (q.metrics.length === 0) return out;
  const rows = await storage.db
    .selectFrom('series')
    .select(['metric', 'start_ms', 'end_ms', 'value', 'rows', 'exact', 'method'])
    .where('model_id', '=', q.modelId)
    .where('metric', 'in', [...q.metrics])
    .where('granularity', '=', q.granularity)
    .where('version_key', '=', q.versionKey ?? '*')
    .where('segment', '=', q.segment ?? '')
    .where('start_ms', '>=', q.from)
    .where('start_ms', '<', q.to)
    .orderBy('start_ms')
    .execute();
  for (const r of rows) {
    out.get(r.metric)?.push({
      start: Number(r.start_ms),
      end: Number(r.end_ms),
      value: r.value === null ? null : Number(r.value),
      rows: Number(r.rows),
      exact: Number(r.exact) === 1,
      method: r.method,
    });
  }
  return out;
}

/**
 * The distinct metric names a model has, by a loose index scan (one seek per name instead of a scan of every
 * row): a recursive CTE that both SQLite and PostgreSQL run the same way.
 */
export async function listMetricNames(storage: StorageHandle, modelId: string): Promise<string[]> {
  const res = await sql<{ metric: string | null }>`
    WITH RECURSIVE m(metric) AS (
      SELECT MIN(metric) FROM series WHERE model_id = ${modelId}
      UNION ALL
      SELECT (SELECT MIN(s.metric) FROM series s WHERE s.model_id = ${modelId} AND s.metric > m.metric)
      FROM m WHERE m.metric IS NOT NULL
    )
    SELECT metric FROM m WHERE metric IS NOT NULL`.execute(storage.db);
  return res.rows.map((r) => r.metric).filter((m): m is string => m !== null);
}

/** The earliest and latest window start of a metric (whole window, given version scope), or null. */
export async function seriesExtent(
  storage: StorageHandle,
  modelId: string,
  metric: string,
  granularity: Granularity,
  versionKey = '*',
): Promise<{ first: number; last: number } | null> {
  const row = await storage.db
    .selectFrom('series')
    .select((eb) => [eb.fn.min('start_ms').as('first'), eb.fn.max('start_ms').as('last')])
    .where('model_id', '=', modelId)
    .where('metric', '=', metric)
    .where('granularity', '=', granularity)
    .where('version_key', '=', versionKey)
    .where('segment', '=', '')
    .executeTakeFirst();
  if (!row || row.first === null || row.last === null) return null;
  return { first: Number(row.first), last: Number(row.last) };
}

export interface SegmentPoint {
  readonly segment: string;
  readonly start: number;
  readonly value: number | null;
  readonly rows: number;
}

/** Per-segment points of one metric (segment ≠ '') in a range. */
export async function segmentPoints(
  storage: StorageHandle,
  q: Omit<SeriesQuery, 'metrics' | 'segment'> & { readonly metric: string },
): Promise<SegmentPoint[]> {
  const rows = await storage.db
    .selectFrom('series')
    .select(['segment', 'start_ms', 'value', 'rows'])
    .where('model_id', '=', q.modelId)
    .where('metric', '=', q.metric)
    .where('granularity', '=', q.granularity)
    .where('version_key', '=', q.versionKey ?? '*')
    .where('segment', '<>', '')
    .where('start_ms', '>=', q.from)
    .where('start_ms', '<', q.to)
    .execute();
  return rows.map((r) => ({
    segment: r.segment,
    start: Number(r.start_ms),
    value: r.value === null ? null : Number(r.value),
    rows: Number(r.rows),
  }));
}
