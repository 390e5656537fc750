/**
 * The ingestion pipeline behind the three ingest endpoints: validate → resolve (or create) the model and infer or
 * extend its schema → resolve versions and check their contracts → serialise rows → hand them to the write queue →
 * answer after the commit with `{ accepted, duplicates, rejected, errors }`.
 *
 * Models, versions and contracts are cached per process for a short time (`CACHE_MS`): the hot path does no
 * registry lookups. An alias moved through the registry (here or on another node) is seen within `CACHE_MS`.
 * @module
 */
import { parseContract } from '../../core/schema/contract.ts';
import {
  createImplicitVersion,
  createModel,
  defaultVersion,
  findModel,
  findVersionByNameOrAlias,
  type Model,
  type ModelSchema,
  setModelSchema,
} from '../../storage/models-store.ts';
import type { Project } from '../../storage/projects-store.ts';
import {
  type FeedbackRow,
  findVersionInfo,
  type IngestOp,
  type IngestOutcome,
  type LabelRow,
  type PredictionRow,
  writeIngestOps,
} from '../../storage/records-store.ts';
import { ApiError } from '../api-error.ts';
import type { ServerDeps } from '../context.ts';
import type { Principal } from '../principal.ts';
import { INGEST_LIMITS } from './limits.ts';
import { applyModelSchema, mergeSchemas } from './model-schema.ts';
import type { RecordsBody } from './read-body.ts';
import { compileRecordContract, type RecordContract } from './record-contract.ts';
import type { IngestResult } from './record-schemas.ts';
import {
  ErrorSink,
  type PredictionInput,
  validateFeedback,
  validateLabels,
  validatePredictions,
} from './validate-records.ts';
import { IngestQueue, QueueClosedError, QueueFullError } from './write-queue.ts';

/** How long model/version/contract lookups are reused, ms. */
export const CACHE_MS = 2000;

export const INGEST_QUEUE_SERVICE = 'ingest.queue';
export const INGEST_SERVICE = 'ingest.service';

interface CachedModel {
  model: Model;
  until: number;
}

interface CachedVersion {
  readonly id: string;
  readonly name: string;
  readonly contract: RecordContract | null;
  readonly until: number;
}

export interface IngestRequest {
  readonly project: Project;
  readonly principal: Principal;
  readonly modelName: string;
  readonly body: RecordsBody;
}

export class IngestService {
  readonly queue: IngestQueue;
  readonly #deps: ServerDeps;
  readonly #models = new Map<string, CachedModel>();
  readonly #versions = new Map<string, CachedVersion>();
  readonly #contracts = new Map<string, { json: string; compiled: RecordContract | null }>();
  readonly #schemaLocks = new Map<string, Promise<unknown>>();

  constructor(deps: ServerDeps, queue?: IngestQueue) {
    this.#deps = deps;
    this.queue =
      queue ??
      new IngestQueue((ops) => writeIngestOps(deps.storage, ops, deps.now()), {
        maxQueuedRecords: deps.options.maxQueuedRecords,
        log: deps.log,
      });
  }

  /** Answers 429/503 before the body is read when the queue is full or closed. */
  precheck(): void {
    this.#admit(1);
  }

  async ingestPredictions(req: IngestRequest): Promise<IngestResult> {
    const { items, lines } = req.body;
    this.#admit(items.length);
    const sink = new ErrorSink(lines);
    const valid = validatePredictions(items, sink);
    const model = await this.#model(req, valid.length > 0, valid);
    if (!model) return result({ accepted: 0, duplicates: 0 }, items.length, sink);
    const labels = { project: req.project.name, model: model.name, modelId: model.id };

    const { accepted: typed, schema } = applyModelSchema(model.schema, valid, sink);
    if (schema) await this.#saveSchema(model, schema);

    const versions = await this.#resolveVersions(model, req.project, typed);
    const receivedAt = this.#deps.now();
    const rows: PredictionRow[] = [];
    for (const r of typed) {
      const v = versions.get(r.version ?? '')!;
      if (v.contract && !v.contract.check(r, sink)) continue;
      rows.push(toRow(r, v.id, receivedAt));
    }
    const rejected = items.length - rows.length;
    this.queue.noteRejected('predictions', rejected, labels);
    const outcome = await this.#submit({ kind: 'predictions', modelId: model.id, rows }, labels);
    return result(outcome, rejected, sink);
  }

