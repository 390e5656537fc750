/**
 * Models of a project: the list (with version counts, aliases, newest record, label lag), one model, and the
 * model's check configuration.
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listModelSummaries, type ModelSummary, setModelConfig } from '../../storage/registry-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, errorResponses, ModelParams, ProjectParams, rfc3339 } from '../schemas/common.ts';
import {
  type CheckConfig,
  CheckConfigSchema,
  ConfigResponse,
  checkEffectiveConfig,
  effectiveCheckConfig,
  fileCheckConfig,
  instantToMs,
  layerCheckConfigs,
  ModelSummarySchema,
} from '../schemas/registry.ts';
import { requireModel } from './registry-common.ts';

function summaryJson(s: ModelSummary) {
  return {
    name: s.model.name,
    createdAt: rfc3339(s.model.createdAt),
    schema: s.model.schema,
    versions: s.versionsCount,
    aliases: { ...s.aliases },
    lastRecordAt: s.lastRecordAt === null ? null : rfc3339(s.lastRecordAt),
    labelLagMs: s.labelLagMs,
  };
}

/** Stores range instants as epoch ms, so readers (the window evaluator) need not parse strings. */
export function normaliseConfig(config: CheckConfig): CheckConfig {
  if (config.reference?.kind !== 'range') return config;
  return {
    ...config,
    reference: {
      kind: 'range',
      from: instantToMs(config.reference.from),
      to: instantToMs(config.reference.to),
    },
  };
}

/** 400 naming the field when the combination of levels is invalid. */
export function assertEffectiveConfig(modelConfig: unknown, versionConfig: unknown, graceMs: number): void {
  const problem = checkEffectiveConfig(effectiveCheckConfig(modelConfig, versionConfig, { graceMs }));
  if (problem) {
    throw new ApiError(400, 'DW_VALIDATION', `Invalid body at \`${problem.field}\`: ${problem.message}`, {
      field: problem.field,
    });
  }
}

export function registerModelRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models',
      tags: ['registry'],
      summary: 'Models of the project (read)',
      description:
        'Each model with its inferred schema, number of versions, aliases, the event time of its newest record and the mean label lag over the last 24 h.',
      security: bearerSecurity,
      request: { params: ProjectParams },
      responses: {
        200: {
          description: 'Models, by name',
          content: { 'application/json': { schema: z.object({ models: z.array(ModelSummarySchema) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const deps = c.var.deps;
      const summaries = await listModelSummaries(deps.storage, project.id, { now: deps.now() });
      return c.json({ models: summaries.map(summaryJson) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}',
      tags: ['registry'],
      summary: 'One model (read)',
      security: bearerSecurity,
      request: { params: ModelParams },
      responses: {
        200: { description: 'The model', content: { 'application/json': { schema: ModelSummarySchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const deps = c.var.deps;
      const [s] = await listModelSummaries(deps.storage, project.id, { now: deps.now(), modelId: model.id });
      if (!s)
        throw new ApiError(404, 'DW_MODEL_NOT_FOUND', `Model ${JSON.stringify(modelName)} does not exist`);
      return c.json(summaryJson(s), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/config',
      tags: ['registry'],
      summary: "The model's check configuration (read)",
      description:
        'Drift methods per column type / column, thresholds, drift share, windows, segments and the reference to compare with. `effective` applies it over the CLI defaults.',
      security: bearerSecurity,
      request: { params: ModelParams },
      responses: {
        200: { description: 'Configuration', content: { 'application/json': { schema: ConfigResponse } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const graceMs = c.var.deps.options.graceMs;
      return c.json(
        {
          config: model.config,
          effective: effectiveCheckConfig(
            layerCheckConfigs(
              fileCheckConfig(c.var.deps.options.modelConfigs, project.name, model.name),
              model.config,
            ),
            null,
            { graceMs },
          ),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/projects/{project}/models/{model}/config',
      tags: ['registry'],
      summary: "Replace the model's check configuration (admin; audited)",
      description: 'Fields left out take the defaults; `{}` resets to the defaults.',
      security: bearerSecurity,
      request: {
        params: ModelParams,
        body: { content: { 'application/json': { schema: CheckConfigSchema } }, required: true },
      },
      responses: {
        200: { description: 'Stored', content: { 'application/json': { schema: ConfigResponse } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const model = await requireModel(c, project, modelName);
      const deps = c.var.deps;
      const config = normaliseConfig(c.req.valid('json'));
      assertEffectiveConfig(config, null, deps.options.graceMs);
      await setModelConfig(deps.storage, {
        projectId: project.id,
        model,
        config,
        actor: principal.keyId,
        now: deps.now(),
      });
      return c.json(
        {
          config,
          effective: effectiveCheckConfig(
            layerCheckConfigs(fileCheckConfig(deps.options.modelConfigs, project.name, model.name), config),
            null,
            { graceMs: deps.options.graceMs },
          ),
        },
        200,
      );
    },
  );
}
