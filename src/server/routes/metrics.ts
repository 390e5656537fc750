/**
 * `GET /metrics`: Prometheus text exposition format 0.0.4 (prom-client 15, one `Registry` per app — never the global
 * one, so two apps in one process, as in the tests, do not share figures).
 *
 * Families:
 * - `driftwatch_http_request_duration_seconds{method,route,status}` (histogram; `route` is the registered pattern,
 *   e.g. `/v1/projects/:project/models/:model/predictions`, so its cardinality is bounded).
 * - `driftwatch_ingest_queue_depth` (gauge): records waiting for the writer.
 * - `driftwatch_ingest_records_total{project,model,outcome}` (counter; outcome `accepted` | `duplicate` |
 *   `rejected`), from the ingest queue's own counters since this process started; `rate()` of it is the ingest rate.
 * - Per model, from the latest evaluated hourly window (all versions, whole window) in the `series` table:
 *   `driftwatch_model_drift_share`, `driftwatch_model_drifted_features`, `driftwatch_model_dataset_drift` (0/1),
 *   `driftwatch_model_error_rate`,
 *   `driftwatch_model_quality{metric}`, `driftwatch_model_quality_estimated{metric}` and
 *   `driftwatch_model_window_start_seconds` (which window the figures describe), labelled `project`, `model`.
 *
 * Access: a key with `read` (any project's, or the server key) unless the server runs with `--metrics-public`.
 * A project key sees only its own project's per-project series (one project's key never sees another project);
 * the process-wide families (latency, queue depth) carry no project data.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StorageHandle } from '../../storage/open-database.ts';
import { ApiError } from '../api-error.ts';
import { requirePrincipal } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { hasScope } from '../principal.ts';
import { bearerSecurity, errorResponses } from '../schemas/common.ts';

/** Prometheus text format 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface AppMetrics {
  readonly registry: Registry;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
}

const SERVICE = 'metrics.app';

/** The app's metric registry and process-wide instruments, created on first use and kept in `services`. */
export function appMetrics(services: Map<string, unknown>): AppMetrics {
  const existing = services.get(SERVICE) as AppMetrics | undefined;
  if (existing) return existing;
  const registry = new Registry();
  const httpDuration = new Histogram({
    name: 'driftwatch_http_request_duration_seconds',
    help: 'HTTP request latency, seconds, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'driftwatch_ingest_queue_depth',
    help: 'Records waiting for the database writer (ingestion answers 429 when it is full).',
    registers: [registry],
    collect() {
      this.set(queueDepth(services.get('ingest.queue')));
    },
  });
  const metrics: AppMetrics = { registry, httpDuration };
  services.set(SERVICE, metrics);
  return metrics;
}

/** Times every request into the latency histogram (register it early in the app). */
export function httpMetricsMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const deps = c.var.deps;
      if (deps) {
        // The last matched route that is not a middleware is the handler's pattern; none → unmatched (404).
        const handler = matchedRoutes(c)
          .filter((r) => r.method !== 'ALL')
          .at(-1);
        appMetrics(deps.services).httpDuration.observe(
          { method: c.req.method, route: handler?.path ?? 'unmatched', status: String(c.res?.status ?? 500) },
          (performance.now() - started) / 1000,
        );
      }
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The ingest queue is another module's service; read it defensively so /metrics never fails because of it.

