/**
 * Reference bands of metrics from each model's baseline period (see ../band.ts for the definition).
 * @module
 */
import type { StorageHandle } from '../../storage/open-database.ts';
import { type Band, baselineEnd, referenceBand } from '../band.ts';
import { GRANULARITY_MS, type Granularity } from './series-data.ts';

/** The band of each metric (null when it has too little history). */
export async function baselineBands(
  storage: StorageHandle,
  modelId: string,
  granularity: Granularity,
  metrics: readonly string[],
  versionKey = '*',
): Promise<Map<string, Band | null>> {
  const out = new Map<string, Band | null>(metrics.map((m) => [m, null]));
  if (metrics.length === 0) return out;
  const extents = await storage.db
    .selectFrom('series')
    .select((eb) => ['metric', eb.fn.min('start_ms').as('first'), eb.fn.max('start_ms').as('last')])
    .where('model_id', '=', modelId)
    .where('metric', 'in', [...metrics])
    .where('granularity', '=', granularity)
    .where('version_key', '=', versionKey)
    .where('segment', '=', '')
    .where('value', 'is not', null)
    .groupBy('metric')
    .execute();
  const step = GRANULARITY_MS[granularity];
  for (const e of extents) {
    if (e.first === null || e.last === null) continue;
    const first = Number(e.first);
    const end = baselineEnd(first, Number(e.last), step);
    const rows = await storage.db
      .selectFrom('series')
      .select('value')
      .where('model_id', '=', modelId)
      .where('metric', '=', e.metric)
      .where('granularity', '=', granularity)
      .where('version_key', '=', versionKey)
      .where('segment', '=', '')
      .where('start_ms', '>=', first)
      .where('start_ms', '<', end)
      .execute();
    out.set(e.metric, referenceBand(rows.map((r) => (r.value === null ? null : Number(r.value)))));
  }
  return out;
}
