/**
 * The monitor's query API (scope `read`; evaluating on demand needs `admin`):
 * - `GET …/models/{model}/series?metric=…&from=…&to=…&window=1h|1d&segment=…&version=…` — one metric's points;
 * - `GET …/models/{model}/windows?window=1h&from&to&version` — the windows with status, revision and rows;
 * - `GET …/models/{model}/windows/{start}?window=1h&version=` — a window's stored report (the CLI's JSON shape) and
 *   its `window` block (status, revision, revised, reference);
 * - `POST …/models/{model}/windows/{start}/evaluate?window=1h&version=` — evaluate it now;
 * - `GET …/models/{model}/health?from&to&version` — latency percentiles, error rate and throughput of the raw
 *   records of a range (exact).
 * Instants are RFC 3339 (with a zone) or epoch milliseconds; replies use RFC 3339 UTC.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { StoredWindowResult } from '../../monitor/evaluate-window.ts';
import { getEvaluator } from '../../monitor/evaluator.ts';
import { healthFigures } from '../../monitor/health.ts';
import {
  forEachHealthPage,
  getWindow,
  listWindows,
  type WindowState,
} from '../../storage/evaluation-store.ts';
import type { Model } from '../../storage/models-store.ts';
import { querySeries } from '../../storage/series-store.ts';
import { DAY_MS, type Granularity, granularityMs } from '../../storage/windows-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, errorResponses, ModelParams, rfc3339 } from '../schemas/common.ts';
import { requireModel, requireVersion } from './registry-common.ts';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const MAX_MS = 8.64e15;

/** Epoch ms of an RFC 3339 string (with a zone) or of epoch-ms digits; throws a 400 naming the field. */
export function parseInstant(value: string, field: string): number {
  const v = value.trim();
  let ms = Number.NaN;
  if (/^-?\d{1,16}$/.test(v)) ms = Number(v);
  else if (RFC3339.test(v)) ms = Date.parse(v);
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) {
    throw new ApiError(
      400,
      'DW_VALIDATION',
      `Invalid query at \`${field}\`: expected an RFC 3339 date-time with a zone (2026-01-31T12:00:00Z) or epoch milliseconds, got ${JSON.stringify(value.slice(0, 64))}`,
      { field },
    );
  }
  return ms;
}

const Instant = z.string().max(64).openapi({
  description: 'RFC 3339 date-time with a zone, or epoch milliseconds',
  example: '2026-01-31T00:00:00Z',
});
const WindowParam = z
  .enum(['1h', '1d'])
  .optional()
  .openapi({ description: 'Window length: `1h` (default) or `1d`' });
const VersionParam = z
  .string()
  .min(1)
  .max(128)
  .optional()
  .openapi({ description: 'Version name or alias; default all versions' });

const RangeQuery = z.object({
  from: Instant.optional().openapi({ description: 'Start (inclusive); default 30 days before `to`' }),
  to: Instant.optional().openapi({ description: 'End (exclusive); default now' }),
});

const SeriesQuery = RangeQuery.extend({
  metric: z.string().min(1).max(300).openapi({
    description: 'Dotted metric name, e.g. `drift.share`, `drift.feature.age`, `quality.f1`',
    example: 'drift.share',
  }),
  window: WindowParam,
  segment: z.string().max(600).optional().openapi({
    description:
      'A segment `column=value` (pairs joined with `&`, percent-encoded); default the whole window',
  }),
  version: VersionParam,
});

const PointSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    value: z
      .number()
      .nullable()
      .openapi({ description: 'null when undefined for the window (e.g. no labels yet)' }),
    exact: z
      .boolean()
      .openapi({ description: 'Computed from raw rows against an exact reference (else sketched)' }),
    rows: z
      .number()
      .int()
      .openapi({ description: 'Rows behind the figure (labelled rows for quality metrics)' }),
    method: z.string().nullable().openapi({ description: 'Drift method id(s)' }),
  })
  .openapi('SeriesPoint');

const SeriesResponse = z
  .object({
    metric: z.string(),
    window: z.enum(['1h', '1d']),
    version: z.string().openapi({ description: '`*` for all versions, else the version name' }),
    segment: z.string(),
    from: z.string(),
    to: z.string(),
    points: z.array(PointSchema),
  })
  .openapi('Series');

