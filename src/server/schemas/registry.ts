/**
 * Zod schemas of the model registry API (models, versions, references, aliases, audit, check configuration), and
 * the check configuration's defaults and resolution (model → version override → effective), which the window
 * evaluator uses too.
 * @module
 */
import { z } from '@hono/zod-openapi';
import type { Correction, DriftOptions } from '../../core/drift/drift-options.ts';
import { METHOD_IDS, type MethodId } from '../../core/drift/method-spec.ts';
import { ModelParams, NameSchema } from './common.ts';

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------------

/** Alias names: `production`, `shadow`, `canary`, `champion`, … */
export const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export const AliasNameSchema = z
  .string()
  .regex(ALIAS_PATTERN, 'alias names match ^[a-z][a-z0-9_-]{0,63}$ (lower-case letter first)');

/**
 * Version names: 1–128 characters, without U+0000 (PostgreSQL `text` cannot hold it, so it could neither be
 * stored nor looked up).
 */
export const VersionNameSchema = NameSchema.refine((s) => !s.includes('\u0000'), 'must not contain U+0000');

export const VersionParams = ModelParams.extend({
  version: VersionNameSchema.openapi({
    param: { name: 'version', in: 'path' },
    description: 'Version name, or an alias pointing at it',
    example: 'v3',
  }),
});

export const AliasParams = ModelParams.extend({
  alias: AliasNameSchema.openapi({ param: { name: 'alias', in: 'path' }, example: 'production' }),
});

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An instant: an RFC 3339 string with a zone (`2026-01-31T12:00:00Z`) or epoch milliseconds. */
export const InstantSchema = z
  .union([
    z.int().min(0).max(8.64e15),
    z.string().regex(RFC3339, 'expected an RFC 3339 date-time with a zone, e.g. 2026-01-31T12:00:00Z'),
  ])
  .openapi({
    description: 'RFC 3339 date-time with a zone, or epoch milliseconds',
    example: '2026-01-31T00:00:00Z',
  });

/** Epoch ms of an `InstantSchema` value (already validated), NaN when the string is not a real date. */
export function instantToMs(v: number | string): number {
  return typeof v === 'number' ? v : Date.parse(v);
}

/** Free-form JSON nests at most this deep (deeper documents would overflow the stack when stored). */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects/arrays at most `max` levels deep (iterative: safe for any input). */
export function jsonDepthAtMost(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

const JsonObject = z
  .record(z.string(), z.unknown())
  .refine((v) => jsonDepthAtMost(v, MAX_JSON_DEPTH), `nested deeper than ${MAX_JSON_DEPTH} levels`);
const ColumnName = z.string().min(1).max(256);
const COLUMN_TYPE_IDS = ['num', 'cat', 'text', 'datetime', 'id'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Check configuration
// ---------------------------------------------------------------------------------------------------------------

const MethodSchema = z.enum(METHOD_IDS);
const Threshold = z.number().min(0);

const DriftConfigSchema = z
  .strictObject({
    method: MethodSchema.optional().openapi({
      description: "Every column (default: Evidently's auto-selection)",
    }),
    numMethod: MethodSchema.optional(),
    catMethod: MethodSchema.optional(),
    columnMethods: z.record(ColumnName, MethodSchema).optional(),
    threshold: Threshold.optional().openapi({ description: "Every column (default: the method's default)" }),
    numThreshold: Threshold.optional(),
    catThreshold: Threshold.optional(),
    columnThresholds: z.record(ColumnName, Threshold).optional(),
    driftShare: z.number().min(0).max(1).optional().openapi({ description: 'Default 0.5' }),
    correction: z.enum(['none', 'bonferroni', 'bh']).optional().openapi({ description: 'Default none' }),
    binning: z.enum(['sturges', 'quantile']).optional().openapi({ description: 'Default sturges' }),
    bins: z.int().min(2).max(1000).optional().openapi({ description: 'Quantile binning only; default 10' }),
    seed: z.int().optional().openapi({ description: 'Default 0' }),
  })
  .openapi('DriftConfig');

const ReferenceChoiceSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('own') }).openapi({
      description:
        "The evaluated version's own reference; until it has one, the first full day of production data",
    }),
    z
      .strictObject({ kind: z.literal('version'), version: VersionNameSchema })
      .openapi({ description: "Another version's reference (name or alias, e.g. production)" }),
    z
      .strictObject({ kind: z.literal('firstDay') })
      .openapi({ description: 'The first full UTC day of production data' }),
    z
      .strictObject({ kind: z.literal('range'), from: InstantSchema, to: InstantSchema })
      .openapi({ description: 'A time range of production data, [from, to)' }),
  ])
  .openapi('ReferenceChoice');

