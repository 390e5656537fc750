/**
 * Aliases (`production`, `shadow`, `canary`, `champion`, …): mutable names for versions. Every move is an audit
 * entry with the version names before and after, so a rollback is a move back and the history per alias is the
 * audit log's.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { aliasHistory, deleteAlias, listAliases, setAlias } from '../../storage/registry-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, ErrorSchema, errorResponses, ModelParams, rfc3339 } from '../schemas/common.ts';
import { AliasParams, AliasSchema, SetAliasBody, SetAliasResponse } from '../schemas/registry.ts';
import { requireModel } from './registry-common.ts';

export function registerAliasRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/aliases',
      tags: ['registry'],
      summary: "A model's aliases with the history of each (read)",
      description: 'Deleted aliases appear with `version: null` while their history is kept.',
      security: bearerSecurity,
      request: { params: ModelParams },
      responses: {
        200: {
          description: 'Aliases, by name',
          content: { 'application/json': { schema: z.object({ aliases: z.array(AliasSchema) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const storage = c.var.deps.storage;
      const current = await listAliases(storage.db, model.id);
      const history = await aliasHistory(storage, project.id, model.id);
      const names = [...new Set([...current.map((a) => a.alias), ...history.map((h) => h.alias)])].sort();
      const aliases = names.map((alias) => {
        const now = current.find((a) => a.alias === alias);
        return {
          alias,
          version: now?.versionName ?? null,
          updatedAt: now ? rfc3339(now.updatedAt) : null,
          updatedBy: now?.updatedBy ?? null,
          history: history
            .filter((h) => h.alias === alias)
            .map((h) => ({ at: rfc3339(h.at), actor: h.actor, from: h.from, to: h.to })),
        };
      });
      return c.json({ aliases }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/projects/{project}/models/{model}/aliases/{alias}',
      tags: ['registry'],
      summary: 'Point an alias at a version (admin; audited)',
      description:
        'Creates or moves the alias; the audit log records the version before and after (a rollback is a move back). Moving it to the version it already names changes nothing (`changed: false`). An alias may not equal a version name.',
      security: bearerSecurity,
      request: {
        params: AliasParams,
        body: { content: { 'application/json': { schema: SetAliasBody } }, required: true },
      },
      responses: {
        200: { description: 'Moved', content: { 'application/json': { schema: SetAliasResponse } } },
        409: {
          description: 'A version has this name',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, alias } = c.req.valid('param');
      const { version } = c.req.valid('json');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const model = await requireModel(c, project, modelName);
      const deps = c.var.deps;
      const r = await setAlias(deps.storage, {
        projectId: project.id,
        model,
        alias,
        version,
        actor: principal.keyId,
        now: deps.now(),
      });
      if (r.status === 'version-not-found') {
        throw new ApiError(
          404,
          'DW_VERSION_NOT_FOUND',
          `Model ${JSON.stringify(model.name)} has no version ${JSON.stringify(version)}`,
          { field: 'version' },
        );
      }
      if (r.status === 'name-conflict') {
        throw new ApiError(
          409,
          'DW_ALIAS_IS_VERSION_NAME',
          `${JSON.stringify(alias)} is a version name of this model; versions and aliases share one namespace`,
          { field: 'alias' },
        );
      }
      return c.json(
        {
          alias,
          version: r.alias.versionName,
          previous: r.before,
          changed: r.status === 'moved',
          updatedAt: rfc3339(r.alias.updatedAt),
          updatedBy: r.alias.updatedBy,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/projects/{project}/models/{model}/aliases/{alias}',
      tags: ['registry'],
      summary: 'Remove an alias (admin; audited)',
      security: bearerSecurity,
      request: { params: AliasParams },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    }),
    async (c) => {
      const { project: projectName, model: modelName, alias } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const model = await requireModel(c, project, modelName);
      const deps = c.var.deps;
      const before = await deleteAlias(deps.storage, {
        projectId: project.id,
        model,
        alias,
        actor: principal.keyId,
        now: deps.now(),
      });
      if (before === undefined) {
        throw new ApiError(
          404,
          'DW_ALIAS_NOT_FOUND',
          `Model ${JSON.stringify(model.name)} has no alias ${JSON.stringify(alias)}`,
          {
            field: 'alias',
          },
        );
      }
      return c.body(null, 204);
    },
  );
}
