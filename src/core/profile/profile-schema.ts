/**
 * The zod schema of a `.dwprofile` file (a serialised `DatasetProfile`): the shape check of
 * `parseProfile`, which then checks the sketches' own invariants (weights summing to n, counts adding up).
 * @module
 */
import { z } from 'zod';
import { PROFILE_FORMAT, PROFILE_FORMAT_VERSION } from './profile-types.ts';

const Count = z.int().nonnegative();

export const MomentsSchema = z.object({
  count: Count,
  mean: z.number(),
  m2: z.number().nonnegative(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const KllSchema = z.object({
  kind: z.literal('kll'),
  k: z.int().min(8).max(65535),
  minK: z.int().min(8).max(65535),
  n: Count,
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  levels: z.array(z.array(z.number())).min(1).max(61),
  seed: z.int().min(0).max(0xffffffff),
  randomDraws: Count,
});

export const QuantileSketchSchema = z.discriminatedUnion('exact', [
  z.object({
    kind: z.literal('quantiles'),
    exact: z.literal(true),
    exactCap: Count,
    k: z.int().min(8).max(65535),
    seed: z.int(),
    values: z.array(z.number()),
  }),
  z.object({ kind: z.literal('quantiles'), exact: z.literal(false), exactCap: Count, kll: KllSchema }),
]);

export const ValueCountsSchema = z.object({
  kind: z.literal('value-counts'),
  cap: Count,
  values: z.array(z.tuple([z.number(), z.int().positive()])).nullable(),
});

export const HllSchema = z.object({
  kind: z.literal('hll'),
  precision: z.int().min(4).max(18),
  registers: z.string(),
});

export const FrequentItemsSchema = z.object({
  kind: z.literal('frequent-items'),
  capacity: z.int().positive(),
  total: Count,
  exact: z.boolean(),
  items: z.array(z.tuple([z.string(), z.int().positive()])),
});

const columnBase = {
  name: z.string(),
  count: Count,
  missing: Count,
  exact: z.boolean(),
  rankErrorBound: z.number().min(0).max(1),
  distinct: z.number().nonnegative(),
  hll: HllSchema,
};

export const NumericProfileColumnSchema = z.object({
  ...columnBase,
  dtype: z.enum(['int', 'float', 'datetime']),
  positiveInfinity: Count,
  negativeInfinity: Count,
  moments: MomentsSchema,
  quantiles: QuantileSketchSchema,
  valueCounts: ValueCountsSchema,
});

export const CategoricalProfileColumnSchema = z.object({
  ...columnBase,
  dtype: z.enum(['string', 'bool']),
  items: FrequentItemsSchema,
});

export const ProfileColumnSchema = z.discriminatedUnion('dtype', [
  NumericProfileColumnSchema,
  CategoricalProfileColumnSchema,
]);

export const DatasetProfileSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT),
    formatVersion: z.literal(PROFILE_FORMAT_VERSION),
    rows: Count,
    exact: z.boolean(),
    columns: z.array(ProfileColumnSchema),
    createdAtMs: z.number().optional(),
    source: z.string().optional(),
  })
  .describe('A driftwatch dataset profile (.dwprofile): mergeable per-column sketches of a dataset.');
