/**
 * The JSON result of `driftwatch report` / `compare()`: the zod schema is the single source of truth
 * for the TypeScript types, the documented JSON Schema (`docs/result.schema.json`) and validation in tests.
 * Keys listed in the README are a contract; more may be added (never removed) within a schemaVersion.
 * @module
 */
import { z } from 'zod';
import { METHOD_IDS } from '../drift/method-spec.ts';
import { COLUMN_TYPES } from '../schema/column-type.ts';

const ColumnTypeSchema = z.enum(COLUMN_TYPES as unknown as [string, ...string[]]);
const MethodIdSchema = z.enum(METHOD_IDS);
const DTypeSchema = z.enum(['int', 'float', 'bool', 'datetime', 'string']);

export const WarningSchema = z
  .object({
    code: z.string().describe('Stable warning code, e.g. DW_EMPTY_COLUMN.'),
    column: z.string().nullable().describe('The column concerned, or null for dataset-level warnings.'),
    message: z.string(),
  })
  .describe('Bad data becomes a warning, never a crash of the whole report.');

export const DistributionSchema = z
  .union([
    z.object({
      kind: z.literal('histogram'),
      edges: z.array(z.number()).describe('Bin edges over the combined range (n + 1 values).'),
      reference: z.array(z.number()).describe('Share of reference values per bin.'),
      current: z.array(z.number()).describe('Share of current values per bin.'),
    }),
    z.object({
      kind: z.literal('categories'),
      keys: z.array(z.string()).describe('Most frequent categories of both sides (at most 20).'),
      reference: z.array(z.number()),
      current: z.array(z.number()),
      otherReference: z.number().describe('Share of reference values in categories not listed.'),
      otherCurrent: z.number(),
    }),
  ])
  .describe('Reference-vs-current distribution for charts (not used for the drift score).');

export const ColumnDriftSchema = z.object({
  column: z.string(),
  type: ColumnTypeSchema,
  method: MethodIdSchema.nullable().describe('Drift method id (Evidently ids), null when not tested.'),
  methodName: z.string().nullable(),
  statisticKind: z.enum(['p_value', 'distance']).nullable(),
  statistic: z
    .number()
    .nullable()
    .describe(
      'The p-value for tests, the distance for distances (as Evidently reports it); null if not computable.',
    ),
  threshold: z.number().nullable(),
  operator: z
    .enum(['<', '<=', '>=', '>'])
    .nullable()
    .describe('Drift when `statistic <operator> threshold`.'),
  drifted: z.boolean().nullable().describe('null when the column could not be tested (see warnings).'),
  pValueAdjusted: z
    .number()
    .nullable()
    .optional()
    .describe('Corrected p-value when a correction is applied.'),
  exact: z.boolean().describe('false for Monte-Carlo (permutation) methods.'),
  referenceRows: z.number().int().describe('Reference values used (missing and infinite values dropped).'),
  currentRows: z.number().int(),
  distribution: DistributionSchema.nullable(),
});

export const DriftSchema = z.object({
  columns: z.array(ColumnDriftSchema),
  columnCount: z.number().int().describe('Columns with a drift verdict (drifted: null is not counted).'),
  driftedCount: z.number().int(),
  share: z.number().describe('driftedCount / columnCount (0 when no column was tested).'),
  driftShare: z.number().describe('The threshold: dataset drift when share >= driftShare.'),
  datasetDrift: z.boolean(),
  correction: z.enum(['none', 'bonferroni', 'bh']),
});

export const ColumnQualitySchema = z.object({
  type: ColumnTypeSchema,
  dtype: DTypeSchema,
  count: z.number().int().describe('Rows.'),
  missingCount: z.number().int(),
  missingShare: z.number(),
  distinctCount: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable().describe('Sample standard deviation (ddof = 1, as pandas).'),
  q05: z.number().nullable(),
  q25: z.number().nullable(),
  q50: z.number().nullable(),
  q75: z.number().nullable(),
  q95: z.number().nullable(),
  infiniteCount: z.number().int(),
  topValues: z.array(z.object({ value: z.string(), count: z.number().int(), share: z.number() })),
  outOfRangeShare: z
    .number()
    .nullable()
    .describe('Share of values outside the reference [min, max] (current side; 0 for the reference).'),
  newCategoryShare: z
    .number()
    .nullable()
    .describe('Share of values in categories never seen in the reference (current side).'),
  outlierShare: z.number().nullable().describe('Share of values outside the reference 1.5·IQR fences.'),
});

export const DatasetQualitySchema = z.object({
  rows: z.number().int(),
  columns: z.number().int(),
  missingCells: z.number().int(),
  missingShare: z.number(),
  duplicatedRows: z.number().int().describe('Rows equal to an earlier row.'),
  constantColumns: z.array(z.string()),
  almostConstantColumns: z.array(z.string()).describe('One value covers >= 95% of the non-missing values.'),
  emptyColumns: z.array(z.string()),
  duplicatedColumns: z.array(z.tuple([z.string(), z.string()])),
});

export const SideQualitySchema = z.object({
  columns: z.record(z.string(), ColumnQualitySchema),
  dataset: DatasetQualitySchema,
  metrics: z
    .record(z.string(), z.unknown())
    .nullable()
    .optional()
    .describe(
      'Model-quality metrics (with --target/--prediction/--score…): names per task in the README; null when this side has no labels.',
    ),
});