/**
 * A check configuration as stored: every field optional. A model's configuration is applied over the defaults and
 * a version's override over the model's (`drift`, `columnTypes` merge key by key; other fields replace).
 */
export const CheckConfigSchema = z
  .strictObject({
    drift: DriftConfigSchema.optional(),
    columnTypes: z.record(ColumnName, z.enum(COLUMN_TYPE_IDS)).optional().openapi({
      description:
        'Semantic type per column (num, cat, text, datetime, id); default inferred as Evidently does',
    }),
    columns: z.array(ColumnName).optional().openapi({ description: 'Only these features (default: all)' }),
    exclude: z.array(ColumnName).optional().openapi({ description: 'Leave these features out' }),
    windows: z
      .array(z.enum(['1h', '1d']))
      .min(1)
      .optional()
      .openapi({ description: 'Windows evaluated; default both 1h and 1d' }),
    graceMinutes: z.int().min(0).max(10_080).optional().openapi({
      description:
        'Wait this long after an hourly window ends before evaluating it; default the server setting',
    }),
    segments: z.array(z.string().min(1).max(128)).max(16).optional().openapi({
      description: 'Segment keys (from records’ `segments`) to break results down by; default none',
    }),
    reference: ReferenceChoiceSchema.optional(),
    quality: z
      .strictObject({
        task: z.enum(['binary', 'multiclass', 'regression', 'ranking']).optional(),
        posLabel: z.union([z.string(), z.number(), z.boolean()]).optional(),
        decisionThreshold: z.number().min(0).max(1).optional(),
        k: z.int().min(1).max(10_000).optional(),
      })
      .optional(),
  })
  .openapi('CheckConfig');

export type CheckConfig = z.infer<typeof CheckConfigSchema>;

/** The configuration a window is evaluated with: defaults, then the model's, then the version's override. */
export interface EffectiveCheckConfig {
  readonly drift: {
    readonly method?: MethodId;
    readonly numMethod?: MethodId;
    readonly catMethod?: MethodId;
    readonly columnMethods: Readonly<Record<string, MethodId>>;
    readonly threshold?: number;
    readonly numThreshold?: number;
    readonly catThreshold?: number;
    readonly columnThresholds: Readonly<Record<string, number>>;
    readonly driftShare: number;
    readonly correction: Correction;
    readonly binning: 'sturges' | 'quantile';
    readonly bins?: number;
    readonly seed: number;
  };
  readonly columnTypes: Readonly<Record<string, (typeof COLUMN_TYPE_IDS)[number]>>;
  readonly columns?: readonly string[];
  readonly exclude: readonly string[];
  readonly windows: readonly ('1h' | '1d')[];
  readonly graceMinutes: number;
  readonly segments: readonly string[];
  readonly reference: CheckConfig['reference'] & {};
  readonly quality: {
    readonly task?: 'binary' | 'multiclass' | 'regression' | 'ranking';
    readonly posLabel?: string | number | boolean;
    readonly decisionThreshold?: number;
    readonly k: number;
  };
}