  async ingestLabels(req: IngestRequest): Promise<IngestResult> {
    const { items, lines } = req.body;
    this.#admit(items.length);
    const sink = new ErrorSink(lines);
    const valid = validateLabels(items, sink);
    const model = await this.#model(req, valid.length > 0, undefined);
    if (!model) return result({ accepted: 0, duplicates: 0 }, items.length, sink);
    const receivedAt = this.#deps.now();
    const rows: LabelRow[] = valid.map((l) => ({
      recordId: l.id,
      targetJson: JSON.stringify(l.target),
      ts: l.ts ?? receivedAt,
      receivedAt,
    }));
    const rejected = items.length - rows.length;
    const labels = { project: req.project.name, model: model.name, modelId: model.id };
    this.queue.noteRejected('labels', rejected, labels);
    const outcome = await this.#submit(
      {
        kind: 'labels',
        modelId: model.id,
        projectId: req.project.id,
        modelName: model.name,
        actor: req.principal.keyId,
        rows,
      },
      labels,
    );
    return result(outcome, rejected, sink);
  }

  async ingestFeedback(req: IngestRequest): Promise<IngestResult> {
    const { items, lines } = req.body;
    this.#admit(items.length);
    const sink = new ErrorSink(lines);
    const valid = validateFeedback(items, sink);
    const model = await this.#model(req, valid.length > 0, undefined);
    if (!model) return result({ accepted: 0, duplicates: 0 }, items.length, sink);
    const receivedAt = this.#deps.now();
    const rows: FeedbackRow[] = valid.map((f) => ({
      clientId: f.id,
      recordId: f.recordId,
      at: f.ts ?? receivedAt,
      receivedAt,
      kind: f.kind ?? null,
      valueJson: f.value === undefined || f.value === null ? null : JSON.stringify(f.value),
      comment: f.comment ?? null,
      author: f.author ?? null,
    }));
    const rejected = items.length - rows.length;
    const labels = { project: req.project.name, model: model.name, modelId: model.id };
    this.queue.noteRejected('feedback', rejected, labels);
    const outcome = await this.#submit({ kind: 'feedback', modelId: model.id, rows }, labels);
    return result(outcome, rejected, sink);
  }

  /** Forgets cached models/versions (tests; after registry changes made through this process). */
  invalidate(): void {
    this.#models.clear();
    this.#versions.clear();
  }

  #admit(size: number): void {
    try {
      this.queue.admit(size);
    } catch (e) {
      throw queueError(e);
    }
  }

  async #submit(op: IngestOp, labels: { project: string; model: string }): Promise<IngestOutcome> {
    if (op.rows.length === 0) return { accepted: 0, duplicates: 0 };
    try {
      return await this.queue.submit(op, labels);
    } catch (e) {
      throw queueError(e);
    }
  }

  /**
   * The model named in the path: cached, else looked up, else created (its schema inferred from `firstBatch` when
   * given) — or 404 under `strictModels`. A batch without a single valid record does not create a model
   * (`create` false → undefined).
   */
  async #model(
    req: IngestRequest,
    create: boolean,
    firstBatch: readonly PredictionInput[] | undefined,
  ): Promise<Model | undefined> {
    const key = `${req.project.id}\u0000${req.modelName}`;
    const now = Date.now();
    const hit = this.#models.get(key);
    if (hit && hit.until > now) return hit.model;
    let model = await findModel(this.#deps.storage, req.project.id, req.modelName);
    if (!model) {
      if (this.#deps.options.strictModels) {
        throw new ApiError(
          404,
          'DW_MODEL_NOT_FOUND',
          `Model ${JSON.stringify(req.modelName)} does not exist in project ${JSON.stringify(req.project.name)} ` +
            '(the server runs with --strict-models: register it first)',
          { field: 'model' },
        );
      }
      if (!create) return undefined;
      const inferred = firstBatch ? applyModelSchema(null, firstBatch, new ErrorSink()).schema : undefined;
      model = await createModel(this.#deps.storage, {
        projectId: req.project.id,
        name: req.modelName,
        schema: inferred ?? null,
        actor: req.principal.keyId,
        now: this.#deps.now(),
      });
    }
    if (this.#models.size > 10_000) this.#models.clear();
    this.#models.set(key, { model, until: now + CACHE_MS });
    return model;
  }

  /** Stores a widened/extended schema (merged with the stored one; one writer per model in this process). */
  async #saveSchema(model: Model, schema: ModelSchema): Promise<void> {
    const prev = this.#schemaLocks.get(model.id) ?? Promise.resolve();
    const next = prev
      .catch(() => {})
      .then(async () => {
        const fresh = await findModel(this.#deps.storage, model.projectId, model.name);
        const merged = mergeSchemas(fresh?.schema ?? null, schema);
        await setModelSchema(this.#deps.storage, model.id, merged);
        const updated: Model = { ...(fresh ?? model), schema: merged };
        this.#models.set(`${model.projectId}\u0000${model.name}`, {
          model: updated,
          until: Date.now() + CACHE_MS,
        });
      });
    this.#schemaLocks.set(model.id, next);
    try {
      await next;
    } finally {
      if (this.#schemaLocks.get(model.id) === next) this.#schemaLocks.delete(model.id);
    }
  }

  /** Resolves every distinct `version` of the batch ('' = default) to a version with its compiled contract. */
  async #resolveVersions(
    model: Model,
    project: Project,
    records: readonly PredictionInput[],
  ): Promise<Map<string, CachedVersion>> {
    const out = new Map<string, CachedVersion>();
    for (const r of records) {
      const name = r.version ?? '';
      if (out.has(name)) continue;
      out.set(name, await this.#version(model, project, name));
    }
    return out;
  }

  async #version(model: Model, project: Project, name: string): Promise<CachedVersion> {
    const key = `${model.id}\u0000${name}`;
    const now = Date.now();
    const hit = this.#versions.get(key);
    if (hit && hit.until > now) return hit;
    const storage = this.#deps.storage;
    const at = this.#deps.now();
    // '' = no `version`: the production alias, else the newest version, else an implicit v1. `production` named
    // explicitly but not set resolves the same way (rather than creating a version called "production"); any
    // other unknown name creates an implicit version of that name.
    const found = name === '' ? undefined : await findVersionByNameOrAlias(storage.db, model.id, name);
    const ref =
      found ??
      (name === '' || name === 'production'
        ? await defaultVersion(storage, model.id, project.id, at)
        : await createImplicitVersion(storage, model.id, project.id, name, at));
    const info = await findVersionInfo(storage, ref.id);
    const entry: CachedVersion = {
      id: ref.id,
      name: ref.name,
      contract: this.#contract(ref.id, info?.contractJson ?? null),
      until: now + CACHE_MS,
    };
    if (this.#versions.size > 10_000) this.#versions.clear();
    this.#versions.set(key, entry);
    return entry;
  }

  #contract(versionId: string, json: string | null): RecordContract | null {
    if (json === null) return null;
    const hit = this.#contracts.get(versionId);
    if (hit && hit.json === json) return hit.compiled;
    let compiled: RecordContract | null = null;
    try {
      compiled = compileRecordContract(
        parseContract(JSON.parse(json), { source: `version ${versionId} contract` }),
      );
    } catch (e) {
      // The registry validates contracts on upload; a stored one that no longer parses must not stop ingestion.
      this.#deps.log.warn('ignoring an invalid stored contract', {
        versionId,
        error: String((e as Error).message),
      });
    }
    if (this.#contracts.size > 10_000) this.#contracts.clear();
    this.#contracts.set(versionId, { json, compiled });
    return compiled;
  }
}