export const SegmentQualitySchema = z.object({
  segment: z
    .union([z.string(), z.tuple([z.string(), z.string()])])
    .describe('Column name, or two for a combination.'),
  value: z.union([z.string(), z.tuple([z.string(), z.string()])]),
  rows: z.number().int(),
  metrics: z.record(z.string(), z.unknown()).nullable(),
  referenceMetrics: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('The same segment in the reference data.'),
  driftShare: z
    .number()
    .nullable()
    .describe(
      'Share of drifted columns: the segment of the current vs the same segment of the reference (computed for the 20 largest segments).',
    ),
  rankedBy: z.string(),
  degradation: z.number().nullable(),
  standardError: z.number().nullable(),
  tooFewRows: z.boolean(),
  withinNoise: z
    .boolean()
    .nullable()
    .describe('The degradation is within ±1.96 standard errors (null: unknown).'),
});

export const ContractViolationSchema = z.object({
  column: z.string().nullable(),
  check: z.string(),
  message: z.string(),
});

export const DatasetInfoSchema = z.object({
  files: z.array(z.string()),
  rows: z.number().int(),
  columns: z.number().int(),
});

const EstimateSchema = z.object({
  value: z.number(),
  lower: z.number(),
  upper: z.number(),
  alert: z.boolean(),
});

export const ReportResultSchema = z.object({
  schemaVersion: z.literal(1),
  driftwatchVersion: z.string(),
  generatedAt: z.string().describe('RFC 3339 UTC time.'),
  reference: DatasetInfoSchema,
  current: DatasetInfoSchema,
  columns: z.array(
    z.object({
      name: z.string(),
      type: ColumnTypeSchema,
      typeSource: z.enum(['inferred', 'override', 'contract']),
    }),
  ),
  drift: DriftSchema,
  quality: z.object({
    reference: SideQualitySchema,
    current: SideQualitySchema,
    task: z.enum(['binary', 'multiclass', 'regression', 'ranking']).optional(),
    segments: z.array(SegmentQualitySchema).optional().describe('Worst segments first (current data).'),
  }),
  chunks: z
    .array(
      z.object({
        key: z.string(),
        start: z
          .union([z.string(), z.number()])
          .describe('RFC 3339 UTC for period chunks, else the first row index.'),
        end: z
          .union([z.string(), z.number()])
          .describe('Exclusive: RFC 3339 UTC, or one past the last row index.'),
        rows: z.number().int(),
        drift: z.object({
          share: z.number(),
          datasetDrift: z.boolean(),
          driftedColumns: z.array(z.string()),
          statistics: z.record(z.string(), z.number().nullable()),
        }),
        quality: z
          .record(z.string(), z.number().nullable())
          .nullable()
          .describe('Realized metrics (labels needed).'),
        estimated: z
          .record(z.string(), z.union([EstimateSchema, z.record(z.string(), EstimateSchema)]))
          .nullable()
          .describe(
            'CBPE estimates with their ±3·sampling-error band and alert (scores needed, labels not).',
          ),
        correlations: z
          .record(z.string(), z.object({ pearson: z.number().nullable(), spearman: z.number().nullable() }))
          .nullable()
          .describe(
            'Concept drift: feature ↔ target correlation in this chunk (compare conceptDrift.reference).',
          ),
        alerts: z.array(z.string()),
      }),
    )
    .optional(),
  chunkThresholds: z
    .record(z.string(), z.object({ lower: z.number().nullable(), upper: z.number().nullable() }))
    .optional()
    .describe('Bands from the reference split into the same chunks: mean ± k·σ of the realized metric.'),
  conceptDrift: z
    .object({
      reference: z.record(
        z.string(),
        z.object({ pearson: z.number().nullable(), spearman: z.number().nullable() }),
      ),
    })
    .optional(),
  estimation: z.object({ method: z.literal('cbpe'), calibration: z.unknown() }).optional(),
  fairness: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .describe('Per --sensitive column: per-group rates, Fairlearn gaps, four-fifths rule, Clarify metrics.'),
  contract: z
    .object({ source: z.string().nullable(), violations: z.array(ContractViolationSchema) })
    .nullable()
    .describe('null when no contract was given.'),
  warnings: z.array(WarningSchema),
  timings: z.object({ computeMs: z.number() }).describe('Wall time of the comparison, excluding reading.'),
});

export type ReportWarning = z.infer<typeof WarningSchema>;
export type Distribution = z.infer<typeof DistributionSchema>;
export type ColumnDrift = z.infer<typeof ColumnDriftSchema>;
export type DriftResult = z.infer<typeof DriftSchema>;
export type ColumnQuality = z.infer<typeof ColumnQualitySchema>;
export type DatasetQuality = z.infer<typeof DatasetQualitySchema>;
export type SideQuality = z.infer<typeof SideQualitySchema>;
export type ContractViolationResult = z.infer<typeof ContractViolationSchema>;
export type ReportResult = z.infer<typeof ReportResultSchema>;
export type SegmentQuality = z.infer<typeof SegmentQualitySchema>;
