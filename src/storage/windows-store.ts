/**
 * Window bookkeeping shared by ingestion (which touches the windows its records and labels fall in) and the
 * evaluator (which claims and evaluates them). Windows are UTC hours (`1h`) and UTC days (`1d`), each for all
 * versions (`*`) and per version.
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export type Granularity = '1h' | '1d';

export function granularityMs(g: Granularity): number {
  return g === '1h' ? HOUR_MS : DAY_MS;
}

export function windowStart(tsMs: number, g: Granularity): number {
  const size = granularityMs(g);
  return Math.floor(tsMs / size) * size;
}

export interface WindowTouch {
  readonly modelId: string;
  readonly versionId: string;
  readonly tsMs: number;
}

/**
 * Marks the windows containing these instants as needing evaluation: new windows become `pending`; windows already
 * evaluated become `dirty` (re-evaluated and marked revised). Call inside the ingest transaction.
 */
export async function touchWindows(
  db: Kysely<Database> | Transaction<Database>,
  touches: readonly WindowTouch[],
): Promise<void> {
  const keys = new Map<
    string,
    { model_id: string; granularity: Granularity; version_key: string; start_ms: number; end_ms: number }
  >();
  for (const t of touches) {
    for (const g of ['1h', '1d'] as const) {
      const start = windowStart(t.tsMs, g);
      for (const version_key of ['*', t.versionId]) {
        const k = `${t.modelId}\u0000${g}\u0000${version_key}\u0000${start}`;
        if (!keys.has(k))
          keys.set(k, {
            model_id: t.modelId,
            granularity: g,
            version_key,
            start_ms: start,
            end_ms: start + granularityMs(g),
          });
      }
    }
  }
  if (keys.size === 0) return;
  const rows = [...keys.values()].map((k) => ({ ...k, status: 'pending', revision: 0, rows: 0 }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('windows')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['model_id', 'granularity', 'version_key', 'start_ms']).doUpdateSet({
          status: sql<string>`case when windows.status = 'evaluated' then 'dirty' else windows.status end`,
        }),
      )
      .execute();
  }
}
