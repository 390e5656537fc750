/**
 * Test data for the monitor: projects, models and versions inserted directly, records and labels inserted with SQL
 * (as ingestion stores them, touching their windows in the same transaction), and an evaluator on given storage.
 */
import { sql } from 'kysely';
import { type EvaluatorOptions, WindowEvaluator } from '../../src/monitor/evaluator.ts';
import {
  defaultServerOptions,
  type ServerDeps,
  type ServerOptions,
  silentLogger,
} from '../../src/server/context.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { touchWindows } from '../../src/storage/windows-store.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Monday 2026-01-05T00:00:00Z. */
export const DAY0 = Date.UTC(2026, 0, 5);

export interface ModelIds {
  readonly projectId: string;
  readonly modelId: string;
  readonly versionId: string;
}

let counter = 0;

export async function setupModel(
  handle: StorageHandle,
  options: {
    project?: string;
    model?: string;
    version?: string;
    schema?: unknown;
    config?: unknown;
    versionConfig?: unknown;
    contract?: unknown;
    referenceJson?: string | null;
    referenceSource?: unknown;
    production?: boolean;
    createdAt?: number;
  } = {},
): Promise<ModelIds> {
  counter++;
  const projectName = options.project ?? `proj-${counter}`;
  const db = handle.db;
  let project = await db
    .selectFrom('projects')
    .select('id')
    .where('name', '=', projectName)
    .executeTakeFirst();
  if (!project) {
    project = { id: `P${counter}` };
    await db
      .insertInto('projects')
      .values({ id: project.id, name: projectName, created_at: DAY0, created_by: null })
      .execute();
  }
  const modelId = `M${counter}`;
  const versionId = `V${counter}`;
  await db
    .insertInto('models')
    .values({
      id: modelId,
      project_id: project.id,
      name: options.model ?? `model-${counter}`,
      created_at: DAY0,
      schema_json: options.schema === undefined ? null : JSON.stringify(options.schema),
      config_json: options.config === undefined ? null : JSON.stringify(options.config),
    })
    .execute();
  await addVersion(handle, modelId, {
    id: versionId,
    name: options.version ?? 'v1',
    ...(options.versionConfig !== undefined ? { config: options.versionConfig } : {}),
    ...(options.contract !== undefined ? { contract: options.contract } : {}),
    ...(options.referenceJson !== undefined ? { referenceJson: options.referenceJson } : {}),
    ...(options.referenceSource !== undefined ? { referenceSource: options.referenceSource } : {}),
    ...(options.createdAt !== undefined ? { createdAt: options.createdAt } : {}),
  });
  if (options.production) await setAlias(handle, modelId, 'production', versionId);
  return { projectId: project.id, modelId, versionId };
}

export async function addVersion(
  handle: StorageHandle,
  modelId: string,
  v: {
    id: string;
    name: string;
    config?: unknown;
    contract?: unknown;
    referenceJson?: string | null;
    referenceSource?: unknown;
    createdAt?: number;
  },
): Promise<void> {
  await handle.db
    .insertInto('versions')
    .values({
      id: v.id,
      model_id: modelId,
      name: v.name,
      created_at: v.createdAt ?? DAY0,
      created_by: null,
      contract_json: v.contract === undefined ? null : JSON.stringify(v.contract),
      reference_json: v.referenceJson ?? null,
      reference_source_json: v.referenceSource === undefined ? null : JSON.stringify(v.referenceSource),
      features_json: null,
      fingerprint: null,
      environment_json: null,
      evaluation_json: null,
      validation_json: null,
      tags_json: null,
      config_json: v.config === undefined ? null : JSON.stringify(v.config),
    })
    .execute();
}

export async function setAlias(handle: StorageHandle, modelId: string, alias: string, versionId: string) {
  await handle.db
    .insertInto('aliases')
    .values({ model_id: modelId, alias, version_id: versionId, updated_at: DAY0, updated_by: null })
    .onConflict((oc) => oc.columns(['model_id', 'alias']).doUpdateSet({ version_id: versionId }))
    .execute();
}

