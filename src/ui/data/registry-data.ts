/**
 * The model registry as the Versions tab shows it: versions with their metadata, aliases, and the aliases'
 * history from the append-only audit log (alias moves are audited with `target_type = 'alias'` and
 * `target_id = '<model id>/<alias>'`, before/after `{ version }`).
 * @module
 */
import type { StorageHandle } from '../../storage/open-database.ts';

export interface VersionView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly createdBy: string | null;
  readonly fingerprint: string | null;
  readonly environment: unknown;
  readonly evaluation: unknown;
  readonly validation: unknown;
  readonly tags: unknown;
  readonly referenceSource: unknown;
  readonly hasReference: boolean;
  readonly hasContract: boolean;
}

export interface AliasView {
  readonly alias: string;
  readonly versionId: string;
  readonly versionName: string;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
}

export interface AliasEvent {
  readonly seq: number;
  readonly alias: string;
  readonly at: number;
  readonly actor: string | null;
  readonly action: string;
  readonly from: string | null;
  readonly to: string | null;
}

function parse(s: string | null): unknown {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export async function modelVersions(storage: StorageHandle, modelId: string): Promise<VersionView[]> {
  const rows = await storage.db
    .selectFrom('versions')
    .select((eb) => [
      'id',
      'name',
      'created_at',
      'created_by',
      'fingerprint',
      'environment_json',
      'evaluation_json',
      'validation_json',
      'tags_json',
      'reference_source_json',
      'contract_json',
      eb.case().when('reference_json', 'is not', null).then(1).else(0).end().as('has_reference'),
    ])
    .where('model_id', '=', modelId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
    fingerprint: r.fingerprint,
    environment: parse(r.environment_json),
    evaluation: parse(r.evaluation_json),
    validation: parse(r.validation_json),
    tags: parse(r.tags_json),
    referenceSource: parse(r.reference_source_json),
    hasReference: Number(r.has_reference) === 1,
    hasContract: r.contract_json !== null,
  }));
}

export async function modelAliases(storage: StorageHandle, modelId: string): Promise<AliasView[]> {
  const rows = await storage.db
    .selectFrom('aliases')
    .innerJoin('versions', 'versions.id', 'aliases.version_id')
    .select([
      'aliases.alias as alias',
      'aliases.version_id as version_id',
      'versions.name as version_name',
      'aliases.updated_at as updated_at',
      'aliases.updated_by as updated_by',
    ])
    .where('aliases.model_id', '=', modelId)
    .orderBy('aliases.alias')
    .execute();
  return rows.map((r) => ({
    alias: r.alias,
    versionId: r.version_id,
    versionName: r.version_name,
    updatedAt: Number(r.updated_at),
    updatedBy: r.updated_by,
  }));
}

/** Alias moves of the model, newest first. */
export async function aliasEvents(
  storage: StorageHandle,
  projectId: string,
  modelId: string,
  limit = 200,
): Promise<AliasEvent[]> {
  const prefix = `${modelId}/`;
  const rows = await storage.db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor', 'action', 'target_id', 'before_json', 'after_json'])
    .where('project_id', '=', projectId)
    .where('target_type', '=', 'alias')
    .where('target_id', 'like', `${prefix}%`)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const before = parse(r.before_json) as { version?: unknown } | null;
    const after = parse(r.after_json) as { version?: unknown } | null;
    return {
      seq: Number(r.seq),
      alias: (r.target_id ?? '').slice(prefix.length),
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      from: typeof before?.version === 'string' ? before.version : null,
      to: typeof after?.version === 'string' ? after.version : null,
    };
  });
}
