/**
 * Projects and their API keys.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { appendAudit } from '../../storage/audit-store.ts';
import { createKey, revokeKey } from '../../storage/keys-store.ts';
import { createProject, listProjects } from '../../storage/projects-store.ts';
import { ApiError } from '../api-error.ts';
import { clearKeyCache, requirePrincipal, requireProject, requireServerKey } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { hasScope } from '../principal.ts';
import { bearerSecurity, errorResponses, NameSchema, ProjectParams, rfc3339 } from '../schemas/common.ts';

const ProjectSchema = z.object({ name: z.string(), createdAt: z.string() }).openapi('Project');
const ScopeSchema = z.enum(['ingest', 'read', 'admin']);
const CreatedKeySchema = z
  .object({
    id: z.string(),
    key: z.string().openapi({ description: 'Shown once; store it now' }),
    scopes: z.array(ScopeSchema),
  })
  .openapi('CreatedKey');

export function registerProjectRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/projects',
      tags: ['projects'],
      summary: 'Create a project (server-wide key only)',
      security: bearerSecurity,
      request: {
        body: {
          content: { 'application/json': { schema: z.object({ name: NameSchema }).strict() } },
          required: true,
        },
      },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: ProjectSchema } } },
        409: { description: 'Name exists', content: { 'application/json': { schema: z.any() } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requireServerKey(c);
      const { name } = c.req.valid('json');
      const deps = c.var.deps;
      const project = await createProject(deps.storage, { name, actor: principal.keyId, now: deps.now() });
      if (!project)
        throw new ApiError(409, 'DW_PROJECT_EXISTS', `Project ${JSON.stringify(name)} already exists`, {
          field: 'name',
        });
      return c.json({ name: project.name, createdAt: rfc3339(project.createdAt) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects',
      tags: ['projects'],
      summary: 'Projects this key can see',
      security: bearerSecurity,
      responses: {
        200: {
          description: 'Projects',
          content: { 'application/json': { schema: z.object({ projects: z.array(ProjectSchema) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const principal = requirePrincipal(c);
      if (!hasScope(principal, 'read'))
        throw new ApiError(403, 'DW_FORBIDDEN', 'This key lacks the `read` scope');
      const all = await listProjects(c.var.deps.storage);
      const visible = principal.projectId === null ? all : all.filter((p) => p.id === principal.projectId);
      return c.json(
        { projects: visible.map((p) => ({ name: p.name, createdAt: rfc3339(p.createdAt) })) },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/projects/{project}/keys',
      tags: ['projects'],
      summary: 'Create a project API key (server key or project admin); the key is shown once',
      security: bearerSecurity,
      request: {
        params: ProjectParams,
        body: {
          content: {
            'application/json': { schema: z.object({ scopes: z.array(ScopeSchema).min(1) }).strict() },
          },
          required: true,
        },
      },
      responses: {
        201: { description: 'Created', content: { 'application/json': { schema: CreatedKeySchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const scopes = [...new Set(c.req.valid('json').scopes)];
      const deps = c.var.deps;
      const now = deps.now();
      const { key, secret } = await createKey(deps.storage, {
        projectId: project.id,
        scopes,
        createdBy: principal.keyId,
        now,
      });
      await appendAudit(deps.storage.db, {
        projectId: project.id,
        actor: principal.keyId,
        action: 'key.create',
        targetType: 'key',
        targetId: key.id,
        after: { scopes },
        at: now,
      });
      return c.json({ id: key.id, key: secret, scopes }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/projects/{project}/keys/{id}',
      tags: ['projects'],
      summary: 'Revoke a project API key',
      security: bearerSecurity,
      request: {
        params: ProjectParams.extend({
          id: z
            .string()
            .min(1)
            .max(64)
            .openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      const { project: projectName, id } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const deps = c.var.deps;
      const now = deps.now();
      const ok = await revokeKey(deps.storage, project.id, id, now);
      if (!ok)
        throw new ApiError(404, 'DW_KEY_NOT_FOUND', `No active key ${JSON.stringify(id)} in this project`, {
          field: 'id',
        });
      clearKeyCache(deps.services);
      await appendAudit(deps.storage.db, {
        projectId: project.id,
        actor: principal.keyId,
        action: 'key.revoke',
        targetType: 'key',
        targetId: id,
        at: now,
      });
      return c.body(null, 204);
    },
  );
}