export interface TestRecord {
  readonly id: string;
  readonly ts: number;
  readonly versionId: string;
  readonly features: Record<string, unknown>;
  readonly prediction?: unknown;
  readonly score?: number;
  readonly scores?: Record<string, number>;
  readonly segments?: Record<string, unknown>;
  readonly latencyMs?: number;
  readonly error?: string;
  readonly receivedAt?: number;
}

/** Inserts records and touches their windows in one transaction (what ingestion does). */
export async function insertRecords(handle: StorageHandle, modelId: string, records: readonly TestRecord[]) {
  await handle.db.transaction().execute(async (tx) => {
    for (let i = 0; i < records.length; i += 500) {
      const part = records.slice(i, i + 500);
      await tx
        .insertInto('records')
        .values(
          part.map((r) => ({
            model_id: modelId,
            record_id: r.id,
            version_id: r.versionId,
            ts: r.ts,
            received_at: r.receivedAt ?? r.ts,
            features_json: JSON.stringify(r.features),
            prediction_json: r.prediction === undefined ? null : JSON.stringify(r.prediction),
            score: r.score ?? null,
            scores_json: r.scores ? JSON.stringify(r.scores) : null,
            segments_json: r.segments ? JSON.stringify(r.segments) : null,
            latency_ms: r.latencyMs ?? null,
            error: r.error ?? null,
          })),
        )
        .execute();
    }
    await touchWindows(
      tx,
      records.map((r) => ({ modelId, versionId: r.versionId, tsMs: r.ts })),
    );
  });
}

/** Upserts labels; touches the windows of the labelled records that exist (with the record's time and version). */
export async function insertLabels(
  handle: StorageHandle,
  modelId: string,
  labels: readonly { id: string; target: unknown; ts?: number; receivedAt?: number }[],
) {
  await handle.db.transaction().execute(async (tx) => {
    for (const l of labels) {
      await tx
        .insertInto('labels')
        .values({
          model_id: modelId,
          record_id: l.id,
          target_json: JSON.stringify(l.target),
          ts: l.ts ?? DAY0,
          received_at: l.receivedAt ?? l.ts ?? DAY0,
        })
        .onConflict((oc) =>
          oc.columns(['model_id', 'record_id']).doUpdateSet({
            target_json: sql`excluded.target_json`,
            received_at: sql`excluded.received_at`,
          }),
        )
        .execute();
    }
    const ids = labels.map((l) => l.id);
    const recs =
      ids.length === 0
        ? []
        : await tx
            .selectFrom('records')
            .select(['version_id', 'ts'])
            .where('model_id', '=', modelId)
            .where('record_id', 'in', ids)
            .execute();
    await touchWindows(
      tx,
      recs.map((r) => ({ modelId, versionId: r.version_id, tsMs: Number(r.ts) })),
    );
  });
}

export function makeDeps(
  handle: StorageHandle,
  options: Partial<ServerOptions> = {},
  now: () => number = () => Date.now(),
): ServerDeps {
  return {
    storage: handle,
    options: { ...defaultServerOptions, retentionDays: 3650, ...options },
    now,
    log: silentLogger,
    services: new Map(),
  };
}

export function makeEvaluator(
  handle: StorageHandle,
  options: Partial<ServerOptions> = {},
  now: () => number = () => Date.now(),
  evaluatorOptions: EvaluatorOptions = {},
): WindowEvaluator {
  return new WindowEvaluator(makeDeps(handle, options, now), evaluatorOptions);
}

/** A settable clock. */
export function clock(start: number): { now: () => number; set: (ms: number) => void } {
  let t = start;
  return { now: () => t, set: (ms: number) => (t = ms) };
}

/** Deterministic pseudo-random numbers in [0, 1) (MINSTD). */
export function lcg(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}