/** The CLI's defaults (`driftwatch report`: drift share 0.5, no correction, sturges binning, seed 0, k 10). */
export function defaultCheckConfig(options: { graceMs: number }): EffectiveCheckConfig {
  return {
    drift: {
      columnMethods: {},
      columnThresholds: {},
      driftShare: 0.5,
      correction: 'none',
      binning: 'sturges',
      seed: 0,
    },
    columnTypes: {},
    exclude: [],
    windows: ['1h', '1d'],
    graceMinutes: Math.round(options.graceMs / 60_000),
    segments: [],
    reference: { kind: 'own' },
    quality: { k: 10 },
  };
}

function mergeOne(base: EffectiveCheckConfig, over: CheckConfig | null | undefined): EffectiveCheckConfig {
  if (!over) return base;
  const d = over.drift ?? {};
  return {
    drift: {
      ...base.drift,
      ...d,
      columnMethods: { ...base.drift.columnMethods, ...(d.columnMethods ?? {}) },
      columnThresholds: { ...base.drift.columnThresholds, ...(d.columnThresholds ?? {}) },
    },
    columnTypes: { ...base.columnTypes, ...(over.columnTypes ?? {}) },
    ...(over.columns !== undefined
      ? { columns: over.columns }
      : base.columns !== undefined
        ? { columns: base.columns }
        : {}),
    exclude: over.exclude ?? base.exclude,
    windows: over.windows ? [...new Set(over.windows)] : base.windows,
    graceMinutes: over.graceMinutes ?? base.graceMinutes,
    segments: over.segments ?? base.segments,
    reference: over.reference ?? base.reference,
    quality: { ...base.quality, ...(over.quality ?? {}) },
  };
}

/**
 * Layers two stored configurations with the same rules as the effective resolution (`drift` and its per-column
 * maps, `columnTypes` and `quality` merge key by key; other fields replace). Used to put the server file's
 * configuration (`driftwatch.yaml` `models:`) under a model's own: defaults ← file ← model ← version.
 * An invalid side is ignored, as in `effectiveCheckConfig`.
 */
export function layerCheckConfigs(base: unknown, over: unknown): CheckConfig | null {
  const parse = (v: unknown) => (v === null || v === undefined ? undefined : CheckConfigSchema.safeParse(v));
  const b = parse(base);
  const o = parse(over);
  const bc = b?.success ? b.data : undefined;
  const oc = o?.success ? o.data : undefined;
  if (!bc) return oc ?? null;
  if (!oc) return bc;
  const drift =
    bc.drift || oc.drift
      ? {
          ...bc.drift,
          ...oc.drift,
          ...(bc.drift?.columnMethods || oc.drift?.columnMethods
            ? { columnMethods: { ...bc.drift?.columnMethods, ...oc.drift?.columnMethods } }
            : {}),
          ...(bc.drift?.columnThresholds || oc.drift?.columnThresholds
            ? { columnThresholds: { ...bc.drift?.columnThresholds, ...oc.drift?.columnThresholds } }
            : {}),
        }
      : undefined;
  return {
    ...bc,
    ...oc,
    ...(drift ? { drift } : {}),
    ...(bc.columnTypes || oc.columnTypes ? { columnTypes: { ...bc.columnTypes, ...oc.columnTypes } } : {}),
    ...(bc.quality || oc.quality ? { quality: { ...bc.quality, ...oc.quality } } : {}),
  };
}

/**
 * The server file's configuration for a model: `driftwatch.yaml` `models:` entries keyed `*`, `<project>/*` and
 * `<project>/<model>`, layered from the least to the most specific.
 */
export function fileCheckConfig(
  configs: Readonly<Record<string, unknown>>,
  project: string,
  model: string,
): CheckConfig | null {
  let out: CheckConfig | null = null;
  for (const key of ['*', `${project}/*`, `${project}/${model}`]) {
    if (Object.hasOwn(configs, key)) out = layerCheckConfigs(out, configs[key]);
  }
  return out;
}