const WindowStatus = z.enum(['pending', 'evaluating', 'evaluated', 'dirty']).openapi({
  description: 'dirty: late records or labels arrived after an evaluation; it is evaluated again',
});

const WindowSummarySchema = z
  .object({
    start: z.string(),
    end: z.string(),
    status: WindowStatus,
    revision: z.number().int().openapi({ description: 'Evaluations so far; > 1 means revised' }),
    revised: z.boolean(),
    rows: z.number().int(),
    evaluatedAt: z.string().nullable(),
  })
  .openapi('WindowSummary');

const WindowBlock = WindowSummarySchema.extend({
  window: z.enum(['1h', '1d']),
  version: z.string(),
  reference: z.record(z.string(), z.unknown()).nullable().openapi({
    description:
      'What the window was compared with: `{ kind: version | range | first-day | none, … }` (first-day: the first full UTC day of production data serves as the reference because none is set)',
  }),
});

const WindowDetailSchema = z.object({ window: WindowBlock }).catchall(z.unknown()).openapi('WindowReport', {
  description:
    'The stored report (the same JSON shape as `driftwatch report --json`, plus `monitor`, `health`, `labels`) and the `window` block; only `window` before the first evaluation',
});

const HealthResponse = z
  .object({
    from: z.string(),
    to: z.string(),
    version: z.string(),
    rows: z.number().int(),
    latencyRows: z.number().int(),
    latencyP50Ms: z.number().nullable(),
    latencyP95Ms: z.number().nullable(),
    latencyP99Ms: z.number().nullable(),
    latencyMeanMs: z.number().nullable(),
    errorRows: z.number().int(),
    errorRate: z.number().nullable(),
    throughput: z.number().openapi({ description: 'Records per minute over the range' }),
    exact: z.boolean(),
  })
  .openapi('Health');

const StartParams = ModelParams.extend({
  start: z
    .string()
    .min(1)
    .max(64)
    .openapi({
      param: { name: 'start', in: 'path' },
      description: 'Window start: RFC 3339 or epoch ms, aligned to the window length (UTC)',
      example: '2026-01-31T13:00:00Z',
    }),
});

const WindowQuery = z.object({ window: WindowParam, version: VersionParam });

/** The range of a query: `to` default now, `from` default `to` − `defaultSpanMs`. */
function rangeOf(
  c: Context<AppEnv>,
  q: { from?: string | undefined; to?: string | undefined },
  defaultSpanMs: number,
): { fromMs: number; toMs: number } {
  const toMs = q.to !== undefined ? parseInstant(q.to, 'to') : c.var.deps.now();
  const fromMs = q.from !== undefined ? parseInstant(q.from, 'from') : toMs - defaultSpanMs;
  if (!(fromMs < toMs))
    throw new ApiError(400, 'DW_VALIDATION', 'Invalid query at `to`: must be after `from`', { field: 'to' });
  return { fromMs, toMs };
}

export async function versionScope(
  c: Context<AppEnv>,
  model: Model,
  version: string | undefined,
): Promise<{ key: string; name: string }> {
  if (version === undefined || version === '*') return { key: '*', name: '*' };
  const v = await requireVersion(c, model, version);
  return { key: v.id, name: v.name };
}

function displayStatus(w: WindowState, now: number): z.infer<typeof WindowStatus> {
  if (w.leaseOwner !== null && w.leaseUntil !== null && w.leaseUntil >= now) return 'evaluating';
  return w.status;
}

function summary(w: WindowState, now: number) {
  return {
    start: rfc3339(w.startMs),
    end: rfc3339(w.endMs),
    status: displayStatus(w, now),
    revision: w.revision,
    revised: w.revision > 1,
    rows: w.rows,
    evaluatedAt: w.evaluatedAt === null ? null : rfc3339(w.evaluatedAt),
  };
}

