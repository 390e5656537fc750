/**
 * The process's single ingest write queue (service `ingest.queue`): group commit with bounded memory.
 *
 * Requests submit their validated batch ("op") and wait. One writer takes everything queued so far (up to
 * `maxRecordsPerCommit`), applies it in ONE transaction and resolves every waiting request after the commit — so a
 * reply always means "durable", and under load many requests share one fsync. While a commit runs, new ops queue
 * up and go into the next one.
 *
 * Backpressure: when the records waiting (queued + being committed) plus a new batch would exceed
 * `maxQueuedRecords`, `submit` throws `QueueFullError` (the route answers 429 with `Retry-After`). A batch larger
 * than the limit is still admitted when the queue is empty, so no batch is refused forever.
 *
 * If a group commit fails, each op is retried in its own transaction, so one bad op cannot fail its neighbours;
 * an op that fails alone rejects its request.
 *
 * Shutdown: `close()` refuses new ops (`QueueClosedError`) and resolves once everything admitted is committed;
 * `flush()` waits for everything admitted so far without closing.
 * @module
 */
import type { IngestOp, IngestOutcome } from '../../storage/records-store.ts';
import { opSize } from '../../storage/records-store.ts';
import type { Logger } from '../context.ts';

export type CommitFn = (ops: readonly IngestOp[]) => Promise<IngestOutcome[]>;

export interface IngestQueueOptions {
  /** Records waiting (queued + committing) beyond which new batches get 429. */
  readonly maxQueuedRecords: number;
  /** Records per transaction (a single larger op is committed alone). Default 20 000. */
  readonly maxRecordsPerCommit?: number;
  readonly log?: Logger;
}

export class QueueFullError extends Error {
  /** Suggested wait, whole seconds (≥ 1). */
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('The ingest queue is full; retry later');
    this.name = 'QueueFullError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class QueueClosedError extends Error {
  constructor() {
    super('The server is shutting down and accepts no more records');
    this.name = 'QueueClosedError';
  }
}

/** Labels of an op for the per-model counters. */
export interface OpLabels {
  readonly project: string;
  readonly model: string;
}

/** Cumulative counts of one model since the process started. */
export interface ModelCounters {
  readonly project: string;
  readonly model: string;
  readonly modelId: string;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export interface IngestQueueStats {
  /** Records waiting (queued + being committed). */
  readonly depth: number;
  /** Prediction records stored / already stored / rejected by validation. */
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** Labels and feedback rows: stored / duplicates / rejected. */
  readonly labels: { readonly accepted: number; readonly duplicates: number; readonly rejected: number };
  readonly feedback: { readonly accepted: number; readonly duplicates: number; readonly rejected: number };
  /** Requests (ops) committed. */
  readonly batches: number;
  /** Transactions committed (a commit carries one or more batches). */
  readonly commits: number;
  readonly failedCommits: number;
  /** 429 answers. */
  readonly refused: number;
  readonly commitLatencyLastMs: number;
  readonly commitLatencyMaxMs: number;
  readonly commitLatencySumMs: number;
  /** Cumulative commit-latency histogram: `commitLatencyBuckets[i]` commits took ≤ `COMMIT_LATENCY_BUCKETS_MS[i]`. */
  readonly commitLatencyBuckets: readonly number[];
}

/** Upper bounds (ms) of the commit-latency histogram buckets; the last is +Infinity. */
export const COMMIT_LATENCY_BUCKETS_MS: readonly number[] = Object.freeze([
  1,
  2.5,
  5,
  10,
  25,
  50,
  100,
  250,
  500,
  1000,
  Infinity,
]);

interface Pending {
  readonly op: IngestOp;
  readonly size: number;
  readonly labels: OpLabels | undefined;
  readonly resolve: (o: IngestOutcome) => void;
  readonly reject: (e: unknown) => void;
}

interface MutableCounters {
  project: string;
  model: string;
  modelId: string;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export class IngestQueue {
  readonly #commit: CommitFn;
  readonly #maxQueued: number;
  readonly #maxPerCommit: number;
  readonly #log: Logger | undefined;
  #queue: Pending[] = [];
  #depth = 0;
  #running = false;
  #closed = false;
  #idleWaiters: (() => void)[] = [];
  /** Exponentially weighted records/s of recent commits, for Retry-After. */
  #rate = 0;
  readonly #perModel = new Map<string, MutableCounters>();
  readonly #byKind: Record<IngestOp['kind'], { accepted: number; duplicates: number; rejected: number }> = {
    predictions: { accepted: 0, duplicates: 0, rejected: 0 },
    labels: { accepted: 0, duplicates: 0, rejected: 0 },
    feedback: { accepted: 0, duplicates: 0, rejected: 0 },
  };
  #totals = {
    batches: 0,
    commits: 0,
    failedCommits: 0,
    refused: 0,
    lastMs: 0,
    maxMs: 0,
    sumMs: 0,
  };
  readonly #buckets = new Array<number>(COMMIT_LATENCY_BUCKETS_MS.length).fill(0);

  constructor(commit: CommitFn, options: IngestQueueOptions) {
    this.#commit = commit;
    this.#maxQueued = options.maxQueuedRecords;
    this.#maxPerCommit = options.maxRecordsPerCommit ?? 20_000;
    this.#log = options.log;
  }

