/**
 * Models and the version a record belongs to. (Registry writes — versions with metadata, alias moves — live in
 * registry-store.ts.)
 * @module
 */
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from './audit-store.ts';
import { newId } from './ids.ts';
import type { StorageHandle } from './open-database.ts';
import { isUniqueViolation } from './projects-store.ts';
import type { Database } from './schema.ts';

export interface Model {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  readonly createdAt: number;
  /** Inferred from the first batch: feature name → dtype. */
  readonly schema: ModelSchema | null;
  readonly config: unknown;
}

export interface ModelSchema {
  readonly features: Readonly<Record<string, 'float' | 'int' | 'string' | 'bool'>>;
  readonly prediction?: 'float' | 'int' | 'string' | 'bool';
  readonly hasScore?: boolean;
  readonly scoreClasses?: readonly string[];
  readonly segments?: readonly string[];
}

function toModel(row: Database['models']): Model {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    createdAt: row.created_at,
    schema: row.schema_json ? (JSON.parse(row.schema_json) as ModelSchema) : null,
    config: row.config_json ? JSON.parse(row.config_json) : null,
  };
}

export async function findModel(
  storage: StorageHandle,
  projectId: string,
  name: string,
): Promise<Model | undefined> {
  const row = await storage.db
    .selectFrom('models')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toModel(row) : undefined;
}

export async function listModels(storage: StorageHandle, projectId: string): Promise<Model[]> {
  const rows = await storage.db
    .selectFrom('models')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('name')
    .execute();
  return rows.map(toModel);
}

/** Creates the model (or returns the existing one when another request created it first). */
export async function createModel(
  storage: StorageHandle,
  input: { projectId: string; name: string; schema?: ModelSchema | null; actor: string | null; now: number },
): Promise<Model> {
  const id = newId(input.now);
  try {
    await storage.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('models')
        .values({
          id,
          project_id: input.projectId,
          name: input.name,
          created_at: input.now,
          schema_json: input.schema ? JSON.stringify(input.schema) : null,
          config_json: null,
        })
        .execute();
      await appendAudit(tx, {
        projectId: input.projectId,
        actor: input.actor,
        action: 'model.create',
        targetType: 'model',
        targetId: id,
        after: { name: input.name, schema: input.schema ?? null },
        at: input.now,
      });
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const existing = await findModel(storage, input.projectId, input.name);
    if (existing) return existing;
    throw e;
  }
  return {
    id,
    projectId: input.projectId,
    name: input.name,
    createdAt: input.now,
    schema: input.schema ?? null,
    config: null,
  };
}

export async function setModelSchema(
  storage: StorageHandle,
  modelId: string,
  schema: ModelSchema,
): Promise<void> {
  await storage.db
    .updateTable('models')
    .set({ schema_json: JSON.stringify(schema) })
    .where('id', '=', modelId)
    .execute();
}

export interface VersionRef {
  readonly id: string;
  readonly name: string;
}

/** Version by name or alias, or undefined. */
export async function findVersionByNameOrAlias(
  db: Kysely<Database> | Transaction<Database>,
  modelId: string,
  nameOrAlias: string,
): Promise<VersionRef | undefined> {
  const byName = await db
    .selectFrom('versions')
    .select(['id', 'name'])
    .where('model_id', '=', modelId)
    .where('name', '=', nameOrAlias)
    .executeTakeFirst();
  if (byName) return byName;
  const byAlias = await db
    .selectFrom('aliases')
    .innerJoin('versions', 'versions.id', 'aliases.version_id')
    .select(['versions.id as id', 'versions.name as name'])
    .where('aliases.model_id', '=', modelId)
    .where('aliases.alias', '=', nameOrAlias)
    .executeTakeFirst();
  return byAlias;
}

/**
 * The version a record without `version` goes to: the one behind the `production` alias, else the newest version,
 * else an implicit first version `v1` (created here, audited).
 */
export async function defaultVersion(
  storage: StorageHandle,
  modelId: string,
  projectId: string,
  now: number,
): Promise<VersionRef> {
  const prod = await findVersionByNameOrAliasAlias(storage.db, modelId, 'production');
  if (prod) return prod;
  const newest = await storage.db
    .selectFrom('versions')
    .select(['id', 'name'])
    .where('model_id', '=', modelId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (newest) return newest;
  return createImplicitVersion(storage, modelId, projectId, 'v1', now);
}

async function findVersionByNameOrAliasAlias(
  db: Kysely<Database>,
  modelId: string,
  alias: string,
): Promise<VersionRef | undefined> {
  return db
    .selectFrom('aliases')
    .innerJoin('versions', 'versions.id', 'aliases.version_id')
    .select(['versions.id as id', 'versions.name as name'])
    .where('aliases.model_id', '=', modelId)
    .where('aliases.alias', '=', alias)
    .executeTakeFirst();
}

/** Creates a bare version (no metadata) — used when records name a version the registry does not know yet. */
export async function createImplicitVersion(
  storage: StorageHandle,
  modelId: string,
  projectId: string,
  name: string,
  now: number,
): Promise<VersionRef> {
  const id = newId(now);
  try {
    await storage.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('versions')
        .values({
          id,
          model_id: modelId,
          name,
          created_at: now,
          created_by: 'ingest',
          contract_json: null,
          reference_json: null,
          reference_source_json: null,
          features_json: null,
          fingerprint: null,
          environment_json: null,
          evaluation_json: null,
          validation_json: null,
          tags_json: null,
          config_json: null,
        })
        .execute();
      await appendAudit(tx, {
        projectId,
        actor: 'ingest',
        action: 'version.create',
        targetType: 'version',
        targetId: id,
        after: { name, implicit: true },
        at: now,
      });
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const existing = await findVersionByNameOrAlias(storage.db, modelId, name);
    if (existing) return existing;
    throw e;
  }
  return { id, name };
}
