/**
 * Which reference a window is compared with, and that reference ready as a table.
 *
 * - A version window (`version_key` = a version id): the version's reference; else the model's default below.
 * - The all-versions window (`*`): the reference of the version behind the `production` alias, else of the newest
 *   version that has one.
 * - A version reference is a stored profile (`versions.reference_json`: an uploaded dataset or `.dwprofile`), or a
 *   time range of the version's own production records (`reference_source_json.kind = 'range'`), profiled here
 *   once the range has ended (+ grace) and cached in the `meta` table.
 * - Without any: the model's first full UTC day of production data (the first UTC day that starts after the
 *   model's first record, or at it; a day without records is skipped), profiled once that day has ended plus the
 *   daily grace and cached in `meta` (the first node to store it wins). Until then windows are evaluated without
 *   drift (`reference.kind = 'none'`); when the first-day reference appears, those windows are marked dirty and
 *   evaluated again against it.
 *
 * Prepared tables are cached in memory, keyed by what identifies the reference's content (the version's reference
 * source record — upload hash and time — or the range), which is read again (a small row) for every window.
 * @module
 */
import { sql } from 'kysely';
import { fileCheckConfig, layerCheckConfigs } from '../server/schemas/registry.ts';
import {
  countRecords,
  firstRecordTs,
  forEachRecordPage,
  getMeta,
  markWindowsDirtyWhere,
  putMetaIfAbsent,
} from '../storage/evaluation-store.ts';
import type { ModelSchema } from '../storage/models-store.ts';
import type { StorageHandle } from '../storage/open-database.ts';
import { DAY_MS, windowStart } from '../storage/windows-store.ts';
import type { ReferenceChoice } from './check-config.ts';
import type { PreparedReference, ReferenceInfo } from './evaluate-window.ts';
import {
  type PreparedTable,
  parseProfileText,
  prepareProfile,
  referenceProfileText,
  withAlignedModelColumns,
} from './profiles.ts';
import { loadModelSample, sampleColumns } from './reference-model-sample.ts';
import { type ColumnKind, kindOfSchemaType, WindowTableBuilder } from './window-table.ts';

const rfc = (ms: number) => new Date(ms).toISOString();

/** Marker of stored results evaluated without a reference (see `markWindowsDirtyWhere`). */
export const NO_REFERENCE_MARKER = '"referenceKind":"none"';

export interface VersionRow {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly config: unknown;
  readonly contract: unknown;
  readonly referenceSourceText: string | null;
  readonly hasReferenceJson: boolean;
}

export interface ModelContext {
  readonly modelId: string;
  readonly schema: ModelSchema | null;
  readonly modelConfig: unknown;
  readonly versions: readonly VersionRow[];
  readonly productionVersionId: string | null;
  /** alias → version id */
  readonly aliases: ReadonlyMap<string, string>;
}

export interface ResolvedReference extends PreparedReference {
  /** Whether every reference column is exact (no sketch error): drift figures are exact only then. */
  readonly exact: boolean;
}

function none(reason: string): ResolvedReference {
  return { info: { kind: 'none', reason }, table: null, rows: 0, types: new Map(), exact: true };
}

/**
 * The version whose configuration and contract apply to a window (with the model's): the evaluated version; for the
 * all-versions window, the version behind `production`, else the newest.
 */
