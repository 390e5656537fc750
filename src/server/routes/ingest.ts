/**
 * Ingestion: predictions, labels and feedback (scope `ingest`), and one record by id with its label (scope `read`).
 *
 * The ingest bodies are JSON arrays or NDJSON, optionally gzip-compressed, so they are read by `read-body.ts`
 * rather than the zod JSON validator; the routes' OpenAPI entries still document the body with the zod record
 * schemas (the handler is registered with the path parameters only, the documentation with the full request).
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { findModel } from '../../storage/models-store.ts';
import { findRecord, listRecordFeedback } from '../../storage/records-store.ts';
import { HOUR_MS } from '../../storage/windows-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { type IngestRequest, type IngestService, ingestService } from '../ingest/ingest-service.ts';
import { INGEST_LIMITS } from '../ingest/limits.ts';
import { ACCEPTED_MEDIA_TYPES, readRecordsBody } from '../ingest/read-body.ts';
import {
  FeedbackRecordSchema,
  IngestResultSchema,
  LabelRecordSchema,
  PredictionRecordSchema,
  RecordIdSchema,
  StoredRecordSchema,
} from '../ingest/record-schemas.ts';
import { bearerSecurity, ErrorSchema, errorResponses, ModelParams, rfc3339 } from '../schemas/common.ts';

const errorContent = { 'application/json': { schema: ErrorSchema } };

const ingestResponses = {
  200: {
    description:
      'Processed: the accepted records are durable. Records with errors are listed (index, field, code, message) and not stored.',
    content: { 'application/json': { schema: IngestResultSchema } },
  },
  ...errorResponses,
  413: { description: 'Body over the limit (after gunzip) or too many records', content: errorContent },
  415: { description: 'Unsupported Content-Type or Content-Encoding', content: errorContent },
  429: {
    description: 'Write queue full: retry after `Retry-After` seconds',
    headers: { 'Retry-After': { schema: { type: 'integer' as const } } },
    content: errorContent,
  },
  503: { description: 'Shutting down, or the database is unavailable', content: errorContent },
} as const;

function bodyDoc(schema: z.ZodType, what: string) {
  const content: Record<string, { schema: z.ZodType }> = {
    'application/json': { schema: z.array(schema).max(INGEST_LIMITS.recordsPerRequest) },
  };
  for (const t of ACCEPTED_MEDIA_TYPES) if (t !== 'application/json') content[t] = { schema };
  return {
    description:
      `${what}: a JSON array (\`application/json\`) or NDJSON, one record per line (\`application/x-ndjson\`, ` +
      '`application/jsonl`). `Content-Encoding: gzip` is accepted. At most 10 MiB after decompression (server ' +
      `option) and ${INGEST_LIMITS.recordsPerRequest} records.`,
    content,
    required: true,
  };
}

type IngestKind = 'predictions' | 'labels' | 'feedback';

const KINDS: readonly {
  kind: IngestKind;
  schema: z.ZodType;
  summary: string;
  run: (s: IngestService, r: IngestRequest) => Promise<z.infer<typeof IngestResultSchema>>;
}[] = [
  {
    kind: 'predictions',
    schema: PredictionRecordSchema,
    summary:
      'Send prediction records (creates the model and infers its schema on first use, unless --strict-models)',
    run: (s, r) => s.ingestPredictions(r),
  },
  {
    kind: 'labels',
    schema: LabelRecordSchema,
    summary: 'Send labels (ground truth) for predictions by id; the last value sent wins',
    run: (s, r) => s.ingestLabels(r),
  },
  {
    kind: 'feedback',
    schema: FeedbackRecordSchema,
    summary: 'Send human feedback (corrections, comments) about predictions',
    run: (s, r) => s.ingestFeedback(r),
  },
];

export function registerIngestRoutes(app: OpenAPIHono<AppEnv>): void {
  for (const k of KINDS) {
    const path = `/v1/projects/{project}/models/{model}/${k.kind}`;
    const base = {
      method: 'post' as const,
      path,
      tags: ['ingest'],
      summary: k.summary,
      security: bearerSecurity,
      responses: ingestResponses,
    };
    app.openAPIRegistry.registerPath(
      createRoute({ ...base, request: { params: ModelParams, body: bodyDoc(k.schema, k.kind) } }),
    );
    app.openapi(createRoute({ ...base, hide: true, request: { params: ModelParams } }), async (c) => {
      const { project: projectName, model } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'ingest');
      const deps = c.var.deps;
      const service = ingestService(deps);
      service.precheck();
      const body = await readRecordsBody(c.req.raw, deps.options.bodyLimitBytes);
      const result = await k.run(service, { project, principal, modelName: model, body });
      return c.json(result, 200);
    });
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/records/{id}',
      tags: ['ingest'],
      summary: 'One record by id, with its label (joined at read time), version and window',
      security: bearerSecurity,
      request: {
        params: ModelParams.extend({
          id: RecordIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: {
        200: { description: 'The record', content: { 'application/json': { schema: StoredRecordSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, id } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const storage = c.var.deps.storage;
      const model = await findModel(storage, project.id, modelName);
      if (!model) {
        throw new ApiError(404, 'DW_MODEL_NOT_FOUND', `Model ${JSON.stringify(modelName)} does not exist`, {
          field: 'model',
        });
      }
      const rec = await findRecord(storage, model.id, id);
      if (!rec) {
        throw new ApiError(
          404,
          'DW_RECORD_NOT_FOUND',
          `No record ${JSON.stringify(id)} in model ${JSON.stringify(modelName)}`,
          {
            field: 'id',
          },
        );
      }
      const feedback = await listRecordFeedback(storage, model.id, id);
      return c.json(
        {
          id: rec.recordId,
          model: model.name,
          version: rec.versionName,
          timestamp: rfc3339(rec.ts),
          receivedAt: rfc3339(rec.receivedAt),
          windowStart: rfc3339(Math.floor(rec.ts / HOUR_MS) * HOUR_MS),
          features: rec.features as Record<string, string | number | boolean | null>,
          prediction: (rec.prediction ?? null) as string | number | boolean | null,
          score: rec.score,
          scores: rec.scores,
          segments: rec.segments as Record<string, string | number | boolean> | null,
          latencyMs: rec.latencyMs,
          error: rec.error,
          label: rec.label
            ? {
                target: rec.label.target as string | number | boolean | null,
                timestamp: rfc3339(rec.label.ts),
                receivedAt: rfc3339(rec.label.receivedAt),
              }
            : null,
          feedback: feedback.map((f) => ({
            id: f.id,
            timestamp: rfc3339(f.at),
            kind: f.kind,
            value: (f.value ?? null) as string | number | boolean | null,
            comment: f.comment,
            author: f.author,
          })),
        },
        200,
      );
    },
  );
}