function windowStartOf(start: string, granularity: Granularity): number {
  const ms = parseInstant(start, 'start');
  if (ms % granularityMs(granularity) !== 0) {
    throw new ApiError(
      400,
      'DW_VALIDATION',
      `Invalid path at \`start\`: ${rfc3339(ms)} is not the start of a ${granularity} UTC window`,
      { field: 'start' },
    );
  }
  return ms;
}

async function windowDetail(
  c: Context<AppEnv>,
  model: Model,
  granularity: Granularity,
  scope: { key: string; name: string },
  startMs: number,
) {
  const deps = c.var.deps;
  const w = await getWindow(deps.storage.db, {
    modelId: model.id,
    granularity,
    versionKey: scope.key,
    startMs,
  });
  if (!w) {
    throw new ApiError(
      404,
      'DW_WINDOW_NOT_FOUND',
      `Model ${JSON.stringify(model.name)} has no ${granularity} window starting ${rfc3339(startMs)}${scope.key === '*' ? '' : ` for version ${JSON.stringify(scope.name)}`} (no records in it)`,
      { field: 'start' },
    );
  }
  const result = w.resultJson ? (JSON.parse(w.resultJson) as StoredWindowResult) : null;
  return {
    ...(result ?? {}),
    window: {
      ...summary(w, deps.now()),
      window: granularity,
      version: scope.name,
      reference: (result?.monitor?.reference as Record<string, unknown> | undefined) ?? null,
    },
  };
}

