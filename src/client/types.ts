/**
 * Record and option types of the TypeScript client; the record fields are the server's ingest API
 * (`POST /v1/projects/{project}/models/{model}/predictions|labels|feedback`).
 * @module
 */
import type { FetchLike } from './http.ts';

export type Scalar = number | string | boolean | null;
/** RFC 3339 string, epoch milliseconds or a `Date`. */
export type TimestampInput = string | number | Date;

export interface PredictionInput {
  /** Idempotency key and join key for labels; generated (UUID) when absent. */
  id?: string;
  /** Default: the time `logPrediction` was called. */
  timestamp?: TimestampInput;
  /** Version name or alias; default: the server's `production` alias, else the newest version. */
  version?: string;
  features?: Record<string, Scalar>;
  prediction?: Scalar;
  /** Score of the positive class (binary models). */
  score?: number;
  /** Score per class. */
  scores?: Record<string, number>;
  segments?: Record<string, string | number | boolean>;
  latencyMs?: number;
  /** Error code, or null. */
  error?: string | null;
  /** Model to send to, when not the client's default. Not sent as a field. */
  model?: string;
}

export interface LabelInput {
  /** The id of the prediction the label belongs to. */
  id: string;
  target: number | string | boolean;
  timestamp?: TimestampInput;
  model?: string;
}

export interface FeedbackInput {
  /** Idempotency key; generated when absent. */
  id?: string;
  /** The prediction the feedback is about. */
  recordId: string;
  kind?: string;
  value?: Scalar;
  comment?: string | null;
  author?: string | null;
  timestamp?: TimestampInput;
  model?: string;
}

export type RecordKind = 'predictions' | 'labels' | 'feedback';

export interface ClientOptions {
  /** Server URL, e.g. `http://127.0.0.1:7700`. */
  url: string;
  /** API key with the `ingest` scope (plus `read` for the query helpers). */
  key?: string;
  project: string;
  /** Default model for records and queries. */
  model?: string;
  /** Records per request (and the buffer size that triggers a send). Default 500. */
  batchSize?: number;
  /** Background flush period, ms; 0 disables the timer (flush by size, `flush()` and `close()` only). Default 1000. */
  flushIntervalMs?: number;
  /** Retries per request after the first attempt. Default 5. */
  maxRetries?: number;
  /** First backoff ceiling, ms. Default 250. */
  baseDelayMs?: number;
  /** Largest backoff ceiling, ms. Default 30 000. */
  maxDelayMs?: number;
  /** Per-attempt timeout, ms; 0 = none. Default 30 000. */
  timeoutMs?: number;
  /** Records held in memory at most; beyond it new records are dropped (and reported). Default 100 000. */
  maxBufferedRecords?: number;
  /** gzip request bodies (needs `CompressionStream`). Default false. */
  gzip?: boolean;
  /** Called with errors of background sends (a batch that failed after its retries, dropped records). */
  onError?: (error: Error) => void;
  /** `fetch` to use. Default `globalThis.fetch`. */
  fetch?: FetchLike;
  /** Uniform [0, 1) random source for the jitter (tests). Default `Math.random`. */
  random?: () => number;
  /** Sleep (tests). Default `setTimeout`. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock (tests). Default `Date.now`. */
  now?: () => number;
  /** Id generator. Default `crypto.randomUUID()`. */
  generateId?: () => string;
}

export interface RecordError {
  readonly index: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** What a `flush()` achieved, summed over its requests. */
export interface FlushResult {
  readonly accepted: number;
  readonly duplicates: number;
  /** Rejected by validation (see `errors`); not retried. */
  readonly rejected: number;
  /** Records whose request failed after every retry (or was refused as a whole); not sent. */
  readonly failed: number;
  /** Per-record validation errors (index within the request that carried the record). */
  readonly errors: readonly (RecordError & { readonly kind: RecordKind; readonly model: string })[];
}

/** Counters over the client's lifetime. */
export interface ClientStats {
  accepted: number;
  duplicates: number;
  rejected: number;
  failed: number;
  dropped: number;
  requests: number;
  retries: number;
}

export type { FetchLike };
