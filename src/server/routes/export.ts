/**
 * Export for retraining (scope `read`):
 * `GET /v1/projects/{project}/models/{model}/export?from=…&to=…&format=csv|jsonl|parquet&labeled=true&version=…`
 * — one row per record with its label, streamed page by page (see src/server/export/).
 *
 * - `from` (inclusive) / `to` (exclusive) bound the record's event time; RFC 3339 with a zone or epoch ms; each
 *   defaults to all time. `labeled=true` keeps only records that have a label; `version` (name or alias) keeps one
 *   version's records.
 * - Columns: see export-columns.ts; encodings (RFC 4180 CSV, no formula neutralisation; JSON Lines): see
 *   export-formats.ts.
 * - `format=parquet`: typed columns (see parquet-column-types.ts), written incrementally row group by row group
 *   (parquet-stream.ts), so there is no row cap. Column types must be known before the first row group: when the
 *   range holds more than one page, one extra read pass over it finds the types of the JSON-valued columns.
 * - The body is streamed: the first page is read before the reply starts (a failing query is a JSON error), later
 *   pages as the client reads; an error after that aborts the response, so a truncated download is detectable.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  EXPORT_PAGE_ROWS,
  type ExportKeys,
  type ExportRange,
  exportPages,
  scanExportKeys,
} from '../../storage/export-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { attachmentDisposition } from '../export/content-disposition.ts';
import { exportColumns, keysFromSchema } from '../export/export-columns.ts';
import { csvEncoding, jsonlEncoding } from '../export/export-formats.ts';
import { exportStream } from '../export/export-stream.ts';
import { newValueKinds, observeKinds, parquetColumnTypes } from '../export/parquet-column-types.ts';
import { PARQUET_CONTENT_TYPE, parquetExportStream } from '../export/parquet-stream.ts';
import { bearerSecurity, errorResponses, ModelParams } from '../schemas/common.ts';
import { requireModel, requireVersion } from './registry-common.ts';
import { parseInstant } from './series.ts';

const Instant = z.string().max(64).openapi({
  description: 'RFC 3339 date-time with a zone, or epoch milliseconds',
  example: '2026-01-31T00:00:00Z',
});

const ExportQuery = z.object({
  from: Instant.optional().openapi({
    description: "Start of the records' event time (inclusive); default: all time",
  }),
  to: Instant.optional().openapi({ description: 'End (exclusive); default: all time' }),
  format: z.enum(['csv', 'jsonl', 'parquet']).optional().openapi({
    description:
      '`csv` (default, RFC 4180), `jsonl` (JSON Lines) or `parquet` (Apache Parquet, typed columns)',
  }),
  labeled: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: '`true`: only records that have a label; default `false`' }),
  version: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .openapi({ description: 'Only this version (name or alias); default all versions' }),
});

const COLUMNS_DOC =
  'One row per record, oldest first (ordered by event time, then id): `id`, `timestamp` (RFC 3339 UTC), `version`, one column per feature of the model (a feature named like another column is renamed `feature_<name>`), `prediction`, `score` and/or `score_<class>` per class, `segment_<name>` per segment, `latency_ms`, `error`, `target`, `label_timestamp` (empty/null without a label). CSV follows RFC 4180 (CRLF, fields with `,` `"` CR LF quoted, empty string `""`, missing value empty); values are exported exactly, without spreadsheet formula neutralisation. JSON Lines has the same keys with JSON types. Parquet (`application/vnd.apache.parquet`) has the same columns, typed: `timestamp` and `label_timestamp` TIMESTAMP (INT64 milliseconds, UTC), `id`, `version`, `error` STRING, `score`, `latency_ms` DOUBLE; each feature, `prediction`, `score_<class>`, `segment_<name>` and `target` column is DOUBLE, BOOLEAN or STRING when all its values in the range are numbers, booleans or strings respectively (no values: the type in the model schema, else STRING), and STRING holding the CSV text of each value when they are mixed or nested JSON; every column is nullable except `id` and `timestamp`. Parquet is written row group by row group while streaming, so no row limit applies; when the range holds more than one page (2000 records) the server reads it once more first to find the column types. A value whose type changes while a Parquet export runs (a label replaced with another type) aborts the download (no Parquet footer: readers reject the file); retry the export.';

export function registerExportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/export',
      tags: ['monitoring'],
      summary: "Export a time range of a model's records with their labels (for retraining)",
      description: COLUMNS_DOC,
      security: bearerSecurity,
      request: { params: ModelParams, query: ExportQuery },
      responses: {
        200: {
          description: 'The records, streamed (`Content-Disposition: attachment`)',
          content: {
            'text/csv': { schema: z.string() },
            'application/x-ndjson': { schema: z.string() },
            [PARQUET_CONTENT_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
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
      const format = q.format ?? 'csv';
      const fromMs = q.from !== undefined ? parseInstant(q.from, 'from') : undefined;
      const toMs = q.to !== undefined ? parseInstant(q.to, 'to') : undefined;
      if (fromMs !== undefined && toMs !== undefined && !(fromMs < toMs))
        throw new ApiError(400, 'DW_VALIDATION', 'Invalid query at `to`: must be after `from`', {
          field: 'to',
        });
      const version = q.version !== undefined ? await requireVersion(c, model, q.version) : undefined;

      const deps = c.var.deps;
      const range: ExportRange = {
        modelId: model.id,
        fromMs,
        toMs,
        versionId: version?.id,
        labeledOnly: q.labeled === 'true',
      };
      // The model's inferred schema names every feature ingested so far; without one (records written by other
      // means), one extra pass collects the keys of the range's records.
      const keys: ExportKeys = model.schema
        ? keysFromSchema(model.schema)
        : await scanExportKeys(deps.storage.db, range);
      const columns = exportColumns(keys);

      const pages = exportPages(deps.storage.db, range);
      const first = await pages.next();
      const firstPage = first.done ? undefined : first.value;
      const onError = (e: unknown) =>
        deps.log.error('export aborted', {
          project: project.name,
          model: model.name,
          format,
          error: String((e as Error)?.stack ?? e),
        });
      let body: ReadableStream<Uint8Array>;
      let contentType: string;
      let extension: string;
      if (format === 'parquet') {
        // A first page shorter than a full page is the whole range; otherwise one pass over the range finds the
        // types of the JSON-valued columns before the first row group is written.
        const kinds = newValueKinds(columns);
        if (firstPage === undefined || firstPage.length < EXPORT_PAGE_ROWS) {
          if (firstPage) observeKinds(columns, firstPage, kinds);
        } else
          for await (const page of exportPages(deps.storage.db, range)) observeKinds(columns, page, kinds);
        const types = parquetColumnTypes(columns, kinds, model.schema);
        body = parquetExportStream({ columns, types, firstPage, pages, onError });
        contentType = PARQUET_CONTENT_TYPE;
        extension = 'parquet';
      } else {
        const encoding = format === 'jsonl' ? jsonlEncoding(columns) : csvEncoding;
        body = exportStream({ columns, encoding, firstPage, pages, onError });
        contentType = encoding.contentType;
        extension = encoding.extension;
      }
      return c.body(body, 200, {
        'Content-Type': contentType,
        'Content-Disposition': attachmentDisposition(`${model.name}-export`, extension),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      }) as never;
    },
  );
}