/**
 * Resolves the effective configuration: defaults ← model ← version. Stored configurations that no longer parse
 * (they are validated on write, so only after a downgrade) are ignored rather than failing an evaluation.
 */
export function effectiveCheckConfig(
  modelConfig: unknown,
  versionConfig: unknown,
  options: { graceMs: number },
): EffectiveCheckConfig {
  const parsed = (v: unknown) => {
    if (v === null || v === undefined) return undefined;
    const r = CheckConfigSchema.safeParse(v);
    return r.success ? r.data : undefined;
  };
  return mergeOne(mergeOne(defaultCheckConfig(options), parsed(modelConfig)), parsed(versionConfig));
}

/** Problems the schema cannot see because they span levels (model + version): `{ field, message }` or null. */
export function checkEffectiveConfig(c: EffectiveCheckConfig): { field: string; message: string } | null {
  if (c.drift.bins !== undefined && c.drift.binning !== 'quantile') {
    return {
      field: 'drift.bins',
      message: 'bins applies to quantile binning only (sturges binning chooses its own bins)',
    };
  }
  if (c.reference.kind === 'range') {
    const from = instantToMs(c.reference.from);
    const to = instantToMs(c.reference.to);
    if (Number.isNaN(from)) return { field: 'reference.from', message: 'not a valid date-time' };
    if (Number.isNaN(to)) return { field: 'reference.to', message: 'not a valid date-time' };
    if (!(from < to)) return { field: 'reference.to', message: 'must be after reference.from' };
  }
  return null;
}

/** The drift part as the check engine's `DriftOptions`. */
export function driftOptionsFromConfig(c: EffectiveCheckConfig): DriftOptions {
  return { ...c.drift };
}

// ---------------------------------------------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------------------------------------------

const FeatureDefinitionSchema = z
  .looseObject({
    type: z.enum(COLUMN_TYPE_IDS).optional(),
    dtype: z.enum(['float', 'int', 'string', 'bool', 'datetime']).optional(),
    description: z.string().max(4096).optional(),
    role: z.enum(['feature', 'prediction', 'score', 'target', 'segment', 'id', 'timestamp']).optional(),
  })
  .openapi('FeatureDefinition', {
    description: 'What a feature is; further keys (source, transform, …) are kept',
  });

const TagsSchema = z
  .record(z.string().min(1).max(128), z.string().max(1024))
  .refine((t) => Object.keys(t).length <= 100, 'at most 100 tags')
  .openapi({ description: 'Free tags, string → string', example: { team: 'risk', ticket: 'ML-42' } });

export const CreateVersionBody = z
  .strictObject({
    name: VersionNameSchema.openapi({ example: 'v3' }),
    contract: JsonObject.optional().openapi({
      description:
        'Input contract, same format as the CLI’s `--contract` file (`{ columns: { … }, dataset?: { … } }`)',
    }),
    reference: z
      .strictObject({
        description: z.string().max(4096).optional(),
        from: InstantSchema.optional(),
        to: InstantSchema.optional(),
      })
      .optional()
      .openapi({
        description:
          'Describes the reference; with `from`/`to` it is that time range of production data. Upload data with PUT …/reference.',
      }),
    features: z
      .record(ColumnName, FeatureDefinitionSchema)
      .refine((v) => jsonDepthAtMost(v, MAX_JSON_DEPTH), `nested deeper than ${MAX_JSON_DEPTH} levels`)
      .optional(),
    fingerprint: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces, e.g. sha256:<hex>')
      .optional()
      .openapi({
        description:
          'Training-data fingerprint, e.g. `sha256:<hex>` (or a DVC `md5:<hex>`); set from the first reference upload when absent',
      }),
    environment: JsonObject.optional().openapi({
      description: 'Runtime and dependencies, e.g. `{ runtime, packages, gitCommit, containerDigest }`',
    }),
    evaluation: JsonObject.optional().openapi({ description: 'Evaluation metrics' }),
    validation: JsonObject.optional().openapi({ description: 'Validation results' }),
    tags: TagsSchema.optional(),
    config: CheckConfigSchema.optional(),
  })
  .openapi('CreateVersion');

