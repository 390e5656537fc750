/**
 * The model registry's writes and reads: versions with their metadata (contract, reference, feature definitions,
 * training-data fingerprint, environment, evaluation and validation results, tags), reference profiles, aliases
 * and per-model / per-version check configuration. Every change appends an audit entry in the same transaction
 * (who, what, when, before/after), so the audit log is complete even when a request fails half-way.
 *
 * Concurrency: writes to one model's registry state (alias moves, config changes) are serialised by locking the
 * model row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite transactions are serialised by its single writer), so
 * the audit entry's `before` is the state the change really replaced.
 * @module
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { appendAudit } from './audit-store.ts';
import { newId } from './ids.ts';
import type { Model } from './models-store.ts';
import type { StorageHandle } from './open-database.ts';
import { isUniqueViolation } from './projects-store.ts';
import type { Database, VersionsTable } from './schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Where a version's reference came from (stored in `versions.reference_source_json`). */
export type ReferenceSource =
  | {
      /** A dataset file uploaded with `PUT …/reference`, profiled on the server. */
      readonly kind: 'upload';
      readonly format: 'csv' | 'parquet' | 'jsonl';
      /** Size of the uploaded file after any `Content-Encoding: gzip` was removed. */
      readonly bytes: number;
      /** `sha256:<hex>` of the file bytes. */
      readonly sha256: string;
      readonly rows: number;
      readonly columns: number;
      readonly setAt: number;
      readonly setBy: string | null;
      readonly description?: string;
    }
  | {
      /** A `.dwprofile` file (`driftwatch profile -o …`) uploaded as is. */
      readonly kind: 'profile';
      readonly bytes: number;
      readonly sha256: string;
      readonly rows: number | null;
      readonly columns: number | null;
      readonly setAt: number;
      readonly setBy: string | null;
      readonly description?: string;
    }
  | {
      /**
       * A time range of the model's own production data, `[from, to)` in epoch ms. `reference_json` stays null:
       * the window evaluator builds the profile from the stored records of that range.
       */
      readonly kind: 'range';
      readonly from: number;
      readonly to: number;
      readonly setAt: number;
      readonly setBy: string | null;
      readonly description?: string;
    }
  | {
      /** Only a description so far (from `POST …/versions`); no reference data yet. */
      readonly kind: 'none';
      readonly description: string;
    };

/** A version with its registry metadata (the reference profile itself is fetched separately). */
export interface VersionRecord {
  readonly id: string;
  readonly modelId: string;
  readonly name: string;
  readonly createdAt: number;
  readonly createdBy: string | null;
  readonly contract: unknown;
  readonly referenceSource: ReferenceSource | null;
  /** True when `reference_json` holds a `DatasetProfile`. */
  readonly hasReferenceProfile: boolean;
  readonly features: unknown;
  readonly fingerprint: string | null;
  readonly environment: unknown;
  readonly evaluation: unknown;
  readonly validation: unknown;
  readonly tags: Readonly<Record<string, string>> | null;
  readonly config: unknown;
}

/** The registry metadata a client may send with a version. `undefined` fields stay unset. */
export interface VersionMetadata {
  readonly contract?: unknown;
  readonly referenceDescription?: string;
  readonly referenceRange?: { readonly from: number; readonly to: number };
  readonly features?: unknown;
  readonly fingerprint?: string;
  readonly environment?: unknown;
  readonly evaluation?: unknown;
  readonly validation?: unknown;
  readonly tags?: Readonly<Record<string, string>>;
  readonly config?: unknown;
}

export interface AliasRecord {
  readonly alias: string;
  readonly versionId: string;
  readonly versionName: string;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
}

