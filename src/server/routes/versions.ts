/**
 * Model versions: list, register (with contract, reference description, feature definitions, training-data
 * fingerprint, environment, evaluation and validation results, tags), read one (by name or alias), the version's
 * check-configuration override, and its reference (upload a dataset or `.dwprofile`, or name a time range).
 * @module
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { isDriftwatchError } from '../../core/errors.ts';
import { parseContract } from '../../core/schema/contract.ts';
import { storeModelSample } from '../../monitor/reference-model-sample.ts';
import { createModel, findModel, type Model } from '../../storage/models-store.ts';
import {
  createVersion,
  getReferenceProfileJson,
  listVersions,
  setReference,
  setVersionConfig,
  type VersionMetadata,
} from '../../storage/registry-store.ts';
import { ApiError } from '../api-error.ts';
import { requireProject } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { bearerSecurity, ErrorSchema, errorResponses, ModelParams } from '../schemas/common.ts';
import {
  CheckConfigSchema,
  ConfigResponse,
  CreateVersionBody,
  effectiveCheckConfig,
  fileCheckConfig,
  layerCheckConfigs,
  VersionParams,
  VersionSchema,
} from '../schemas/registry.ts';
import { assertEffectiveConfig, normaliseConfig } from './models.ts';
import { REFERENCE_UPLOAD_MIN_LIMIT_BYTES, receiveReference } from './reference-upload.ts';
import {
  aliasesByVersion,
  rangeFrom,
  requireModel,
  requireVersion,
  validationError,
  versionJson,
} from './registry-common.ts';

const conflict = (code: string, message: string, field: string) =>
  new ApiError(409, code, message, { field });

const ReferenceQuery = z.object({
  description: z
    .string()
    .max(4096)
    .optional()
    .openapi({ param: { name: 'description', in: 'query' }, description: 'Describes an uploaded reference' }),
});

export function registerVersionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/versions',
      tags: ['registry'],
      summary: 'Versions of a model, oldest first (read)',
      security: bearerSecurity,
      request: { params: ModelParams },
      responses: {
        200: {
          description: 'Versions',
          content: { 'application/json': { schema: z.object({ versions: z.array(VersionSchema) }) } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const aliases = await aliasesByVersion(c, model.id);
      const versions = await listVersions(c.var.deps.storage, model.id);
      return c.json({ versions: versions.map((v) => versionJson(v, aliases.get(v.id) ?? [])) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/projects/{project}/models/{model}/versions',
      tags: ['registry'],
      summary: 'Register a version (admin; audited)',
      description:
        'Creates the model when it does not exist yet (404 under `--strict-models`). A version that ingestion created implicitly (records named it first) and that has no metadata yet is filled in (200); a name that exists otherwise is a 409.',
      security: bearerSecurity,
      request: {
        params: ModelParams,
        body: { content: { 'application/json': { schema: CreateVersionBody } }, required: true },
      },
      responses: {
        200: {
          description: 'An implicitly created version was registered',
          content: { 'application/json': { schema: VersionSchema } },
        },
        201: { description: 'Created', content: { 'application/json': { schema: VersionSchema } } },
        409: {
          description: 'The version name exists (or is an alias)',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const body = c.req.valid('json');
      const deps = c.var.deps;
      const now = deps.now();

      const meta: { -readonly [K in keyof VersionMetadata]: VersionMetadata[K] } = {};
      if (body.contract !== undefined) {
        try {
          meta.contract = parseContract(body.contract, { source: 'contract' });
        } catch (e) {
          if (isDriftwatchError(e)) throw validationError('contract', e.message.replace(/^contract: /, ''));
          throw e;
        }
      }
      if (body.reference) {
        const { from, to, description } = body.reference;
        if (description !== undefined) meta.referenceDescription = description;
        if (from !== undefined || to !== undefined) {
          if (from === undefined) throw validationError('reference.from', 'required with reference.to');
          if (to === undefined) throw validationError('reference.to', 'required with reference.from');
          meta.referenceRange = rangeFrom(from, to, 'reference.');
        }
      }
      if (body.features !== undefined) meta.features = body.features;
      if (body.fingerprint !== undefined) meta.fingerprint = body.fingerprint;
      if (body.environment !== undefined) meta.environment = body.environment;
      if (body.evaluation !== undefined) meta.evaluation = body.evaluation;
      if (body.validation !== undefined) meta.validation = body.validation;
      if (body.tags !== undefined) meta.tags = body.tags;

      let model: Model | undefined = await findModel(deps.storage, project.id, modelName);
      if (body.config !== undefined) {
        meta.config = normaliseConfig(body.config);
        assertEffectiveConfig(model?.config ?? null, meta.config, deps.options.graceMs);
      }
      if (!model) {
        if (deps.options.strictModels) {
          throw new ApiError(
            404,
            'DW_MODEL_NOT_FOUND',
            `Model ${JSON.stringify(modelName)} does not exist in this project (the server runs with --strict-models)`,
            { field: 'model' },
          );
        }
        model = await createModel(deps.storage, {
          projectId: project.id,
          name: modelName,
          actor: principal.keyId,
          now,
        });
      }
      const result = await createVersion(deps.storage, {
        projectId: project.id,
        model,
        name: body.name,
        metadata: meta,
        actor: principal.keyId,
        now,
      });
      if (result.status === 'exists') {
        throw conflict('DW_VERSION_EXISTS', `Version ${JSON.stringify(body.name)} already exists`, 'name');
      }
      if (result.status === 'alias-conflict') {
        throw conflict(
          'DW_VERSION_NAME_IS_ALIAS',
          `${JSON.stringify(body.name)} is an alias of this model; versions and aliases share one namespace`,
          'name',
        );
      }
      const aliases = await aliasesByVersion(c, model.id);
      const json = versionJson(result.version, aliases.get(result.version.id) ?? []);
      return result.status === 'created' ? c.json(json, 201) : c.json(json, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/versions/{version}',
      tags: ['registry'],
      summary: 'One version, by name or alias (read)',
      security: bearerSecurity,
      request: { params: VersionParams },
      responses: {
        200: { description: 'The version', content: { 'application/json': { schema: VersionSchema } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, version: versionName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const version = await requireVersion(c, model, versionName);
      const aliases = await aliasesByVersion(c, model.id);
      return c.json(versionJson(version, aliases.get(version.id) ?? []), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/versions/{version}/config',
      tags: ['registry'],
      summary: "A version's check-configuration override and the effective configuration (read)",
      security: bearerSecurity,
      request: { params: VersionParams },
      responses: {
        200: { description: 'Configuration', content: { 'application/json': { schema: ConfigResponse } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, version: versionName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const version = await requireVersion(c, model, versionName);
      const graceMs = c.var.deps.options.graceMs;
      return c.json(
        {
          config: version.config,
          effective: effectiveCheckConfig(
            layerCheckConfigs(
              fileCheckConfig(c.var.deps.options.modelConfigs, project.name, model.name),
              model.config,
            ),
            version.config,
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
      path: '/v1/projects/{project}/models/{model}/versions/{version}/config',
      tags: ['registry'],
      summary: "Replace a version's check-configuration override (admin; audited)",
      description:
        "Applied over the model's configuration (`drift` and `columnTypes` key by key); `{}` removes it.",
      security: bearerSecurity,
      request: {
        params: VersionParams,
        body: { content: { 'application/json': { schema: CheckConfigSchema } }, required: true },
      },
      responses: {
        200: { description: 'Stored', content: { 'application/json': { schema: ConfigResponse } } },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, version: versionName } = c.req.valid('param');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const model = await requireModel(c, project, modelName);
      const version = await requireVersion(c, model, versionName);
      const deps = c.var.deps;
      const body = normaliseConfig(c.req.valid('json'));
      const config = Object.keys(body).length === 0 ? null : body;
      assertEffectiveConfig(model.config, config, deps.options.graceMs);
      await setVersionConfig(deps.storage, {
        projectId: project.id,
        model,
        version,
        config,
        actor: principal.keyId,
        now: deps.now(),
      });
      const graceMs = deps.options.graceMs;
      return c.json(
        {
          config,
          effective: effectiveCheckConfig(
            layerCheckConfigs(
              fileCheckConfig(c.var.deps.options.modelConfigs, project.name, model.name),
              model.config,
            ),
            config,
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
      path: '/v1/projects/{project}/models/{model}/versions/{version}/reference',
      tags: ['registry'],
      summary: "Set a version's reference (admin; audited)",
      description: [
        'The body is one of:',
        '- a dataset file: `text/csv`, `application/vnd.apache.parquet` (or `application/octet-stream` with the Parquet magic bytes), `application/x-ndjson` (JSON Lines) — profiled on the server;',
        '- a reference profile written by `driftwatch profile` (`application/json` with `"format": "driftwatch-profile"`);',
        '- `application/json` `{ "from", "to", "description"? }`: a time range of this model\'s own production data.',
        `\`Content-Encoding: gzip\` is accepted. Uploads are limited to the larger of the server body limit and ${REFERENCE_UPLOAD_MIN_LIMIT_BYTES / 1048576} MiB. The sha256 of an uploaded file is recorded with the reference, and becomes the version's training-data fingerprint when it has none.`,
      ].join('\n'),
      security: bearerSecurity,
      request: {
        params: VersionParams,
        query: ReferenceQuery,
        body: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string' } },
            'application/vnd.apache.parquet': { schema: { type: 'string', format: 'binary' } },
            'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
            'application/x-ndjson': { schema: { type: 'string' } },
            'application/json': {
              schema: {
                type: 'object',
                description:
                  'A `.dwprofile` document (`format: "driftwatch-profile"`), or `{ from, to, description? }` (RFC 3339 or epoch ms)',
              },
            },
          },
        },
      },
      responses: {
        200: {
          description: 'The version with its new reference',
          content: { 'application/json': { schema: VersionSchema } },
        },
        413: { description: 'Upload too large', content: { 'application/json': { schema: ErrorSchema } } },
        415: {
          description: 'Unsupported Content-Type',
          content: { 'application/json': { schema: ErrorSchema } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, version: versionName } = c.req.valid('param');
      const { description } = c.req.valid('query');
      const { principal, project } = await requireProject(c, projectName, 'admin');
      const model = await requireModel(c, project, modelName);
      const version = await requireVersion(c, model, versionName);
      const deps = c.var.deps;
      const received = await receiveReference(c.req.raw, {
        limitBytes: Math.max(deps.options.bodyLimitBytes, REFERENCE_UPLOAD_MIN_LIMIT_BYTES),
        now: deps.now(),
        actor: principal.keyId,
        ...(description !== undefined ? { description } : {}),
      });
      const updated = await setReference(deps.storage, {
        projectId: project.id,
        model,
        version,
        ...received,
        actor: principal.keyId,
        now: received.now,
      });
      // CBPE needs the reference's scores and labels row by row: kept beside the profile (or cleared).
      await storeModelSample(deps.storage, version.id, received.modelSample ?? null);
      const aliases = await aliasesByVersion(c, model.id);
      return c.json(versionJson(updated, aliases.get(updated.id) ?? []), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/projects/{project}/models/{model}/versions/{version}/reference',
      tags: ['registry'],
      summary: "A version's reference profile (read)",
      description:
        'The stored `DatasetProfile` (`.dwprofile` JSON), usable with `driftwatch report --reference`. 404 `DW_REFERENCE_NOT_SET` when the reference is a time range (built by the window evaluator) or not set.',
      security: bearerSecurity,
      request: { params: VersionParams },
      responses: {
        200: {
          description: 'The profile',
          content: { 'application/json': { schema: z.object({}).passthrough().openapi('DatasetProfile') } },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const { project: projectName, model: modelName, version: versionName } = c.req.valid('param');
      const { project } = await requireProject(c, projectName, 'read');
      const model = await requireModel(c, project, modelName);
      const version = await requireVersion(c, model, versionName);
      const text = await getReferenceProfileJson(c.var.deps.storage, version.id);
      if (text === null) {
        throw new ApiError(
          404,
          'DW_REFERENCE_NOT_SET',
          `Version ${JSON.stringify(version.name)} has no stored reference profile`,
          { field: 'version' },
        );
      }
      return c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' }) as never;
    },
  );
}
