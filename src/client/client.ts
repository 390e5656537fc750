/**
 * The TypeScript client: buffers predictions, labels and feedback per (kind, model), sends them in batches
 * (`batchSize`, and every `flushIntervalMs` from an unref'd timer), retries failed requests with full-jitter
 * backoff (honouring `Retry-After`), and gives every record an id when it is logged, so a re-sent batch is counted
 * as duplicates by the server instead of being stored twice. Plus query helpers for series, windows and models.
 *
 * Logging never throws for network trouble and never blocks: failures go to `onError` and the counters.
 * Call `close()` before the process exits, or records still in the buffer are lost.
 * @module
 */
import { DriftwatchApiError, DriftwatchClientError } from './errors.ts';
import { type HttpConfig, request } from './http.ts';
import type {
  ClientOptions,
  ClientStats,
  FeedbackInput,
  FlushResult,
  LabelInput,
  PredictionInput,
  RecordKind,
  TimestampInput,
} from './types.ts';

export interface SeriesQuery {
  metric: string;
  model?: string;
  from?: TimestampInput;
  to?: TimestampInput;
  window?: '1h' | '1d';
  segment?: string;
  version?: string;
}

export interface SeriesPoint {
  start: string;
  end: string;
  value: number | null;
  exact: boolean;
  rows: number;
}

export interface DriftwatchClient {
  /** Buffers a prediction; returns its id (given or generated) — keep it to send the label later. */
  logPrediction(record: PredictionInput): string;
  /** Buffers a label for the prediction `label.id`. */
  logLabel(label: LabelInput): void;
  /** Buffers feedback on a prediction; returns the feedback's id. */
  logFeedback(feedback: FeedbackInput): string;
  /** Sends everything buffered so far; resolves when it was answered (or failed after its retries). */
  flush(): Promise<FlushResult>;
  /** Stops the timer, sends what is left, and refuses further records. */
  close(): Promise<FlushResult>;
  /** Records waiting in the buffer. */
  readonly pending: number;
  readonly stats: Readonly<ClientStats>;
  /** `GET /v1/projects/{project}/models`. */
  models(): Promise<unknown>;
  /** `GET …/models/{model}/series?metric=…` → `{ points }`. */
  series(query: SeriesQuery): Promise<{ points: SeriesPoint[] } & Record<string, unknown>>;
  /** `GET …/models/{model}/windows/{start}?window=1h|1d`: the window's report. */
  window(query: { start: TimestampInput; model?: string; window?: '1h' | '1d' }): Promise<unknown>;
  /** `GET …/models/{model}/records/{id}`: the record with its label and version. */
  record(id: string, options?: { model?: string }): Promise<unknown>;
  /** `GET …/models/{model}/health`. */
  health(options?: { model?: string }): Promise<unknown>;
}

const EMPTY: FlushResult = Object.freeze({
  accepted: 0,
  duplicates: 0,
  rejected: 0,
  failed: 0,
  errors: Object.freeze([]) as FlushResult['errors'],
});

interface Buffer {
  readonly kind: RecordKind;
  readonly model: string;
  items: Record<string, unknown>[];
}

interface MutableResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  failed: number;
  errors: FlushResult['errors'][number][];
}

function defaultId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  // RFC 4122 version-4 layout from Math.random, only where Web Crypto is missing.
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function timestampValue(t: TimestampInput | undefined, now: () => number): string | number {
  if (t === undefined) return now();
  if (t instanceof Date) return t.toISOString();
  return t;
}

function positiveInt(name: string, v: number | undefined, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < min)
    throw new DriftwatchClientError('DW_CLIENT_BAD_OPTION', `${name} must be an integer ≥ ${min}, got ${v}`);
  return v;
}

