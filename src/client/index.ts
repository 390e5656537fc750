/**
 * `driftwatch/client`: send predictions, labels and feedback to a driftwatch server, and query it.
 * Pure `fetch`, no Node built-ins: runs in Node ≥ 18, browsers, Deno and Bun.
 *
 * ```ts
 * import { createClient } from 'driftwatch/client';
 * const dw = createClient({ url: 'http://127.0.0.1:7700', key, project: 'shop', model: 'churn' });
 * const id = dw.logPrediction({ features: { age: 42 }, prediction: 1, score: 0.83 });
 * dw.logLabel({ id, target: 0 });   // hours later
 * await dw.close();                 // sends what is left
 * ```
 * @module
 */
export { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './backoff.ts';
export { createClient, type DriftwatchClient, type SeriesPoint, type SeriesQuery } from './client.ts';
export { DriftwatchApiError, DriftwatchClientError } from './errors.ts';
export type {
  ClientOptions,
  ClientStats,
  FeedbackInput,
  FetchLike,
  FlushResult,
  LabelInput,
  PredictionInput,
  RecordError,
  RecordKind,
  Scalar,
  TimestampInput,
} from './types.ts';
