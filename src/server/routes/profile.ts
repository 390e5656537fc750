/**
 * `GET …/models/{model}/profile?from&to&version`: the model's data profile over any range, merged from the stored
 * hourly window profiles (hour → any range; profiles written by any server process merge the same way). The answer
 * is a `.dwprofile` document: save it and use it as a reference (`driftwatch report --reference x.dwprofile`, or
 * `PUT …/versions/{v}/reference`). Windows not yet evaluated are not included; `windows` says how many were.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type DatasetProfile,
  mergeProfiles,
  parseProfile,
  serializeProfile,
} from '../../core/profile/index.ts';
import { HOUR_MS } from '../../storage/windows-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, errorResponses, ModelParams } from '../schemas/common.ts';
import { requireModel } from './registry-common.ts';
import { parseInstant, versionScope } from './series.ts';

/** Merging is linear in the number of windows; cap the range so one request stays bounded (a year of hours). */
export const MAX_PROFILE_WINDOWS = 24 * 366;

export function registerProfileRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/profile',
      tags: ['windows'],
      summary: 'Data profile over a time range, merged from hourly window profiles (a .dwprofile document)',
      security: bearerSecurity,
      request: {
        params: ModelParams,
        query: z.object({
          from: z
            .string()
            .openapi({ description: 'RFC 3339 or epoch ms (inclusive); default: 24 h before `to`' })
            .optional(),
          to: z
            .string()
            .openapi({ description: 'RFC 3339 or epoch ms (exclusive); default: now' })
            .optional(),
          version: z
            .string()
            .max(256)
            .openapi({ description: 'Version name or alias; default all versions' })
            .optional(),
        }),
      },
      responses: {
        200: {
          description:
            'The merged profile (`format: driftwatch-profile`), with `windows` in the `X-Driftwatch-Windows` header',
          content: { 'application/json': { schema: z.any() } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const q = c.req.valid('query');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const scope = await versionScope(c, model, q.version);
      const toMs = q.to !== undefined ? parseInstant(q.to, 'to') : c.var.deps.now();
      const fromMs = q.from !== undefined ? parseInstant(q.from, 'from') : toMs - 24 * HOUR_MS;
      if (fromMs >= toMs)
        throw new ApiError(400, 'DW_VALIDATION', '`from` must be before `to`', { field: 'from' });
      if ((toMs - fromMs) / HOUR_MS > MAX_PROFILE_WINDOWS) {
        throw new ApiError(400, 'DW_VALIDATION', `The range may span at most ${MAX_PROFILE_WINDOWS} hours`, {
          field: 'from',
        });
      }
      const rows = await c.var.deps.storage.db
        .selectFrom('windows')
        .select(['start_ms', 'profile_json'])
        .where('model_id', '=', model.id)
        .where('granularity', '=', '1h')
        .where('version_key', '=', scope.key)
        .where('start_ms', '>=', Math.floor(fromMs / HOUR_MS) * HOUR_MS)
        .where('start_ms', '<', toMs)
        .where('profile_json', 'is not', null)
        .orderBy('start_ms')
        .execute();
      let merged: DatasetProfile | undefined;
      for (const row of rows) {
        const p = parseProfile(row.profile_json!, `window ${new Date(row.start_ms).toISOString()}`);
        merged = merged ? mergeProfiles(merged, p) : p;
      }
      if (!merged) {
        throw new ApiError(404, 'DW_PROFILE_EMPTY', 'No evaluated hourly window in this range yet', {
          field: 'from',
        });
      }
      c.header('X-Driftwatch-Windows', String(rows.length));
      c.header('Content-Disposition', 'attachment; filename="profile.dwprofile"');
      const text = serializeProfile({
        ...merged,
        source: `${model.name} ${new Date(fromMs).toISOString()}/${new Date(toMs).toISOString()}`,
      });
      // An already-serialised JSON body; the typed c.json() cannot express a schema of `any`.
      return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
    },
  );
}