async function gzipText(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function createClient(options: ClientOptions): DriftwatchClient {
  if (!options || typeof options.url !== 'string' || !/^https?:\/\//i.test(options.url))
    throw new DriftwatchClientError('DW_CLIENT_BAD_OPTION', 'url must be an http:// or https:// URL');
  if (typeof options.project !== 'string' || options.project === '')
    throw new DriftwatchClientError('DW_CLIENT_BAD_OPTION', 'project is required');
  const fetchImpl = options.fetch ?? (globalThis.fetch?.bind(globalThis) as ClientOptions['fetch']);
  if (!fetchImpl)
    throw new DriftwatchClientError('DW_CLIENT_NO_FETCH', 'no fetch available: pass options.fetch');
  const batchSize = positiveInt('batchSize', options.batchSize, 500);
  const flushIntervalMs = positiveInt('flushIntervalMs', options.flushIntervalMs, 1000, 0);
  const maxBuffered = positiveInt('maxBufferedRecords', options.maxBufferedRecords, 100_000);
  const now = options.now ?? Date.now;
  const generateId = options.generateId ?? defaultId;
  const onError = options.onError ?? ((e: Error) => console.warn(`driftwatch client: ${e.message}`));
  const http: HttpConfig = {
    baseUrl: options.url,
    key: options.key,
    fetch: fetchImpl,
    maxRetries: positiveInt('maxRetries', options.maxRetries, 5, 0),
    backoff: {
      baseDelayMs: positiveInt('baseDelayMs', options.baseDelayMs, 250, 0),
      maxDelayMs: positiveInt('maxDelayMs', options.maxDelayMs, 30_000, 0),
      random: options.random ?? Math.random,
    },
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    now,
    timeoutMs: positiveInt('timeoutMs', options.timeoutMs, 30_000, 0),
    userAgent: undefined,
  };
  // Count retries through the sleep hook: every backoff wait precedes one retry.
  const sleep = http.sleep;
  const stats: ClientStats = {
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    failed: 0,
    dropped: 0,
    requests: 0,
    retries: 0,
  };
  const httpCounted: HttpConfig = {
    ...http,
    sleep: (ms) => {
      stats.retries++;
      return sleep(ms);
    },
  };

  const projectPath = `/v1/projects/${encodeURIComponent(options.project)}`;
  const modelPath = (model: string | undefined) => {
    const m = model ?? options.model;
    if (m === undefined || m === '')
      throw new DriftwatchClientError(
        'DW_CLIENT_NO_MODEL',
        'no model: pass `model` to createClient or to this call',
      );
    return `${projectPath}/models/${encodeURIComponent(m)}`;
  };

  const buffers = new Map<string, Buffer>();
  let pending = 0;
  let closed = false;
  let chain: Promise<unknown> = Promise.resolve();
  let inFlight = 0;

  const enqueue = (kind: RecordKind, model: string | undefined, item: Record<string, unknown>) => {
    if (closed) throw new DriftwatchClientError('DW_CLIENT_CLOSED', 'the client is closed');
    const m = model ?? options.model;
    if (m === undefined || m === '')
      throw new DriftwatchClientError(
        'DW_CLIENT_NO_MODEL',
        'no model: pass `model` to createClient or to this call',
      );
    if (pending >= maxBuffered) {
      stats.dropped++;
      onError(
        new DriftwatchClientError(
          'DW_CLIENT_BUFFER_FULL',
          `buffer full (${maxBuffered} records): record dropped — is the server reachable?`,
        ),
      );
      return;
    }
    const k = `${kind}\u0000${m}`;
    let b = buffers.get(k);
    if (!b) {
      b = { kind, model: m, items: [] };
      buffers.set(k, b);
    }
    b.items.push(item);
    pending++;
    if (b.items.length === batchSize) void flush();
  };

  const send = async (b: Buffer, items: Record<string, unknown>[], out: MutableResult): Promise<void> => {
    const json = JSON.stringify(items);
    const body = options.gzip ? await gzipText(json) : json;
    stats.requests++;
    try {
      const res = await request(httpCounted, {
        method: 'POST',
        path: `${modelPath(b.model)}/${b.kind}`,
        body,
        headers: {
          'content-type': 'application/json',
          ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
        },
      });
      const r = (res.body ?? {}) as {
        accepted?: number;
        duplicates?: number;
        rejected?: number;
        errors?: FlushResult['errors'];
      };
      out.accepted += r.accepted ?? 0;
      out.duplicates += r.duplicates ?? 0;
      out.rejected += r.rejected ?? 0;
      for (const e of r.errors ?? []) out.errors.push({ ...e, kind: b.kind, model: b.model });
    } catch (e) {
      // Too large for the server: halve and try again (the ids make any overlap harmless).
      if (e instanceof DriftwatchApiError && e.status === 413 && items.length > 1) {
        const mid = Math.ceil(items.length / 2);
        await send(b, items.slice(0, mid), out);
        await send(b, items.slice(mid), out);
        return;
      }
      out.failed += items.length;
      onError(e as Error);
    }
  };

  const drain = async (): Promise<FlushResult> => {
    if (pending === 0) return EMPTY;
    const out: MutableResult = { accepted: 0, duplicates: 0, rejected: 0, failed: 0, errors: [] };
    const work = [...buffers.values()].filter((b) => b.items.length > 0);
    for (const b of work) {
      const items = b.items;
      b.items = [];
      pending -= items.length;
      inFlight += items.length;
      try {
        for (let i = 0; i < items.length; i += batchSize) await send(b, items.slice(i, i + batchSize), out);
      } finally {
        inFlight -= items.length;
      }
    }
    stats.accepted += out.accepted;
    stats.duplicates += out.duplicates;
    stats.rejected += out.rejected;
    stats.failed += out.failed;
    return Object.freeze({ ...out, errors: Object.freeze(out.errors) });
  };

  const flush = (): Promise<FlushResult> => {
    const p = chain.then(drain);
    chain = p.catch(() => {});
    return p;
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  if (flushIntervalMs > 0) {
    timer = setInterval(() => {
      if (pending > 0 && inFlight === 0) void flush();
    }, flushIntervalMs);
    // Node: the timer alone must not keep the process alive (browsers return a number without unref).
    (timer as { unref?: () => void }).unref?.();
  }

  const get = async (path: string, query?: Record<string, string | number | boolean | undefined>) =>
    (await request(httpCounted, { method: 'GET', path, ...(query ? { query } : {}) })).body;
  const time = (t: TimestampInput | undefined) => (t instanceof Date ? t.toISOString() : t);

  return {
    logPrediction(record) {
      const { model, ...rest } = record ?? ({} as PredictionInput);
      const id = rest.id ?? generateId();
      enqueue('predictions', model, { ...rest, id, timestamp: timestampValue(rest.timestamp, now) });
      return id;
    },
    logLabel(label) {
      if (!label || typeof label.id !== 'string' || label.id === '')
        throw new DriftwatchClientError('DW_CLIENT_BAD_RECORD', 'a label needs the `id` of its prediction');
      const { model, ...rest } = label;
      enqueue('labels', model, { ...rest, timestamp: timestampValue(rest.timestamp, now) });
    },
    logFeedback(feedback) {
      if (!feedback || typeof feedback.recordId !== 'string' || feedback.recordId === '')
        throw new DriftwatchClientError(
          'DW_CLIENT_BAD_RECORD',
          'feedback needs the `recordId` of its prediction',
        );
      const { model, ...rest } = feedback;
      const id = rest.id ?? generateId();
      enqueue('feedback', model, { ...rest, id, timestamp: timestampValue(rest.timestamp, now) });
      return id;
    },
    flush,
    async close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      closed = true;
      return flush();
    },
    get pending() {
      return pending;
    },
    get stats() {
      return { ...stats };
    },
    models: () => get(`${projectPath}/models`),
    series: async (q) =>
      (await get(`${modelPath(q.model)}/series`, {
        metric: q.metric,
        from: time(q.from),
        to: time(q.to),
        window: q.window,
        segment: q.segment,
        version: q.version,
      })) as { points: SeriesPoint[] },
    window: (q) =>
      get(`${modelPath(q.model)}/windows/${encodeURIComponent(String(time(q.start)))}`, {
        window: q.window ?? '1h',
      }),
    record: (id, o = {}) => get(`${modelPath(o.model)}/records/${encodeURIComponent(id)}`),
    health: (o = {}) => get(`${modelPath(o.model)}/health`),
  };
}