  /** Records waiting (queued + being committed). */
  get depth(): number {
    return this.#depth;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Throws `QueueFullError`/`QueueClosedError` when a batch of `size` records would not be admitted now. */
  admit(size: number): void {
    if (this.#closed) throw new QueueClosedError();
    if (this.#depth > 0 && this.#depth + size > this.#maxQueued) {
      this.#totals.refused++;
      throw new QueueFullError(this.retryAfterSeconds());
    }
  }

  /** Seconds until the queue has likely drained (1–60). */
  retryAfterSeconds(): number {
    const rate = this.#rate > 0 ? this.#rate : 10_000;
    return Math.min(60, Math.max(1, Math.ceil(this.#depth / rate)));
  }

  /**
   * Queues an op; resolves after the transaction carrying it committed.
   * @throws QueueFullError, QueueClosedError (synchronously, via `admit`).
   */
  submit(op: IngestOp, labels?: OpLabels): Promise<IngestOutcome> {
    const size = opSize(op);
    this.admit(size);
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.#queue.push({ op, size, labels, resolve, reject });
      this.#depth += size;
      if (!this.#running) {
        this.#running = true;
        // Start on the next turn so ops submitted in the same tick share the commit.
        setImmediate(() => void this.#drain());
      }
    });
  }

  /** Counts records rejected by validation (they never reach the queue). */
  noteRejected(kind: IngestOp['kind'], n: number, labels?: OpLabels & { modelId: string }): void {
    if (n <= 0) return;
    this.#byKind[kind].rejected += n;
    if (labels && kind === 'predictions') this.#model(labels.modelId, labels).rejected += n;
  }

  /** Resolves when everything admitted so far is committed (or failed). */
  flush(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Refuses new ops and resolves when the admitted ones are committed. */
  close(): Promise<void> {
    this.#closed = true;
    return this.flush();
  }

  /** Totals since the process started (a frozen snapshot). */
  stats(): IngestQueueStats {
    const t = this.#totals;
    const k = this.#byKind;
    return Object.freeze({
      depth: this.#depth,
      accepted: k.predictions.accepted,
      duplicates: k.predictions.duplicates,
      rejected: k.predictions.rejected,
      labels: Object.freeze({ ...k.labels }),
      feedback: Object.freeze({ ...k.feedback }),
      batches: t.batches,
      commits: t.commits,
      failedCommits: t.failedCommits,
      refused: t.refused,
      commitLatencyLastMs: t.lastMs,
      commitLatencyMaxMs: t.maxMs,
      commitLatencySumMs: t.sumMs,
      commitLatencyBuckets: Object.freeze([...this.#buckets]),
    });
  }

  /** Cumulative prediction-record counts per model (the `/metrics` ingest counter reads these). */
  counters(): ModelCounters[] {
    return [...this.#perModel.values()].map((c) => Object.freeze({ ...c }));
  }

  #model(modelId: string, labels: OpLabels): MutableCounters {
    let c = this.#perModel.get(modelId);
    if (!c) {
      c = { project: labels.project, model: labels.model, modelId, accepted: 0, duplicates: 0, rejected: 0 };
      this.#perModel.set(modelId, c);
    }
    return c;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        const batch: Pending[] = [];
        let records = 0;
        while (this.#queue.length > 0) {
          const next = this.#queue[0]!;
          if (batch.length > 0 && records + next.size > this.#maxPerCommit) break;
          batch.push(this.#queue.shift()!);
          records += next.size;
        }
        await this.#commitBatch(batch, records);
      }
    } finally {
      this.#running = false;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  async #commitBatch(batch: Pending[], records: number): Promise<void> {
    const started = performance.now();
    let outcomes: IngestOutcome[] | undefined;
    try {
      outcomes = await this.#commit(batch.map((p) => p.op));
    } catch (e) {
      this.#totals.failedCommits++;
      this.#log?.error('ingest commit failed', { ops: batch.length, records, error: String(e) });
    }
    if (outcomes) {
      this.#observe(performance.now() - started, records);
      for (let i = 0; i < batch.length; i++) this.#settle(batch[i]!, outcomes[i]!);
    } else if (batch.length === 1) {
      this.#depth -= batch[0]!.size;
      batch[0]!.reject(new Error('the database write failed'));
    } else {
      // Retry one by one so a single bad op fails alone.
      for (const p of batch) {
        const t0 = performance.now();
        try {
          const [outcome] = await this.#commit([p.op]);
          this.#observe(performance.now() - t0, p.size);
          this.#settle(p, outcome!);
        } catch (e) {
          this.#totals.failedCommits++;
          this.#log?.error('ingest commit failed', { ops: 1, records: p.size, error: String(e) });
          this.#depth -= p.size;
          p.reject(e);
        }
      }
    }
  }

  #observe(ms: number, records: number): void {
    const t = this.#totals;
    t.commits++;
    t.lastMs = ms;
    t.sumMs += ms;
    if (ms > t.maxMs) t.maxMs = ms;
    for (let i = 0; i < COMMIT_LATENCY_BUCKETS_MS.length; i++)
      if (ms <= COMMIT_LATENCY_BUCKETS_MS[i]!) this.#buckets[i]!++;
    const rate = (records / Math.max(ms, 0.1)) * 1000;
    this.#rate = this.#rate === 0 ? rate : 0.8 * this.#rate + 0.2 * rate;
  }

  #settle(p: Pending, outcome: IngestOutcome): void {
    this.#depth -= p.size;
    this.#totals.batches++;
    const k = this.#byKind[p.op.kind];
    k.accepted += outcome.accepted;
    k.duplicates += outcome.duplicates;
    if (p.labels && p.op.kind === 'predictions') {
      const c = this.#model(p.op.modelId, p.labels);
      c.accepted += outcome.accepted;
      c.duplicates += outcome.duplicates;
    }
    p.resolve(outcome);
  }
}
