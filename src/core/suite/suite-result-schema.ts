/**
 * zod schema of a suite evaluation (`evaluateSuite`), for the JSON result of `driftwatch test` and its
 * documented JSON Schema. The TypeScript types live in `suite-types.ts` (zod-free); the assertions at the
 * bottom keep the two in step.
 * @module
 */
import { z } from 'zod';
import type { SuiteResult, TestOutcome } from './suite-types.ts';
import { CONDITIONS, SEVERITIES, TEST_STATUSES } from './suite-types.ts';

const ScalarSchema = z.union([z.number(), z.string(), z.boolean()]);

export const ResolvedThresholdSchema = z
  .union([ScalarSchema, z.array(ScalarSchema), z.object({ value: z.number(), tolerance: z.number() })])
  .describe(
    'The threshold as compared: a number (for gt/gte/lt/lte with a reference: the computed bound), a string or boolean, [low, high] for between, the list for is_in/not_in, or { value, tolerance } for eq/not_eq with approx or reference.',
  );

export const TestOutcomeSchema = z.object({
  name: z.string(),
  metric: z.string().describe('Dotted path into the report result.'),
  condition: z.enum(CONDITIONS),
  threshold: ResolvedThresholdSchema.nullable().describe(
    'null when it could not be resolved (status error).',
  ),
  actual: ScalarSchema.nullable().describe('The value at `metric` when it is a number, string or boolean.'),
  status: z
    .enum(TEST_STATUSES)
    .describe(
      'pass; fail (critical test whose condition does not hold); warning (the same on a warning test); error (metric or reference missing or of the wrong type).',
    ),
  severity: z.enum(SEVERITIES),
  message: z.string(),
});

export const SuiteSummarySchema = z.object({
  total: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  warnings: z.number().int(),
  errors: z.number().int(),
  ok: z.boolean().describe('No critical test failed or errored (exit code 0).'),
});

export const SuiteResultSchema = z.object({ tests: z.array(TestOutcomeSchema), summary: SuiteSummarySchema });

// Compile-time checks that the schema and the hand-written types agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;
const outcomeAgrees: Same<z.infer<typeof TestOutcomeSchema>, DeepMutable<TestOutcome>> = true;
const resultAgrees: Same<z.infer<typeof SuiteResultSchema>, DeepMutable<SuiteResult>> = true;
void outcomeAgrees;
void resultAgrees;