export interface ModelSummary {
  readonly model: Model;
  readonly versionsCount: number;
  /** alias → version name */
  readonly aliases: Readonly<Record<string, string>>;
  /** Event time (`ts`) of the newest stored record, or null. */
  readonly lastRecordAt: number | null;
  /**
   * Mean delay between a prediction's event time and the arrival of its label, over labels received in the last
   * `labelLagWindowMs` (default 24 h); null without such labels.
   */
  readonly labelLagMs: number | null;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function toVersion(row: Omit<VersionsTable, 'reference_json'> & { has_reference: unknown }): VersionRecord {
  return {
    id: row.id,
    modelId: row.model_id,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
    contract: parse(row.contract_json),
    referenceSource: parse(row.reference_source_json) as ReferenceSource | null,
    hasReferenceProfile: Boolean(Number(row.has_reference)),
    features: parse(row.features_json),
    fingerprint: row.fingerprint,
    environment: parse(row.environment_json),
    evaluation: parse(row.evaluation_json),
    validation: parse(row.validation_json),
    tags: parse(row.tags_json) as Record<string, string> | null,
    config: parse(row.config_json),
  };
}

function selectVersions(db: Db) {
  return db
    .selectFrom('versions')
    .select([
      'id',
      'model_id',
      'name',
      'created_at',
      'created_by',
      'contract_json',
      'reference_source_json',
      'features_json',
      'fingerprint',
      'environment_json',
      'evaluation_json',
      'validation_json',
      'tags_json',
      'config_json',
      sql<number>`case when reference_json is null then 0 else 1 end`.as('has_reference'),
    ]);
}

/** Locks the model's row for the rest of the transaction (PostgreSQL); SQLite has a single writer already. */
async function lockModel(storage: StorageHandle, tx: Transaction<Database>, modelId: string): Promise<void> {
  if (storage.dialect === 'postgres') {
    await tx.selectFrom('models').select('id').where('id', '=', modelId).forUpdate().execute();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------------------------

/** The project's models (or just `modelId`) with their version counts, aliases, newest record time and label lag. */
export async function listModelSummaries(
  storage: StorageHandle,
  projectId: string,
  options: { now: number; labelLagWindowMs?: number; modelId?: string },
): Promise<ModelSummary[]> {
  let q = storage.db.selectFrom('models').selectAll().where('project_id', '=', projectId);
  if (options.modelId !== undefined) q = q.where('id', '=', options.modelId);
  const rows = await q.orderBy('name').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const counts = await storage.db
    .selectFrom('versions')
    .select(['model_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('model_id', 'in', ids)
    .groupBy('model_id')
    .execute();
  const countBy = new Map(counts.map((c) => [c.model_id, Number(c.n)]));
  const aliasRows = await storage.db
    .selectFrom('aliases')
    .innerJoin('versions', 'versions.id', 'aliases.version_id')
    .select(['aliases.model_id as model_id', 'aliases.alias as alias', 'versions.name as version'])
    .where('aliases.model_id', 'in', ids)
    .orderBy('aliases.alias')
    .execute();
  const aliasesBy = new Map<string, Record<string, string>>();
  for (const a of aliasRows) {
    let m = aliasesBy.get(a.model_id);
    if (!m) aliasesBy.set(a.model_id, (m = {}));
    m[a.alias] = a.version;
  }
  const since = options.now - (options.labelLagWindowMs ?? 86_400_000);
  const out: ModelSummary[] = [];
  for (const row of rows) {
    // One index-backed lookup per model (records_model_ts): max(ts) for a single model_id is a seek.
    const last = await storage.db
      .selectFrom('records')
      .select((eb) => eb.fn.max('ts').as('last'))
      .where('model_id', '=', row.id)
      .executeTakeFirst();
    const lag = await storage.db
      .selectFrom('labels')
      .innerJoin('records', (j) =>
        j
          .onRef('records.model_id', '=', 'labels.model_id')
          .onRef('records.record_id', '=', 'labels.record_id'),
      )
      .select(sql<number | null>`avg(labels.received_at - records.ts)`.as('lag'))
      .where('labels.model_id', '=', row.id)
      .where('labels.received_at', '>=', since)
      .executeTakeFirst();
    const lastTs = last?.last;
    const lagMs = lag?.lag;
    out.push({
      model: {
        id: row.id,
        projectId: row.project_id,
        name: row.name,
        createdAt: row.created_at,
        schema: row.schema_json ? JSON.parse(row.schema_json) : null,
        config: parse(row.config_json),
      },
      versionsCount: countBy.get(row.id) ?? 0,
      aliases: aliasesBy.get(row.id) ?? {},
      lastRecordAt: lastTs === null || lastTs === undefined ? null : Number(lastTs),
      labelLagMs: lagMs === null || lagMs === undefined ? null : Number(lagMs),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------------------------

/** Versions of a model, oldest first. */
export async function listVersions(storage: StorageHandle, modelId: string): Promise<VersionRecord[]> {
  const rows = await selectVersions(storage.db)
    .where('model_id', '=', modelId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toVersion);
}

/** A version by name, else by alias. */
export async function findVersion(
  db: Db,
  modelId: string,
  nameOrAlias: string,
): Promise<VersionRecord | undefined> {
  const byName = await selectVersions(db)
    .where('model_id', '=', modelId)
    .where('name', '=', nameOrAlias)
    .executeTakeFirst();
  if (byName) return toVersion(byName);
  const alias = await db
    .selectFrom('aliases')
    .select('version_id')
    .where('model_id', '=', modelId)
    .where('alias', '=', nameOrAlias)
    .executeTakeFirst();
  if (!alias) return undefined;
  const row = await selectVersions(db).where('id', '=', alias.version_id).executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** The stored reference profile (JSON text of a `DatasetProfile`), or null. */
export async function getReferenceProfileJson(
  storage: StorageHandle,
  versionId: string,
): Promise<string | null> {
  const row = await storage.db
    .selectFrom('versions')
    .select('reference_json')
    .where('id', '=', versionId)
    .executeTakeFirst();
  return row?.reference_json ?? null;
}

function hasMetadata(v: VersionRecord): boolean {
  return (
    v.contract !== null ||
    v.referenceSource !== null ||
    v.hasReferenceProfile ||
    v.features !== null ||
    v.fingerprint !== null ||
    v.environment !== null ||
    v.evaluation !== null ||
    v.validation !== null ||
    v.tags !== null ||
    v.config !== null
  );
}

function referenceSourceFrom(
  meta: VersionMetadata,
  now: number,
  actor: string | null,
): ReferenceSource | null {
  const description = meta.referenceDescription;
  if (meta.referenceRange) {
    return {
      kind: 'range',
      from: meta.referenceRange.from,
      to: meta.referenceRange.to,
      setAt: now,
      setBy: actor,
      ...(description !== undefined ? { description } : {}),
    };
  }
  return description !== undefined ? { kind: 'none', description } : null;
}

/** What the audit log records about a version's metadata (not the contract or features in full: their hash). */
function metadataForAudit(name: string, meta: VersionMetadata, source: ReferenceSource | null) {
  return {
    version: name,
    hasContract: meta.contract !== undefined,
    reference: source,
    hasFeatures: meta.features !== undefined,
    fingerprint: meta.fingerprint ?? null,
    environment: meta.environment ?? null,
    evaluation: meta.evaluation ?? null,
    validation: meta.validation ?? null,
    tags: meta.tags ?? null,
    config: meta.config ?? null,
  };
}

export type CreateVersionResult =
  | { readonly status: 'created' | 'adopted'; readonly version: VersionRecord }
  | { readonly status: 'exists' }
  | { readonly status: 'alias-conflict' };

/**
 * Registers a version. A name that already exists is a conflict (`exists`) — except a version that ingestion
 * created implicitly (records named it before it was registered) and that has no metadata yet: that one is
 * *adopted* (its metadata filled in), so registering after the first records arrived works. A name equal to one
 * of the model's aliases is refused (`alias-conflict`), since `…/versions/{version}` resolves both.
 */
export async function createVersion(
  storage: StorageHandle,
  input: {
    projectId: string;
    model: Pick<Model, 'id' | 'name'>;
    name: string;
    metadata: VersionMetadata;
    actor: string | null;
    now: number;
  },
): Promise<CreateVersionResult> {
  const { model, name, metadata: meta, actor, now } = input;
  const source = referenceSourceFrom(meta, now, actor);
  const values = {
    contract_json: json(meta.contract),
    reference_source_json: json(source),
    features_json: json(meta.features),
    fingerprint: meta.fingerprint ?? null,
    environment_json: json(meta.environment),
    evaluation_json: json(meta.evaluation),
    validation_json: json(meta.validation),
    tags_json: json(meta.tags),
    config_json: json(meta.config),
  };
  try {
    return await storage.db.transaction().execute(async (tx): Promise<CreateVersionResult> => {
      await lockModel(storage, tx, model.id);
      const alias = await tx
        .selectFrom('aliases')
        .select('alias')
        .where('model_id', '=', model.id)
        .where('alias', '=', name)
        .executeTakeFirst();
      if (alias) return { status: 'alias-conflict' };
      const existing = await selectVersions(tx)
        .where('model_id', '=', model.id)
        .where('name', '=', name)
        .executeTakeFirst();
      if (existing) {
        const v = toVersion(existing);
        if (v.createdBy !== 'ingest' || hasMetadata(v)) return { status: 'exists' };
        await tx
          .updateTable('versions')
          .set({ ...values, created_by: actor })
          .where('id', '=', v.id)
          .execute();
        await appendAudit(tx, {
          projectId: input.projectId,
          actor,
          action: 'version.register',
          targetType: 'version',
          targetId: v.id,
          before: { model: model.name, version: name, implicit: true },
          after: { model: model.name, ...metadataForAudit(name, meta, source) },
          at: now,
        });
        const row = await selectVersions(tx).where('id', '=', v.id).executeTakeFirstOrThrow();
        return { status: 'adopted', version: toVersion(row) };
      }
      const id = newId(now);
      await tx
        .insertInto('versions')
        .values({
          id,
          model_id: model.id,
          name,
          created_at: now,
          created_by: actor,
          reference_json: null,
          ...values,
        })
        .execute();
      await appendAudit(tx, {
        projectId: input.projectId,
        actor,
        action: 'version.create',
        targetType: 'version',
        targetId: id,
        after: { model: model.name, ...metadataForAudit(name, meta, source) },
        at: now,
      });
      const row = await selectVersions(tx).where('id', '=', id).executeTakeFirstOrThrow();
      return { status: 'created', version: toVersion(row) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { status: 'exists' };
    throw e;
  }
}

/**
 * Sets a version's reference: a profile (JSON text of a `DatasetProfile`) with its source, or a time range of
 * production data (`profileJson` null). A description given earlier is kept unless the new source has one. When
 * `fingerprint` is given and the version has no training-data fingerprint yet, it is recorded too.
 */
export async function setReference(
  storage: StorageHandle,
  input: {
    projectId: string;
    model: Pick<Model, 'id' | 'name'>;
    version: Pick<VersionRecord, 'id' | 'name'>;
    profileJson: string | null;
    source: ReferenceSource;
    fingerprint?: string;
    actor: string | null;
    now: number;
  },
): Promise<VersionRecord> {
  return storage.db.transaction().execute(async (tx) => {
    await lockModel(storage, tx, input.model.id);
    const before = await selectVersions(tx).where('id', '=', input.version.id).executeTakeFirstOrThrow();
    const previous = parse(before.reference_source_json) as ReferenceSource | null;
    let source = input.source;
    if (source.kind !== 'none' && source.description === undefined && previous?.description !== undefined) {
      source = { ...source, description: previous.description };
    }
    const fingerprint =
      before.fingerprint === null && input.fingerprint !== undefined ? input.fingerprint : before.fingerprint;
    await tx
      .updateTable('versions')
      .set({
        reference_json: input.profileJson,
        reference_source_json: JSON.stringify(source),
        fingerprint,
      })
      .where('id', '=', input.version.id)
      .execute();
    await appendAudit(tx, {
      projectId: input.projectId,
      actor: input.actor,
      action: 'version.reference.set',
      targetType: 'version',
      targetId: input.version.id,
      before: {
        model: input.model.name,
        version: input.version.name,
        reference: previous,
        hadProfile: Boolean(Number(before.has_reference)),
        fingerprint: before.fingerprint,
      },
      after: { model: input.model.name, version: input.version.name, reference: source, fingerprint },
      at: input.now,
    });
    const row = await selectVersions(tx).where('id', '=', input.version.id).executeTakeFirstOrThrow();
    return toVersion(row);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Aliases
// ---------------------------------------------------------------------------------------------------------------

/** The audit `target_id` of an alias: model id and alias name (model ids never contain `/`). */
export function aliasTargetId(modelId: string, alias: string): string {
  return `${modelId}/${alias}`;
}

export async function listAliases(db: Db, modelId: string): Promise<AliasRecord[]> {
  const rows = await db
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
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

export type SetAliasResult =
  | {
      readonly status: 'moved' | 'unchanged';
      /** Version name the alias pointed at before, or null when it is new. */
      readonly before: string | null;
      readonly alias: AliasRecord;
    }
  | { readonly status: 'version-not-found' }
  | { readonly status: 'name-conflict' };

/**
 * Points `alias` at the version named `versionName` (a version name; an alias is resolved to its version).
 * Recorded in the audit log with the version names before and after, so a rollback is simply a move back.
 * Moving an alias to the version it already points at changes nothing and records nothing.
 */
export async function setAlias(
  storage: StorageHandle,
  input: {
    projectId: string;
    model: Pick<Model, 'id' | 'name'>;
    alias: string;
    version: string;
    actor: string | null;
    now: number;
  },
): Promise<SetAliasResult> {
  const { model, alias, actor, now } = input;
  return storage.db.transaction().execute(async (tx): Promise<SetAliasResult> => {
    await lockModel(storage, tx, model.id);
    const clash = await tx
      .selectFrom('versions')
      .select('id')
      .where('model_id', '=', model.id)
      .where('name', '=', alias)
      .executeTakeFirst();
    if (clash) return { status: 'name-conflict' };
    const target = await findVersion(tx, model.id, input.version);
    if (!target) return { status: 'version-not-found' };
    const current = await tx
      .selectFrom('aliases')
      .innerJoin('versions', 'versions.id', 'aliases.version_id')
      .select(['aliases.version_id as version_id', 'versions.name as version_name'])
      .where('aliases.model_id', '=', model.id)
      .where('aliases.alias', '=', alias)
      .executeTakeFirst();
    if (current?.version_id === target.id) {
      const [rec] = (await listAliases(tx, model.id)).filter((a) => a.alias === alias);
      return { status: 'unchanged', before: current.version_name, alias: rec! };
    }
    if (current) {
      await tx
        .updateTable('aliases')
        .set({ version_id: target.id, updated_at: now, updated_by: actor })
        .where('model_id', '=', model.id)
        .where('alias', '=', alias)
        .execute();
    } else {
      await tx
        .insertInto('aliases')
        .values({ model_id: model.id, alias, version_id: target.id, updated_at: now, updated_by: actor })
        .execute();
    }
    await appendAudit(tx, {
      projectId: input.projectId,
      actor,
      action: 'alias.set',
      targetType: 'alias',
      targetId: aliasTargetId(model.id, alias),
      before: current ? { model: model.name, alias, version: current.version_name } : null,
      after: { model: model.name, alias, version: target.name },
      at: now,
    });
    return {
      status: 'moved',
      before: current?.version_name ?? null,
      alias: { alias, versionId: target.id, versionName: target.name, updatedAt: now, updatedBy: actor },
    };
  });
}

/** Removes an alias (audited). Returns the version name it pointed at, or undefined when it did not exist. */
export async function deleteAlias(
  storage: StorageHandle,
  input: {
    projectId: string;
    model: Pick<Model, 'id' | 'name'>;
    alias: string;
    actor: string | null;
    now: number;
  },
): Promise<string | undefined> {
  const { model, alias } = input;
  return storage.db.transaction().execute(async (tx) => {
    await lockModel(storage, tx, model.id);
    const current = await tx
      .selectFrom('aliases')
      .innerJoin('versions', 'versions.id', 'aliases.version_id')
      .select(['versions.name as version_name'])
      .where('aliases.model_id', '=', model.id)
      .where('aliases.alias', '=', alias)
      .executeTakeFirst();
    if (!current) return undefined;
    await tx.deleteFrom('aliases').where('model_id', '=', model.id).where('alias', '=', alias).execute();
    await appendAudit(tx, {
      projectId: input.projectId,
      actor: input.actor,
      action: 'alias.delete',
      targetType: 'alias',
      targetId: aliasTargetId(model.id, alias),
      before: { model: model.name, alias, version: current.version_name },
      after: null,
      at: input.now,
    });
    return current.version_name;
  });
}

export interface AliasMove {
  readonly seq: number;
  readonly alias: string;
  readonly at: number;
  readonly actor: string | null;
  /** Version name before the move (null: the alias was new). */
  readonly from: string | null;
  /** Version name after the move (null: the alias was deleted). */
  readonly to: string | null;
}

/** Every move of the model's aliases, oldest first, from the audit log. */
export async function aliasHistory(
  storage: StorageHandle,
  projectId: string,
  modelId: string,
): Promise<AliasMove[]> {
  const rows = await storage.db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor', 'target_id', 'before_json', 'after_json'])
    .where('project_id', '=', projectId)
    .where('target_type', '=', 'alias')
    .where('target_id', 'like', `${modelId}/%`)
    .orderBy('seq')
    .execute();
  const prefix = `${modelId}/`;
  return rows.map((r) => {
    const before = parse(r.before_json) as { version?: string } | null;
    const after = parse(r.after_json) as { version?: string } | null;
    return {
      seq: Number(r.seq),
      alias: (r.target_id ?? '').slice(prefix.length),
      at: r.at,
      actor: r.actor,
      from: before?.version ?? null,
      to: after?.version ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Check configuration
// ---------------------------------------------------------------------------------------------------------------

/** Replaces the model's check configuration (null clears it). Returns the previous one. */
export async function setModelConfig(
  storage: StorageHandle,
  input: {
    projectId: string;
    model: Pick<Model, 'id' | 'name'>;
    config: unknown;
    actor: string | null;
    now: number;
  },
): Promise<unknown> {
  return storage.db.transaction().execute(async (tx) => {
    await lockModel(storage, tx, input.model.id);
    const row = await tx
      .selectFrom('models')
      .select('config_json')
      .where('id', '=', input.model.id)
      .executeTakeFirstOrThrow();
    const before = parse(row.config_json);
    await tx
      .updateTable('models')
      .set({ config_json: json(input.config) })
      .where('id', '=', input.model.id)
      .execute();
    await appendAudit(tx, {
      projectId: input.projectId,
      actor: input.actor,
      action: 'model.config.set',
      targetType: 'model',
      targetId: input.model.id,
      before: { model: input.model.name, config: before },
      after: { model: input.model.name, config: input.config ?? null },
      at: input.now,
    });
    return before;
  });
}

/** Replaces a version's check-configuration override (null clears it). Returns the previous one. */
export async function setVersionConfig(
  storage: StorageHandle,
  input: {
    projectId: string;
    model: Pick<Model, 'id' | 'name'>;
    version: Pick<VersionRecord, 'id' | 'name'>;
    config: unknown;
    actor: string | null;
    now: number;
  },
): Promise<unknown> {
  return storage.db.transaction().execute(async (tx) => {
    await lockModel(storage, tx, input.model.id);
    const row = await tx
      .selectFrom('versions')
      .select('config_json')
      .where('id', '=', input.version.id)
      .executeTakeFirstOrThrow();
    const before = parse(row.config_json);
    await tx
      .updateTable('versions')
      .set({ config_json: json(input.config) })
      .where('id', '=', input.version.id)
      .execute();
    await appendAudit(tx, {
      projectId: input.projectId,
      actor: input.actor,
      action: 'version.config.set',
      targetType: 'version',
      targetId: input.version.id,
      before: { model: input.model.name, version: input.version.name, config: before },
      after: { model: input.model.name, version: input.version.name, config: input.config ?? null },
      at: input.now,
    });
    return before;
  });
}
