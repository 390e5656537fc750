/**
 * zod schemas of ingested records and of the ingest reply: the OpenAPI document and the tests use them. The hot
 * path validates with `validate-records.ts`, a hand-written validator over the same fields and `INGEST_LIMITS`
 * (zod per record costs more than the whole database write); a property test checks both agree.
 * @module
 */
import { z } from '@hono/zod-openapi';
import { codePointsAtMost, isStorableText, INGEST_LIMITS as L, timestampToMs } from './limits.ts';

const storable = { message: 'must not contain U+0000 or unpaired surrogates' };

const chars = (max: number) =>
  z
    .string()
    .min(1)
    .refine((s) => codePointsAtMost(s, max), `at most ${max} characters`)
    .refine(isStorableText, storable);

/** Text stored as is (not inside JSON): no U+0000, no unpaired surrogates. */
const text = (max: number) => z.string().max(max).refine(isStorableText, storable);

export const RecordIdSchema = chars(L.idChars).openapi({
  description: 'Idempotency key and join key for labels: 1–256 characters',
  example: 'req-000123',
});

export const TimestampSchema = z
  .union([z.string(), z.number()])
  .refine((v) => !Number.isNaN(timestampToMs(v)), 'expected an RFC 3339 date-time or epoch milliseconds')
  .openapi({
    description: 'RFC 3339 date-time with offset, or epoch milliseconds; default: arrival time',
    example: '2024-05-01T12:00:00Z',
  });

/** A feature / prediction / target value: a scalar. Nested objects and arrays are not accepted. */
export const ScalarSchema = z
  .union([z.number(), z.string().max(L.stringValueChars), z.boolean(), z.null()])
  .openapi('Scalar', { description: 'number (finite), string (≤ 4096), boolean or null' });

const keyed = <T extends z.ZodType>(value: T, maxKeys: number) =>
  z
    .record(z.string().min(1).max(L.keyChars), value)
    .refine((o) => Object.keys(o).length <= maxKeys, `at most ${maxKeys} entries`);

export const PredictionRecordSchema = z
  .strictObject({
    id: RecordIdSchema,
    timestamp: TimestampSchema.optional(),
    version: chars(L.versionChars)
      .optional()
      .openapi({ description: 'Version name or alias; default: `production` alias, else newest, else v1' }),
    features: keyed(ScalarSchema, L.features)
      .optional()
      .openapi({ example: { age: 42, country: 'DE' } }),
    prediction: ScalarSchema.optional(),
    score: z.number().optional().openapi({ description: 'Score of the positive class (binary models)' }),
    scores: keyed(z.number(), L.scores).optional().openapi({ description: 'Score per class' }),
    segments: keyed(z.union([z.string().max(L.segmentValueChars), z.number(), z.boolean()]), L.segments)
      .optional()
      .openapi({ example: { region: 'eu' } }),
    latencyMs: z.number().min(0).optional(),
    error: text(L.errorChars).min(1).nullable().optional().openapi({ description: 'Error code or null' }),
  })
  .refine((r) => r.score === undefined || r.scores === undefined, {
    message: 'give `score` or `scores`, not both',
    path: ['scores'],
  })
  .openapi('PredictionRecord');

export const LabelRecordSchema = z
  .strictObject({
    id: RecordIdSchema.openapi({ description: 'The id of the prediction this label belongs to' }),
    target: z.union([z.number(), z.string().max(L.stringValueChars), z.boolean()]),
    timestamp: TimestampSchema.optional(),
  })
  .openapi('LabelRecord');

export const FeedbackRecordSchema = z
  .strictObject({
    id: RecordIdSchema.optional().openapi({ description: 'Optional idempotency key (per model)' }),
    recordId: RecordIdSchema.openapi({ description: 'The prediction the feedback is about' }),
    kind: chars(L.kindChars).optional().openapi({ example: 'correction' }),
    value: ScalarSchema.optional(),
    comment: text(L.commentChars).nullable().optional(),
    author: text(L.authorChars).nullable().optional(),
    timestamp: TimestampSchema.optional(),
  })
  .openapi('FeedbackRecord');

export const RecordErrorSchema = z
  .object({
    index: z.int().openapi({ description: '0-based position of the record in the batch' }),
    line: z.int().optional().openapi({ description: 'NDJSON: 1-based line number' }),
    field: z.string().openapi({ example: 'features.age' }),
    code: z.string().openapi({ example: 'DW_INVALID_TYPE' }),
    message: z.string(),
  })
  .openapi('RecordError');

export const IngestResultSchema = z
  .object({
    accepted: z.int().openapi({ description: 'Records stored by this request (durable before the reply)' }),
    duplicates: z.int().openapi({ description: 'Records whose id was already stored (not stored twice)' }),
    rejected: z.int().openapi({ description: 'Records that failed validation (see errors)' }),
    errors: z.array(RecordErrorSchema).openapi({ description: 'Per-record errors (at most 1000 listed)' }),
  })
  .openapi('IngestResult');

export type IngestResult = z.infer<typeof IngestResultSchema>;
export type RecordError = z.infer<typeof RecordErrorSchema>;

/** Top-level fields of each record kind, in documentation order (the validator's unknown-field check). */
export const PREDICTION_FIELDS = [
  'id',
  'timestamp',
  'version',
  'features',
  'prediction',
  'score',
  'scores',
  'segments',
  'latencyMs',
  'error',
] as const;
export const LABEL_FIELDS = ['id', 'target', 'timestamp'] as const;
export const FEEDBACK_FIELDS = ['id', 'recordId', 'kind', 'value', 'comment', 'author', 'timestamp'] as const;

export const StoredRecordSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    version: z.string().nullable(),
    timestamp: z.string().openapi({ description: 'RFC 3339 UTC' }),
    receivedAt: z.string(),
    windowStart: z
      .string()
      .openapi({ description: 'Start of the hourly window of the record (RFC 3339 UTC)' }),
    features: z.record(z.string(), ScalarSchema),
    prediction: ScalarSchema,
    score: z.number().nullable(),
    scores: z.record(z.string(), z.number()).nullable(),
    segments: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
    latencyMs: z.number().nullable(),
    error: z.string().nullable(),
    label: z
      .object({ target: ScalarSchema, timestamp: z.string(), receivedAt: z.string() })
      .nullable()
      .openapi({ description: 'The label joined on the record id, or null while none has arrived' }),
    feedback: z.array(
      z.object({
        id: z.string(),
        timestamp: z.string(),
        kind: z.string().nullable(),
        value: ScalarSchema,
        comment: z.string().nullable(),
        author: z.string().nullable(),
      }),
    ),
  })
  .openapi('StoredRecord');