const ReferenceSourceOut = z
  .object({
    kind: z.enum(['upload', 'profile', 'range', 'none', 'default']),
    description: z.string().optional(),
    note: z.string().optional(),
    format: z.string().optional(),
    bytes: z.number().optional(),
    sha256: z.string().optional(),
    rows: z.number().nullable().optional(),
    columns: z.number().nullable().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    setAt: z.string().optional(),
    setBy: z.string().nullable().optional(),
    hasProfile: z.boolean(),
  })
  .openapi('ReferenceInfo', {
    description:
      '`default` means no reference is set: the first full day of production data serves as reference until one is',
  });

export const VersionSchema = z
  .object({
    name: z.string(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    aliases: z.array(z.string()),
    contract: z.unknown().nullable(),
    reference: ReferenceSourceOut,
    features: z.unknown().nullable(),
    fingerprint: z.string().nullable(),
    environment: z.unknown().nullable(),
    evaluation: z.unknown().nullable(),
    validation: z.unknown().nullable(),
    tags: z.record(z.string(), z.string()),
    config: z.unknown().nullable(),
  })
  .openapi('Version');

// ---------------------------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------------------------

export const ModelSummarySchema = z
  .object({
    name: z.string(),
    createdAt: z.string(),
    schema: z.unknown().nullable().openapi({ description: 'Inferred from the first batch of records' }),
    versions: z.number().int(),
    aliases: z.record(z.string(), z.string()).openapi({ description: 'alias → version name' }),
    lastRecordAt: z.string().nullable().openapi({ description: 'Event time of the newest stored record' }),
    labelLagMs: z
      .number()
      .nullable()
      .openapi({ description: 'Mean delay from prediction time to label arrival, labels of the last 24 h' }),
  })
  .openapi('ModelSummary');

// ---------------------------------------------------------------------------------------------------------------
// Aliases
// ---------------------------------------------------------------------------------------------------------------

export const SetAliasBody = z.strictObject({ version: VersionNameSchema }).openapi('SetAlias');

const AliasMoveSchema = z
  .object({
    at: z.string(),
    actor: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  })
  .openapi('AliasMove');

export const AliasSchema = z
  .object({
    alias: z.string(),
    version: z.string().nullable().openapi({ description: 'null when the alias was deleted' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    history: z.array(AliasMoveSchema),
  })
  .openapi('Alias');

export const SetAliasResponse = z
  .object({
    alias: z.string(),
    version: z.string(),
    previous: z.string().nullable(),
    changed: z.boolean(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .openapi('AliasMoved');

// ---------------------------------------------------------------------------------------------------------------
// Audit
// ---------------------------------------------------------------------------------------------------------------

export const AuditQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' }, description: '1–1000, default 100' }),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({
      param: { name: 'after', in: 'query' },
      description: 'Return entries with `seq` greater than this',
    }),
  target: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[a-z_.]+(:.+)?$/, 'expected `type` or `type:id`, e.g. `alias` or `version:01J…`')
    .optional()
    .openapi({
      param: { name: 'target', in: 'query' },
      description: '`type` or `type:id`, e.g. `alias`, `version:<id>`',
    }),
});

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: z.string(),
    actor: z.string().nullable().openapi({ description: 'Key id (or `ingest`, `first-start`)' }),
    action: z.string().openapi({ example: 'alias.set' }),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .openapi('AuditEntry');

// ---------------------------------------------------------------------------------------------------------------
// Configuration responses
// ---------------------------------------------------------------------------------------------------------------

export const ConfigResponse = z
  .object({
    config: z.unknown().nullable().openapi({ description: 'As stored at this level (null: none)' }),
    effective: z
      .unknown()
      .openapi({ description: 'Defaults ← model ← version, what windows are evaluated with' }),
  })
  .openapi('ConfigResponse');
