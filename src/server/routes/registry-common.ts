/**
 * Lookups and JSON shapes shared by the registry route modules (models, versions, aliases).
 * @module
 */
import type { Context } from 'hono';
import { findModel, type Model } from '../../storage/models-store.ts';
import type { Project } from '../../storage/projects-store.ts';
import { findVersion, listAliases, type VersionRecord } from '../../storage/registry-store.ts';
import { ApiError } from '../api-error.ts';
import type { AppEnv } from '../context.ts';
import { rfc3339 } from '../schemas/common.ts';
import { instantToMs } from '../schemas/registry.ts';

export async function requireModel(c: Context<AppEnv>, project: Project, name: string): Promise<Model> {
  const model = await findModel(c.var.deps.storage, project.id, name);
  if (!model) {
    throw new ApiError(
      404,
      'DW_MODEL_NOT_FOUND',
      `Model ${JSON.stringify(name)} does not exist in this project`,
      {
        field: 'model',
      },
    );
  }
  return model;
}

export async function requireVersion(
  c: Context<AppEnv>,
  model: Model,
  nameOrAlias: string,
): Promise<VersionRecord> {
  const version = await findVersion(c.var.deps.storage.db, model.id, nameOrAlias);
  if (!version) {
    throw new ApiError(
      404,
      'DW_VERSION_NOT_FOUND',
      `Model ${JSON.stringify(model.name)} has no version or alias ${JSON.stringify(nameOrAlias)}`,
      { field: 'version' },
    );
  }
  return version;
}

export const DEFAULT_REFERENCE_NOTE =
  'No reference set yet: the first full UTC day of production data serves as the reference until one is set';

/** The `reference` block of a version: where it came from, whether a profile is stored, or the default. */
export function referenceInfo(v: VersionRecord) {
  const s = v.referenceSource;
  const hasProfile = v.hasReferenceProfile;
  if (s === null || s.kind === 'none') {
    return {
      kind: 'default' as const,
      ...(s?.description !== undefined ? { description: s.description } : {}),
      note: DEFAULT_REFERENCE_NOTE,
      hasProfile,
    };
  }
  const common = {
    ...(s.description !== undefined ? { description: s.description } : {}),
    setAt: rfc3339(s.setAt),
    setBy: s.setBy,
    hasProfile,
  };
  if (s.kind === 'range')
    return { kind: 'range' as const, from: rfc3339(s.from), to: rfc3339(s.to), ...common };
  return {
    kind: s.kind,
    ...(s.kind === 'upload' ? { format: s.format } : { format: 'dwprofile' }),
    bytes: s.bytes,
    sha256: s.sha256,
    rows: s.rows,
    columns: s.columns,
    ...common,
  };
}

/** A version as the API returns it (the reference profile itself is at `…/reference`). */
export function versionJson(v: VersionRecord, aliases: readonly string[]) {
  return {
    name: v.name,
    createdAt: rfc3339(v.createdAt),
    createdBy: v.createdBy,
    aliases: [...aliases],
    contract: v.contract,
    reference: referenceInfo(v),
    features: v.features,
    fingerprint: v.fingerprint,
    environment: v.environment,
    evaluation: v.evaluation,
    validation: v.validation,
    tags: v.tags ?? {},
    config: v.config,
  };
}

/** version id → its aliases, for one model. */
export async function aliasesByVersion(c: Context<AppEnv>, modelId: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const a of await listAliases(c.var.deps.storage.db, modelId)) {
    const list = out.get(a.versionId);
    if (list) list.push(a.alias);
    else out.set(a.versionId, [a.alias]);
  }
  return out;
}

/** A 400 `DW_VALIDATION` naming the body field. */
export function validationError(field: string, message: string): ApiError {
  return new ApiError(400, 'DW_VALIDATION', `Invalid body at \`${field}\`: ${message}`, { field });
}

/** `{ from, to }` → an epoch-ms range `[from, to)` with from < to, else a 400 naming the field (`prefix` + name). */
export function rangeFrom(
  from: number | string,
  to: number | string,
  prefix: string,
): { from: number; to: number } {
  const f = instantToMs(from);
  const t = instantToMs(to);
  if (Number.isNaN(f)) throw validationError(`${prefix}from`, 'not a valid date-time');
  if (Number.isNaN(t)) throw validationError(`${prefix}to`, 'not a valid date-time');
  if (!(f < t)) throw validationError(`${prefix}to`, `must be after ${prefix}from`);
  return { from: f, to: t };
}