function numberOf(v: unknown): number | undefined {
  if (typeof v === 'function') {
    try {
      return numberOf((v as () => unknown)());
    } catch {
      return undefined;
    }
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function queueDepth(queue: unknown): number {
  if (!queue || typeof queue !== 'object') return 0;
  const q = queue as Record<string, unknown>;
  const depth = typeof q.depth === 'function' ? numberOf(() => (q.depth as () => unknown).call(q)) : q.depth;
  return numberOf(depth) ?? 0;
}

/** One row of cumulative ingest counts. */
export interface IngestCount {
  readonly project?: string | undefined;
  readonly model?: string | undefined;
  readonly modelId?: string | undefined;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

function toCount(v: unknown, key?: string): IngestCount | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  const accepted = numberOf(o.accepted) ?? numberOf(o.records) ?? numberOf(o.stored);
  if (accepted === undefined) return undefined;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  let project = str(o.project) ?? str(o.projectName);
  let model = str(o.model) ?? str(o.modelName);
  const modelId = str(o.modelId);
  if (key !== undefined && project === undefined && model === undefined && modelId === undefined) {
    // Keys like `project\u0000model` or `project/model`.
    const parts = key.split(key.includes('\u0000') ? '\u0000' : '/');
    if (parts.length === 2) [project, model] = parts;
  }
  return {
    project,
    model,
    modelId,
    accepted,
    duplicates: numberOf(o.duplicates) ?? 0,
    rejected: numberOf(o.rejected) ?? 0,
  };
}

/**
 * Reads the ingest queue's cumulative counters, whatever their container: `counters`/`stats`/`totals` as a value
 * or a function returning a `{ accepted, duplicates?, rejected? }`, an array of such rows (with `project`/`model`
 * or `modelId`), a Map or an object of them.
 */
export function readIngestCounts(queue: unknown): IngestCount[] {
  if (!queue || typeof queue !== 'object') return [];
  const q = queue as Record<string, unknown>;
  let src: unknown;
  for (const name of ['counters', 'stats', 'totals', 'counts']) {
    const v = q[name];
    if (v === undefined) continue;
    try {
      src = typeof v === 'function' ? (v as () => unknown).call(q) : v;
    } catch {
      src = undefined;
    }
    if (src !== undefined) break;
  }
  if (!src || typeof src !== 'object') return [];
  const single = toCount(src);
  if (single) return [single];
  const out: IngestCount[] = [];
  const entries: [string | undefined, unknown][] = Array.isArray(src)
    ? src.map((v) => [undefined, v])
    : src instanceof Map
      ? [...src.entries()].map(([k, v]) => [String(k), v])
      : Object.entries(src);
  for (const [k, v] of entries) {
    const c = toCount(v, k);
    if (c) out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

interface ModelRef {
  readonly modelId: string;
  readonly projectId: string;
  readonly project: string;
  readonly model: string;
}

async function modelRefs(storage: StorageHandle, projectId: string | null): Promise<ModelRef[]> {
  let q = storage.db
    .selectFrom('models')
    .innerJoin('projects', 'projects.id', 'models.project_id')
    .select([
      'models.id as modelId',
      'models.project_id as projectId',
      'projects.name as project',
      'models.name as model',
    ]);
  if (projectId !== null) q = q.where('models.project_id', '=', projectId);
  return q.execute();
}

/** Series names written by the window evaluator (src/monitor/window-series.ts). */
const DRIFT_SHARE = 'drift.share';
const DRIFT_COUNT = 'drift.count';
const DRIFT_DATASET = 'drift.dataset';
const ERROR_RATE = 'health.errorRate';

export interface ModelGauges {
  readonly startMs: number;
  readonly driftShare?: number;
  readonly driftedFeatures?: number;
  readonly datasetDrift?: number;
  readonly errorRate?: number;
  readonly quality: Readonly<Record<string, number>>;
  readonly qualityEstimated: Readonly<Record<string, number>>;
}

/** The latest evaluated hourly window's figures for each model (all versions, whole window). */
export async function latestModelGauges(
  storage: StorageHandle,
  modelIds: readonly string[],
): Promise<Map<string, ModelGauges>> {
  const out = new Map<string, ModelGauges>();
  if (modelIds.length === 0) return out;
  const latest = await storage.db
    .selectFrom('windows')
    .select(['model_id', (eb) => eb.fn.max('start_ms').as('start_ms')])
    .where('granularity', '=', '1h')
    .where('version_key', '=', '*')
    .where('evaluated_at', 'is not', null)
    .where('model_id', 'in', modelIds)
    .groupBy('model_id')
    .execute();
  for (const { model_id, start_ms } of latest) {
    const startMs = Number(start_ms);
    const rows = await storage.db
      .selectFrom('series')
      .select(['metric', 'value'])
      .where('model_id', '=', model_id)
      .where('granularity', '=', '1h')
      .where('version_key', '=', '*')
      .where('segment', '=', '')
      .where('start_ms', '=', startMs)
      .where((eb) =>
        eb.or([
          eb('metric', 'in', [DRIFT_SHARE, DRIFT_COUNT, DRIFT_DATASET, ERROR_RATE]),
          eb('metric', 'like', 'quality.%'),
        ]),
      )
      .execute();
    const byName = new Map<string, number>();
    for (const r of rows) if (r.value !== null && Number.isFinite(r.value)) byName.set(r.metric, r.value);
    let driftedFeatures = byName.get(DRIFT_COUNT);
    if (driftedFeatures === undefined)
      driftedFeatures = await driftedCountFromResult(storage, model_id, startMs);
    const quality: Record<string, number> = {};
    const qualityEstimated: Record<string, number> = {};
    for (const [name, value] of byName) {
      if (name.startsWith('quality.estimated.')) qualityEstimated[name.slice(18)] = value;
      else if (name.startsWith('quality.') && !name.slice(8).includes('.')) quality[name.slice(8)] = value;
    }
    const share = byName.get(DRIFT_SHARE);
    const datasetDrift = byName.get(DRIFT_DATASET);
    const errorRate = byName.get(ERROR_RATE);
    out.set(model_id, {
      startMs,
      ...(share !== undefined ? { driftShare: share } : {}),
      ...(driftedFeatures !== undefined ? { driftedFeatures } : {}),
      ...(datasetDrift !== undefined ? { datasetDrift } : {}),
      ...(errorRate !== undefined ? { errorRate } : {}),
      quality,
      qualityEstimated,
    });
  }
  return out;
}

/** Fallback when the window has no `drift.count` series: the window's report (`drift.driftedCount`). */
async function driftedCountFromResult(
  storage: StorageHandle,
  modelId: string,
  startMs: number,
): Promise<number | undefined> {
  const row = await storage.db
    .selectFrom('windows')
    .select('result_json')
    .where('model_id', '=', modelId)
    .where('granularity', '=', '1h')
    .where('version_key', '=', '*')
    .where('start_ms', '=', startMs)
    .executeTakeFirst();
  if (!row?.result_json) return undefined;
  try {
    const n = (JSON.parse(row.result_json) as { drift?: { driftedCount?: unknown } }).drift?.driftedCount;
    return typeof n === 'number' ? n : undefined;
  } catch {
    return undefined;
  }
}

/** The per-project families, built fresh for each scrape and limited to what the caller may see. */
async function projectMetricsText(
  storage: StorageHandle,
  services: Map<string, unknown>,
  projectId: string | null,
): Promise<string> {
  const registry = new Registry();
  const refs = await modelRefs(storage, projectId);
  const byId = new Map(refs.map((r) => [r.modelId, r]));
  const labels = ['project', 'model'] as const;

  const ingested = new Counter({
    name: 'driftwatch_ingest_records_total',
    help: 'Records received by this server process, by outcome (accepted, duplicate, rejected).',
    labelNames: ['project', 'model', 'outcome'] as const,
    registers: [registry],
  });
  const visibleProjects = new Set(refs.map((r) => r.project));
  for (const c of readIngestCounts(services.get('ingest.queue'))) {
    const ref = c.modelId !== undefined ? byId.get(c.modelId) : undefined;
    const project = ref?.project ?? c.project ?? '';
    const model = ref?.model ?? c.model ?? '';
    if (c.modelId !== undefined && !ref) continue; // another project's model (or deleted)
    if (projectId !== null && !(ref || (c.project !== undefined && visibleProjects.has(c.project)))) continue;
    ingested.inc({ project, model, outcome: 'accepted' }, c.accepted);
    if (c.duplicates) ingested.inc({ project, model, outcome: 'duplicate' }, c.duplicates);
    if (c.rejected) ingested.inc({ project, model, outcome: 'rejected' }, c.rejected);
  }

  const share = new Gauge({
    name: 'driftwatch_model_drift_share',
    help: 'Share of drifted features in the latest evaluated hourly window (all versions).',
    labelNames: labels,
    registers: [registry],
  });
  const drifted = new Gauge({
    name: 'driftwatch_model_drifted_features',
    help: 'Number of drifted features in the latest evaluated hourly window.',
    labelNames: labels,
    registers: [registry],
  });
  const datasetDrift = new Gauge({
    name: 'driftwatch_model_dataset_drift',
    help: '1 when the latest evaluated hourly window shows dataset drift (drift share at or above the threshold), else 0.',
    labelNames: labels,
    registers: [registry],
  });
  const errorRate = new Gauge({
    name: 'driftwatch_model_error_rate',
    help: 'Share of records with an error in the latest evaluated hourly window.',
    labelNames: labels,
    registers: [registry],
  });
  const quality = new Gauge({
    name: 'driftwatch_model_quality',
    help: 'Model-quality metric (labelled records) in the latest evaluated hourly window.',
    labelNames: ['project', 'model', 'metric'] as const,
    registers: [registry],
  });
  const estimated = new Gauge({
    name: 'driftwatch_model_quality_estimated',
    help: 'Estimated model-quality metric (no labels needed) in the latest evaluated hourly window.',
    labelNames: ['project', 'model', 'metric'] as const,
    registers: [registry],
  });
  const windowStart = new Gauge({
    name: 'driftwatch_model_window_start_seconds',
    help: 'Start (Unix time, seconds) of the hourly window the driftwatch_model_* gauges describe.',
    labelNames: labels,
    registers: [registry],
  });
  const gauges = await latestModelGauges(
    storage,
    refs.map((r) => r.modelId),
  );
  for (const [modelId, g] of gauges) {
    const ref = byId.get(modelId);
    if (!ref) continue;
    const l = { project: ref.project, model: ref.model };
    windowStart.set(l, g.startMs / 1000);
    if (g.driftShare !== undefined) share.set(l, g.driftShare);
    if (g.driftedFeatures !== undefined) drifted.set(l, g.driftedFeatures);
    if (g.datasetDrift !== undefined) datasetDrift.set(l, g.datasetDrift);
    if (g.errorRate !== undefined) errorRate.set(l, g.errorRate);
    for (const [metric, v] of Object.entries(g.quality)) quality.set({ ...l, metric }, v);
    for (const [metric, v] of Object.entries(g.qualityEstimated)) estimated.set({ ...l, metric }, v);
  }
  return registry.metrics();
}

export function registerMetricsRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      summary:
        'Prometheus metrics (text format 0.0.4); needs a `read` key unless the server runs with --metrics-public',
      security: bearerSecurity,
      responses: {
        200: {
          description: 'Prometheus text exposition format 0.0.4',
          content: { 'text/plain': { schema: z.string() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = c.var.deps;
      let projectId: string | null = null;
      if (!deps.options.metricsPublic) {
        const principal = requirePrincipal(c);
        if (!hasScope(principal, 'read'))
          throw new ApiError(403, 'DW_FORBIDDEN', 'This key lacks the `read` scope');
        projectId = principal.projectId;
      }
      const { registry } = appMetrics(deps.services);
      const text =
        (await registry.metrics()) + (await projectMetricsText(deps.storage, deps.services, projectId));
      return c.text(text, 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE });
    },
  );
}
