/**
 * Raw records and labels for the dashboard: one record by id (with its label and version), the time of the
 * newest record, and the label lag.
 * @module
 */
import type { StorageHandle } from '../../storage/open-database.ts';

export interface RecordView {
  readonly id: string;
  readonly ts: number;
  readonly receivedAt: number;
  readonly versionId: string;
  readonly versionName: string | null;
  readonly features: Record<string, unknown>;
  readonly prediction: unknown;
  readonly score: number | null;
  readonly scores: Record<string, unknown> | null;
  readonly segments: Record<string, unknown> | null;
  readonly latencyMs: number | null;
  readonly error: string | null;
  readonly label: { readonly target: unknown; readonly ts: number; readonly receivedAt: number } | null;
}

function json(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export async function findRecord(
  storage: StorageHandle,
  modelId: string,
  recordId: string,
): Promise<RecordView | undefined> {
  const r = await storage.db
    .selectFrom('records')
    .leftJoin('versions', 'versions.id', 'records.version_id')
    .leftJoin('labels', (j) =>
      j.onRef('labels.model_id', '=', 'records.model_id').onRef('labels.record_id', '=', 'records.record_id'),
    )
    .select([
      'records.record_id as id',
      'records.ts as ts',
      'records.received_at as received_at',
      'records.version_id as version_id',
      'versions.name as version_name',
      'records.features_json as features_json',
      'records.prediction_json as prediction_json',
      'records.score as score',
      'records.scores_json as scores_json',
      'records.segments_json as segments_json',
      'records.latency_ms as latency_ms',
      'records.error as error',
      'labels.target_json as target_json',
      'labels.ts as label_ts',
      'labels.received_at as label_received_at',
    ])
    .where('records.model_id', '=', modelId)
    .where('records.record_id', '=', recordId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    ts: Number(r.ts),
    receivedAt: Number(r.received_at),
    versionId: r.version_id,
    versionName: r.version_name ?? null,
    features: (json(r.features_json) as Record<string, unknown> | null) ?? {},
    prediction: json(r.prediction_json),
    score: r.score === null ? null : Number(r.score),
    scores: json(r.scores_json) as Record<string, unknown> | null,
    segments: json(r.segments_json) as Record<string, unknown> | null,
    latencyMs: r.latency_ms === null ? null : Number(r.latency_ms),
    error: r.error,
    label:
      r.target_json === null || r.target_json === undefined
        ? null
        : { target: json(r.target_json), ts: Number(r.label_ts), receivedAt: Number(r.label_received_at) },
  };
}

/** A label that arrived before its prediction (it waits, joined when the prediction comes). */
export async function findPendingLabel(
  storage: StorageHandle,
  modelId: string,
  recordId: string,
): Promise<{ target: unknown; ts: number } | undefined> {
  const l = await storage.db
    .selectFrom('labels')
    .select(['target_json', 'ts'])
    .where('model_id', '=', modelId)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return l ? { target: json(l.target_json), ts: Number(l.ts) } : undefined;
}

/** Timestamp of the newest record, or null. */
export async function lastRecordTs(storage: StorageHandle, modelId: string): Promise<number | null> {
  const row = await storage.db
    .selectFrom('records')
    .select('ts')
    .where('model_id', '=', modelId)
    .orderBy('ts', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.ts) : null;
}

/**
 * Timestamp of the newest record (since `since`) that has its label — the label lag is now minus this — or
 * null. Walks the (model_id, ts) index backwards and stops at the first labelled record; a model without any
 * label answers at once.
 */
export async function lastLabelledTs(
  storage: StorageHandle,
  modelId: string,
  since: number,
): Promise<{ ts: number | null; anyLabel: boolean }> {
  const any = await storage.db
    .selectFrom('labels')
    .select('record_id')
    .where('model_id', '=', modelId)
    .limit(1)
    .executeTakeFirst();
  if (!any) return { ts: null, anyLabel: false };
  const row = await storage.db
    .selectFrom('records as r')
    .select('r.ts')
    .where('r.model_id', '=', modelId)
    .where('r.ts', '>=', since)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('labels as l')
          .select('l.record_id')
          .whereRef('l.model_id', '=', 'r.model_id')
          .whereRef('l.record_id', '=', 'r.record_id'),
      ),
    )
    .orderBy('r.ts', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { ts: row ? Number(row.ts) : null, anyLabel: true };
}