export function registerSeriesRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/series',
      tags: ['monitoring'],
      summary: 'One metric over time, one point per evaluated window',
      description:
        'Metrics: `drift.share`, `drift.count`, `drift.dataset`, `drift.feature.<name>`, `drift.prediction`, `quality.<metric>`, `quality.estimated.<metric>`, `dataQuality.missingShare|outOfRangeShare|unseenCategoryShare|contractViolations|mismatchedCells`, `health.latencyP50Ms|latencyP95Ms|latencyP99Ms|errorRate|throughput|rows`, `labels.rows|share|lagP50Ms`. Per segment (`segment=col=value`): `drift.share`, `drift.count` and the headline quality metric.',
      security: bearerSecurity,
      request: { params: ModelParams, query: SeriesQuery },
      responses: {
        200: {
          description: 'The points, oldest first',
          content: { 'application/json': { schema: SeriesResponse } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const granularity = q.window ?? '1h';
      const { fromMs, toMs } = rangeOf(c, q, 30 * DAY_MS);
      const scope = await versionScope(c, model, q.version);
      const points = await querySeries(c.var.deps.storage.db, {
        modelId: model.id,
        metric: q.metric,
        granularity,
        versionKey: scope.key,
        segment: q.segment ?? '',
        fromMs,
        toMs,
      });
      return c.json(
        {
          metric: q.metric,
          window: granularity,
          version: scope.name,
          segment: q.segment ?? '',
          from: rfc3339(fromMs),
          to: rfc3339(toMs),
          points: points.map((p) => ({
            start: rfc3339(p.startMs),
            end: rfc3339(p.endMs),
            value: p.value,
            exact: p.exact,
            rows: p.rows,
            method: p.method,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/windows',
      tags: ['monitoring'],
      summary: 'Windows of a model with their status, revision and rows',
      security: bearerSecurity,
      request: {
        params: ModelParams,
        query: RangeQuery.extend({ window: WindowParam, version: VersionParam }),
      },
      responses: {
        200: {
          description: 'Windows, oldest first',
          content: {
            'application/json': {
              schema: z
                .object({
                  window: z.enum(['1h', '1d']),
                  version: z.string(),
                  from: z.string(),
                  to: z.string(),
                  windows: z.array(WindowSummarySchema),
                })
                .openapi('WindowList'),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const granularity = q.window ?? '1h';
      const { fromMs, toMs } = rangeOf(c, q, 30 * DAY_MS);
      const scope = await versionScope(c, model, q.version);
      const rows = await listWindows(c.var.deps.storage.db, {
        modelId: model.id,
        granularity,
        versionKey: scope.key,
        fromMs,
        toMs,
      });
      const now = c.var.deps.now();
      return c.json(
        {
          window: granularity,
          version: scope.name,
          from: rfc3339(fromMs),
          to: rfc3339(toMs),
          windows: rows.map((w) => summary(w, now)),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/windows/{start}',
      tags: ['monitoring'],
      summary: "A window's full drift / quality / health detail versus its reference",
      security: bearerSecurity,
      request: { params: StartParams, query: WindowQuery },
      responses: {
        200: {
          description: 'The stored report',
          content: { 'application/json': { schema: WindowDetailSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, start } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const granularity = q.window ?? '1h';
      const startMs = windowStartOf(start, granularity);
      const scope = await versionScope(c, model, q.version);
      return c.json(await windowDetail(c, model, granularity, scope, startMs), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/projects/{project}/models/{model}/windows/{start}/evaluate',
      tags: ['monitoring'],
      summary: 'Evaluate a window now (admin) and return its report',
      security: bearerSecurity,
      request: { params: StartParams, query: WindowQuery },
      responses: {
        200: {
          description: 'The new report',
          content: { 'application/json': { schema: WindowDetailSchema } },
        },
        409: {
          description: 'Being evaluated elsewhere, or past retention',
          content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, start } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'admin');
      const model = await requireModel(c, project, modelName);
      const granularity = q.window ?? '1h';
      const startMs = windowStartOf(start, granularity);
      const scope = await versionScope(c, model, q.version);
      const outcome = await getEvaluator(c.var.deps).evaluateWindow(
        model.id,
        granularity,
        scope.key,
        startMs,
      );
      if (outcome.status === 'busy' || outcome.status === 'lost') {
        throw new ApiError(
          409,
          'DW_WINDOW_BUSY',
          'The window is being evaluated right now; retry in a few seconds',
          {
            headers: { 'Retry-After': '5' },
          },
        );
      }
      if (outcome.status === 'expired') {
        throw new ApiError(
          409,
          'DW_WINDOW_EXPIRED',
          "The window's raw records are past the retention period; its stored result is kept as it is",
        );
      }
      if (outcome.status === 'failed') {
        throw new ApiError(
          500,
          'DW_EVALUATION_FAILED',
          `The window could not be evaluated: ${outcome.error}`,
        );
      }
      return c.json(await windowDetail(c, model, granularity, scope, startMs), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/health',
      tags: ['monitoring'],
      summary:
        'System health of a range: latency p50/p95/p99, error rate, throughput (exact, from raw records)',
      security: bearerSecurity,
      request: {
        params: ModelParams,
        query: z.object({
          from: Instant.optional().openapi({ description: 'Start (inclusive); default 24 h before `to`' }),
          to: Instant.optional().openapi({ description: 'End (exclusive); default now' }),
          version: VersionParam,
        }),
      },
      responses: {
        200: { description: 'Health figures', content: { 'application/json': { schema: HealthResponse } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const { fromMs, toMs } = rangeOf(c, q, DAY_MS);
      const scope = await versionScope(c, model, q.version);
      let latencies = new Float64Array(1024);
      let n = 0;
      let errors = 0;
      const rows = await forEachHealthPage(
        c.var.deps.storage.db,
        { modelId: model.id, versionId: scope.key, fromMs, toMs },
        (page) => {
          for (const r of page) {
            if (r.error !== null && r.error !== '') errors++;
            if (r.latency_ms === null) continue;
            const v = Number(r.latency_ms);
            if (!Number.isFinite(v)) continue;
            if (n === latencies.length) {
              const grown = new Float64Array(latencies.length * 2);
              grown.set(latencies);
              latencies = grown;
            }
            latencies[n++] = v;
          }
        },
      );
      const h = healthFigures(rows, latencies.subarray(0, n), errors, toMs - fromMs);
      return c.json(
        {
          from: rfc3339(fromMs),
          to: rfc3339(toMs),
          version: scope.name,
          rows: h.rows,
          latencyRows: h.latencyRows,
          latencyP50Ms: h.latencyP50Ms,
          latencyP95Ms: h.latencyP95Ms,
          latencyP99Ms: h.latencyP99Ms,
          latencyMeanMs: h.latencyMeanMs,
          errorRows: h.errorRows,
          errorRate: h.errorRate,
          throughput: h.throughputPerMinute,
          exact: true,
        },
        200,
      );
    },
  );
}