export function configVersionFor(ctx: ModelContext, versionKey: string): VersionRow | null {
  const byId = (id: string | null) => (id ? ctx.versions.find((v) => v.id === id) : undefined);
  if (versionKey !== '*') return byId(versionKey) ?? null;
  return byId(ctx.productionVersionId) ?? ctx.versions[0] ?? null;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Loads what reference resolution needs about a model (a few small rows). */
export async function loadModelContext(
  storage: StorageHandle,
  modelId: string,
  fileConfigs: Readonly<Record<string, unknown>> = {},
): Promise<ModelContext | null> {
  const model = await storage.db
    .selectFrom('models')
    .innerJoin('projects', 'projects.id', 'models.project_id')
    .select([
      'models.id as id',
      'models.name as name',
      'projects.name as project',
      'schema_json',
      'config_json',
    ])
    .where('models.id', '=', modelId)
    .executeTakeFirst();
  if (!model) return null;
  const versions = await storage.db
    .selectFrom('versions')
    .select([
      'id',
      'name',
      'created_at',
      'config_json',
      'contract_json',
      'reference_source_json',
      sql<number>`case when reference_json is null then 0 else 1 end`.as('has_ref'),
    ])
    .where('model_id', '=', modelId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const aliases = await storage.db
    .selectFrom('aliases')
    .select(['alias', 'version_id'])
    .where('model_id', '=', modelId)
    .execute();
  const aliasMap = new Map(aliases.map((a) => [a.alias, a.version_id]));
  return {
    modelId,
    schema: parseJson(model.schema_json) as ModelSchema | null,
    // The server file's configuration (driftwatch.yaml `models:`) sits under the model's own.
    modelConfig: layerCheckConfigs(
      fileCheckConfig(fileConfigs, model.project, model.name),
      parseJson(model.config_json),
    ),
    versions: versions.map((v) => ({
      id: v.id,
      name: v.name,
      createdAt: Number(v.created_at),
      config: parseJson(v.config_json),
      contract: parseJson(v.contract_json),
      referenceSourceText: v.reference_source_json,
      hasReferenceJson: Number(v.has_ref) === 1,
    })),
    productionVersionId: aliasMap.get('production') ?? null,
    aliases: aliasMap,
  };
}

/** Column kinds from the model's inferred schema. */
export function schemaHints(schema: ModelSchema | null): Map<string, ColumnKind> {
  const hints = new Map<string, ColumnKind>();
  for (const [name, t] of Object.entries(schema?.features ?? {})) {
    const k = kindOfSchemaType(t);
    if (k) hints.set(name, k);
  }
  if (schema?.prediction) {
    const k = kindOfSchemaType(schema.prediction);
    if (k) hints.set('prediction', k);
  }
  return hints;
}

interface RangeSource {
  readonly kind: 'range';
  readonly from: number;
  readonly to: number;
}

function rangeSourceOf(v: VersionRow): RangeSource | null {
  const s = parseJson(v.referenceSourceText) as { kind?: unknown; from?: unknown; to?: unknown } | null;
  if (s?.kind === 'range' && typeof s.from === 'number' && typeof s.to === 'number' && s.to > s.from)
    return { kind: 'range', from: s.from, to: s.to };
  return null;
}

interface CacheEntry {
  readonly token: string;
  readonly prepared: PreparedTable;
}

export interface ReferenceResolverOptions {
  /** Grace after the end of a day (first-day reference) or range before it is profiled, ms. */
  readonly dailyGraceMs: number;
  /** Most prepared references kept in memory. Default 16. */
  readonly maxEntries?: number;
}

export class ReferenceResolver {
  private readonly storage: StorageHandle;
  private readonly options: ReferenceResolverOptions;
  private readonly cache = new Map<string, CacheEntry>();
  /** First-day reference not available yet: don't ask again before this time. */
  private readonly notBefore = new Map<string, number>();

  constructor(storage: StorageHandle, options: ReferenceResolverOptions) {
    this.storage = storage;
    this.options = options;
  }

  /**
   * The reference for a window of `versionKey` (`*` or a version id) under the configuration's choice:
   * - `own`: a version window → the version's own reference; the all-versions window → the reference of the
   *   version behind `production`, else of the newest version that has one;
   * - `version`: that version's (name or alias) reference;
   * - `range`: the model's records of `[from, to)` (once it has ended plus the daily grace);
   * - `firstDay`, and the fallback of `own`/`version` when the version has none: the first full UTC day.
   */
  async resolve(
    ctx: ModelContext,
    versionKey: string,
    choice: ReferenceChoice,
    now: number,
  ): Promise<ResolvedReference> {
    const byId = new Map(ctx.versions.map((v) => [v.id, v]));
    const candidates: VersionRow[] = [];
    if (choice.kind === 'own') {
      if (versionKey !== '*') {
        const own = byId.get(versionKey);
        if (own) candidates.push(own);
      } else {
        const prod = ctx.productionVersionId ? byId.get(ctx.productionVersionId) : undefined;
        if (prod) candidates.push(prod);
        candidates.push(...ctx.versions); // newest first
      }
    } else if (choice.kind === 'version') {
      const id = ctx.versions.find((v) => v.name === choice.version)?.id ?? ctx.aliases.get(choice.version);
      const v = id ? byId.get(id) : undefined;
      if (v) candidates.push(v);
    } else if (choice.kind === 'range') {
      if (choice.to + this.options.dailyGraceMs > now) {
        return none(
          `the configured reference range ${rfc(choice.from)}/${rfc(choice.to)} has not ended yet (it is profiled then)`,
        );
      }
      const metaKey = `monitor.reference.modelRange.${ctx.modelId}.${choice.from}.${choice.to}`;
      const prepared = await this.cached(`modelRange:${ctx.modelId}`, metaKey, async () => {
        const text = await this.profiledRange(ctx, metaKey, choice.from, choice.to, undefined, now);
        return text ? prepareProfile(parseProfileText(text)) : null;
      });
      if (!prepared)
        return none(`the configured reference range ${rfc(choice.from)}/${rfc(choice.to)} has no records`);
      return {
        info: {
          kind: 'range',
          versionId: null,
          versionName: null,
          start: rfc(choice.from),
          end: rfc(choice.to),
        },
        table: prepared.table,
        rows: prepared.rows,
        types: prepared.types,
        exact: prepared.exact,
      };
    }
    const seen = new Set<string>();
    for (const v of candidates) {
      if (seen.has(v.id)) continue;
      seen.add(v.id);
      const fromVersion = await this.versionReference(ctx, v, now);
      if (fromVersion) return fromVersion;
    }
    const firstDay = await this.firstDayReference(ctx, now);
    if (firstDay) return firstDay;
    return none(firstDayPendingReason);
  }

  private async versionReference(
    ctx: ModelContext,
    v: VersionRow,
    now: number,
  ): Promise<ResolvedReference | null> {
    if (v.hasReferenceJson) {
      const token = `json:${v.referenceSourceText ?? ''}`;
      const prepared = await this.cached(`version:${v.id}`, token, async () => {
        const row = await this.storage.db
          .selectFrom('versions')
          .select('reference_json')
          .where('id', '=', v.id)
          .executeTakeFirst();
        if (!row?.reference_json) return null;
        const base = prepareProfile(parseProfileText(row.reference_json));
        // An uploaded dataset also keeps its target and scores row by row: CBPE calibrates on them.
        const sample = await loadModelSample(this.storage, v.id);
        return sample && sample.rows === base.rows
          ? withAlignedModelColumns(base, sampleColumns(sample))
          : base;
      });
      if (prepared) {
        const info: ReferenceInfo = {
          kind: 'version',
          versionId: v.id,
          versionName: v.name,
          source: parseJson(v.referenceSourceText),
        };
        return {
          info,
          table: prepared.table,
          rows: prepared.rows,
          types: prepared.types,
          exact: prepared.exact,
          ...(prepared.modelAligned ? { modelAligned: true } : {}),
        };
      }
    }
    const range = rangeSourceOf(v);
    if (range && range.to + this.options.dailyGraceMs <= now) {
      const metaKey = `monitor.reference.range.${v.id}.${range.from}.${range.to}`;
      const prepared = await this.cached(`range:${v.id}`, metaKey, async () => {
        const text = await this.profiledRange(ctx, metaKey, range.from, range.to, v.id, now);
        return text ? prepareProfile(parseProfileText(text)) : null;
      });
      if (prepared && prepared.rows > 0) {
        return {
          info: {
            kind: 'range',
            versionId: v.id,
            versionName: v.name,
            start: rfc(range.from),
            end: rfc(range.to),
          },
          table: prepared.table,
          rows: prepared.rows,
          types: prepared.types,
          exact: prepared.exact,
        };
      }
    }
    return null;
  }

  /** The profile text of a range of records (cached in `meta` under `metaKey`), or null without records. */
  private async profiledRange(
    ctx: ModelContext,
    metaKey: string,
    from: number,
    to: number,
    versionId: string | undefined,
    now: number,
  ): Promise<string | null> {
    const stored = await getMeta(this.storage.db, metaKey);
    if (stored !== undefined) return (parseJson(stored) as { profile?: string } | null)?.profile ?? null;
    let range = { modelId: ctx.modelId, versionId, fromMs: from, toMs: to };
    // A version range without records of that version: the model's records of the range.
    if (versionId && (await countRecords(this.storage.db, range)) === 0)
      range = { ...range, versionId: undefined };
    const builder = new WindowTableBuilder(schemaHints(ctx.schema));
    await forEachRecordPage(this.storage.db, range, (rows) => builder.add(rows));
    if (builder.rows === 0) return null;
    const built = builder.finish();
    const profile = referenceProfileText(built.table, `records ${rfc(from)}/${rfc(to)}`, now);
    const value = JSON.stringify({ start: from, end: to, rows: built.table.rowCount, profile });
    const winner = await putMetaIfAbsent(this.storage.db, metaKey, value);
    return (parseJson(winner) as { profile?: string } | null)?.profile ?? profile;
  }

  private async firstDayReference(ctx: ModelContext, now: number): Promise<ResolvedReference | null> {
    const metaKey = `monitor.reference.firstDay.${ctx.modelId}`;
    const cachedEntry = this.cache.get(`firstDay:${ctx.modelId}`);
    let stored: string | undefined;
    if (!cachedEntry) {
      if ((this.notBefore.get(ctx.modelId) ?? 0) > now) return null;
      stored = await getMeta(this.storage.db, metaKey);
      if (stored === undefined) {
        const day = await this.firstFullDay(ctx.modelId);
        if (day === null || day + DAY_MS + this.options.dailyGraceMs > now) {
          this.notBefore.set(ctx.modelId, now + 30_000);
          return null;
        }
        const text = await this.profiledRange(ctx, metaKey, day, day + DAY_MS, undefined, now);
        if (text === null) {
          this.notBefore.set(ctx.modelId, now + 30_000);
          return null;
        }
        stored = await getMeta(this.storage.db, metaKey);
        // Windows evaluated before this reference existed are evaluated again against it.
        await markWindowsDirtyWhere(this.storage.db, ctx.modelId, NO_REFERENCE_MARKER);
      }
    }
    const parsed = (stored ? parseJson(stored) : null) as {
      start: number;
      end: number;
      profile: string;
    } | null;
    const prepared =
      cachedEntry?.prepared ?? (parsed ? prepareProfile(parseProfileText(parsed.profile)) : null);
    if (!prepared) return null;
    if (!cachedEntry && parsed)
      this.remember(`firstDay:${ctx.modelId}`, { token: String(parsed.start), prepared });
    const start = parsed?.start ?? Number(cachedEntry?.token);
    return {
      info: { kind: 'first-day', start: rfc(start), end: rfc(start + DAY_MS) },
      table: prepared.table,
      rows: prepared.rows,
      types: prepared.types,
      exact: prepared.exact,
    };
  }

  /** Start of the model's first full UTC day of records, or null without records. */
  private async firstFullDay(modelId: string): Promise<number | null> {
    const first = await firstRecordTs(this.storage.db, modelId);
    if (first === null) return null;
    let day = first === windowStart(first, '1d') ? first : windowStart(first, '1d') + DAY_MS;
    if ((await countRecords(this.storage.db, { modelId, fromMs: day, toMs: day + DAY_MS })) === 0) {
      // No records that day: the next day with records (production had started before it, so it is full).
      const next = await firstRecordTs(this.storage.db, modelId, day + DAY_MS);
      if (next === null) return day;
      day = windowStart(next, '1d');
    }
    return day;
  }

  private async cached(
    key: string,
    token: string,
    load: () => Promise<PreparedTable | null>,
  ): Promise<PreparedTable | null> {
    const hit = this.cache.get(key);
    if (hit && hit.token === token) return hit.prepared;
    const prepared = await load();
    if (prepared) this.remember(key, { token, prepared });
    return prepared;
  }

  private remember(key: string, entry: CacheEntry): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    const max = this.options.maxEntries ?? 16;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Forgets every prepared reference (tests; a reference replaced out of band). */
  clear(): void {
    this.cache.clear();
    this.notBefore.clear();
  }
}

const firstDayPendingReason =
  'no version has a reference and the first full UTC day of production data has not ended yet (it becomes the reference then)';
