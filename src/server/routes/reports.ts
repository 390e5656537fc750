/**
 * Batch reports pushed from the CLI (`driftwatch report … --push URL --project P --key K`), stored per project —
 * the dashboard's workspace of snapshots (`/projects/{project}/reports`).
 *
 * The server keeps the validated result (the CLI's JSON, `schemaVersion: 1`) and renders the HTML report from it
 * with the same renderer as the CLI, so the dashboard shows exactly the report the CLI would write, and a client
 * can never store markup of its own. The body is read with the server's body limit before it is parsed.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ReportResultSchema } from '../../core/report/result-schema.ts';
import { renderHtml } from '../../renderers/html/index.ts';
import { findReport, insertReport, listReports } from '../../ui/data/report-data.ts';
import { paths } from '../../ui/paths.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, ErrorSchema, errorResponses, ProjectParams, rfc3339 } from '../schemas/common.ts';

export const MAX_REPORT_TAGS = 20;

const TagSchema = z.string().min(1).max(64);
const PushSchema = z
  .object({
    result: z
      .record(z.string(), z.unknown())
      .openapi({ description: 'The JSON result of `driftwatch report` (`schemaVersion: 1`).' }),
    title: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'Shown in the list; default the report title.' }),
    tags: z
      .array(TagSchema)
      .max(MAX_REPORT_TAGS)
      .optional()
      .openapi({ example: ['nightly', 'loans'] }),
  })
  .strict()
  .openapi('ReportPush');

const ReportSummarySchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    title: z.string().nullable(),
    tags: z.array(z.string()),
    datasetDrift: z.boolean().nullable(),
    driftedCount: z.number().int().nullable(),
    columnCount: z.number().int().nullable(),
    url: z.string().openapi({ description: 'The report in the dashboard' }),
  })
  .openapi('ReportSummary');

const ReportParams = ProjectParams.extend({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

function malformed(message: string): ApiError {
  return new ApiError(400, 'DW_MALFORMED_BODY', message, { field: 'body' });
}

/** Reads a JSON body of at most `limitBytes` (415 for another content type, 413 when larger, 400 malformed). */
async function readJsonBody(req: Request, limitBytes: number): Promise<unknown> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new ApiError(415, 'DW_UNSUPPORTED_MEDIA_TYPE', 'Send the report as application/json', {
      field: 'content-type',
    });
  const tooLarge = () =>
    new ApiError(413, 'DW_BODY_TOO_LARGE', `Request body exceeds the limit of ${limitBytes} bytes`, {
      field: 'body',
    });
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limitBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
  if (text.trim() === '') throw malformed('Empty request body: send { "result": … }');
  try {
    return JSON.parse(text);
  } catch {
    throw malformed('Malformed request body: expected valid JSON');
  }
}

function validationError(
  prefix: string,
  issue: { path: readonly PropertyKey[]; message: string } | undefined,
): ApiError {
  const field = [prefix, ...(issue?.path ?? []).map(String)].filter((s) => s !== '').join('.');
  return new ApiError(
    400,
    'DW_VALIDATION',
    `Invalid body${field ? ` at \`${field}\`` : ''}: ${issue?.message ?? 'invalid'}`,
    field ? { field } : {},
  );
}

export function registerReportRoutes(app: OpenAPIHono<AppEnv>): void {
  const pushRoute = {
    method: 'post' as const,
    path: '/v1/projects/{project}/reports',
    tags: ['reports'],
    summary: 'Store a batch report pushed from the CLI (ingest)',
    description:
      'Body: `{ result, title?, tags? }` where `result` is the JSON of `driftwatch report` (validated against its schema). The server renders the HTML report from it; the dashboard lists reports by time and tag.',
    security: bearerSecurity,
    responses: {
      201: {
        description: 'Stored',
        content: { 'application/json': { schema: ReportSummarySchema } },
      },
      413: { description: 'Body over the limit', content: { 'application/json': { schema: ErrorSchema } } },
      415: { description: 'Not application/json', content: { 'application/json': { schema: ErrorSchema } } },
      ...errorResponses,
    },
  };
  // Documented with its body schema; served by a route that reads the body itself (with the size limit).
  app.openAPIRegistry.registerPath(
    createRoute({
      ...pushRoute,
      request: {
        params: ProjectParams,
        body: { content: { 'application/json': { schema: PushSchema } }, required: true },
      },
    }),
  );
  app.openapi(createRoute({ ...pushRoute, hide: true, request: { params: ProjectParams } }), async (c) => {
    const { project: projectName } = c.req.valid('param');
    const { project } = await requireProject(c, projectName, 'ingest');
    const deps = c.var.deps;
    const body = await readJsonBody(c.req.raw, deps.options.bodyLimitBytes);
    const push = PushSchema.safeParse(body);
    if (!push.success) throw validationError('', push.error.issues[0]);
    const parsed = ReportResultSchema.safeParse(push.data.result);
    if (!parsed.success) throw validationError('result', parsed.error.issues[0]);
    const result = parsed.data;
    const title = push.data.title ?? null;
    const tags = [...new Set(push.data.tags ?? [])];
    const now = deps.now();
    const id = await insertReport(deps.storage, {
      projectId: project.id,
      title,
      tags,
      resultJson: JSON.stringify(result),
      html: renderHtml(result, title ? { title } : {}),
      now,
    });
    return c.json(
      {
        id,
        createdAt: rfc3339(now),
        title,
        tags,
        datasetDrift: result.drift.datasetDrift,
        driftedCount: result.drift.driftedCount,
        columnCount: result.drift.columnCount,
        url: paths.report(project.name, id),
      },
      201,
    );
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/reports',
      tags: ['reports'],
      summary: 'Pushed reports, newest first (read)',
      security: bearerSecurity,
      request: {
        params: ProjectParams,
        query: z.object({
          tag: TagSchema.optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: {
        200: {
          description: 'Reports',
          content: { 'application/json': { schema: z.object({ reports: z.array(ReportSummarySchema) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const rows = await listReports(c.var.deps.storage, project.id, {
        ...(q.tag ? { tag: q.tag } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      });
      return c.json(
        {
          reports: rows.map((r) => ({
            id: r.id,
            createdAt: rfc3339(r.createdAt),
            title: r.title,
            tags: [...r.tags],
            datasetDrift: r.datasetDrift,
            driftedCount: r.driftedCount,
            columnCount: r.columnCount,
            url: paths.report(project.name, r.id),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/reports/{id}',
      tags: ['reports'],
      summary: 'One pushed report with its JSON result (read)',
      security: bearerSecurity,
      request: { params: ReportParams },
      responses: {
        200: {
          description: 'The report',
          content: {
            'application/json': {
              schema: z.object({
                id: z.string(),
                createdAt: z.string(),
                title: z.string().nullable(),
                tags: z.array(z.string()),
                result: z.record(z.string(), z.unknown()),
                url: z.string(),
              }),
            },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, id } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const r = await findReport(c.var.deps.storage, project.id, id);
      if (!r)
        throw new ApiError(404, 'DW_REPORT_NOT_FOUND', `No report ${JSON.stringify(id)} in this project`, {
          field: 'id',
        });
      return c.json(
        {
          id: r.id,
          createdAt: rfc3339(r.createdAt),
          title: r.title,
          tags: r.tags,
          result: JSON.parse(r.resultJson) as Record<string, unknown>,
          url: paths.report(project.name, r.id),
        },
        200,
      );
    },
  );
}