function toRow(r: PredictionInput, versionId: string, receivedAt: number): PredictionRow {
  return {
    recordId: r.id,
    versionId,
    ts: r.ts ?? receivedAt,
    receivedAt,
    featuresJson: JSON.stringify(r.features),
    predictionJson: r.prediction === undefined || r.prediction === null ? null : JSON.stringify(r.prediction),
    score: r.score ?? null,
    scoresJson: r.scores === undefined ? null : JSON.stringify(r.scores),
    segmentsJson: r.segments === undefined ? null : JSON.stringify(r.segments),
    latencyMs: r.latencyMs ?? null,
    error: r.error ?? null,
  };
}

function result(outcome: IngestOutcome, rejected: number, sink: ErrorSink): IngestResult {
  const errors =
    sink.errors.length > INGEST_LIMITS.errorsPerReply
      ? sink.errors.slice(0, INGEST_LIMITS.errorsPerReply)
      : sink.errors;
  return { accepted: outcome.accepted, duplicates: outcome.duplicates, rejected, errors };
}

function queueError(e: unknown): unknown {
  if (e instanceof QueueFullError) {
    return new ApiError(429, 'DW_QUEUE_FULL', `${e.message} (in ${e.retryAfterSeconds} s)`, {
      headers: { 'Retry-After': String(e.retryAfterSeconds) },
    });
  }
  if (e instanceof QueueClosedError) {
    return new ApiError(503, 'DW_SHUTTING_DOWN', e.message, { headers: { 'Retry-After': '5' } });
  }
  if (e instanceof ApiError) return e;
  return new ApiError(503, 'DW_STORAGE_UNAVAILABLE', 'The records could not be stored; retry later', {
    headers: { 'Retry-After': '1' },
  });
}

/** The process's ingest service (created on first use; its queue is also registered as `ingest.queue`). */
export function ingestService(deps: ServerDeps): IngestService {
  let s = deps.services.get(INGEST_SERVICE) as IngestService | undefined;
  if (!s) {
    const existing = deps.services.get(INGEST_QUEUE_SERVICE);
    s = new IngestService(deps, existing instanceof IngestQueue ? existing : undefined);
    deps.services.set(INGEST_SERVICE, s);
    deps.services.set(INGEST_QUEUE_SERVICE, s.queue);
  }
  return s;
}

/** The process's write queue (created on first use) — `serve` calls `close()` on it at shutdown. */
export function ingestQueue(deps: ServerDeps): IngestQueue {
  return ingestService(deps).queue;
}
