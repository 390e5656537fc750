/**
 * The window evaluator service (`deps.services` key `monitor.evaluator`): a timer loop that claims the windows
 * whose end plus grace has passed (`pending`, or `dirty` after late records/labels) and evaluates them, on-demand
 * evaluation of one window, and the raw-record retention job.
 *
 * Each window is evaluated once across server processes sharing a database: a window is claimed with a portable
 * conditional UPDATE lease (evaluation-store.ts) and the result is stored only while the lease is held; the lease
 * is renewed while the evaluation runs. Evaluations run one at a time per process (the engine is CPU-bound), with
 * an event-loop turn between windows so ingestion keeps flowing during a backlog.
 * @module
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Contract, parseContract } from '../core/schema/contract.ts';
import type { ServerDeps } from '../server/context.ts';
import {
  claimWindow,
  completeWindow,
  deleteOrphanLabelsBefore,
  deleteRecordsBefore,
  ensureWindow,
  failWindow,
  findDueWindows,
  findExpiredLeases,
  forEachRecordPage,
  getWindow,
  LEASE_MS,
  listModelIds,
  releaseWindow,
  renewWindowLease,
  type WindowKey,
} from '../storage/evaluation-store.ts';
import { deleteSeriesValues, upsertSeries } from '../storage/series-store.ts';
import { DAY_MS, type Granularity, granularityMs } from '../storage/windows-store.ts';
import { checkConfigFor } from './check-config.ts';
import { evaluateWindow as evaluateWindowTable, type StoredWindowResult } from './evaluate-window.ts';
import { windowProfileText } from './profiles.ts';
import { configVersionFor, loadModelContext, ReferenceResolver, schemaHints } from './reference.ts';
import { staleSeries, windowSeries } from './window-series.ts';
import { kindsOf, WindowTableBuilder } from './window-table.ts';

export const EVALUATOR_SERVICE = 'monitor.evaluator';

export interface EvaluatorOptions {
  /** Pause between scans for due windows, ms. Default 5000. */
  readonly intervalMs?: number;
  /**
   * Grace after a UTC day ends before its daily window is evaluated, ms. Default: the model's hourly grace (its
   * configuration's `graceMinutes`, else the server's `graceMs`).
   */
  readonly dailyGraceMs?: number;
  /** Lease length, ms (renewed every third of it while evaluating). Default 60 000. */
  readonly leaseMs?: number;
  /** After a failed evaluation the window is retried this much later, ms. Default 60 000. */
  readonly retryMs?: number;
  /** Windows claimed per scan. Default 20. */
  readonly batchSize?: number;
  /** Pause between retention runs, ms. Default 1 h. */
  readonly retentionIntervalMs?: number;
  /** Records read per page, bounded memory. Default 10 000. */
  readonly pageSize?: number;
}

export type WindowOutcome =
  | {
      readonly status: 'evaluated';
      readonly key: WindowKey;
      readonly revision: number;
      readonly rows: number;
      /** Wall time of the evaluation, ms. */
      readonly ms: number;
      /** Its parts, ms: reading the records, the check engine, profiling the window, storing result and series. */
      readonly phases: {
        readonly readMs: number;
        readonly compareMs: number;
        readonly profileMs: number;
        readonly storeMs: number;
      };
    }
  | {
      /**
       * busy: another evaluation holds the lease; lost: the lease expired and another node took the window over;
       * expired: the raw records are past retention (the stored result is kept); missing: no such window/model;
       * skipped: the model's configuration does not evaluate this granularity; deferred: still inside its grace.
       */
      readonly status: 'busy' | 'lost' | 'expired' | 'missing' | 'skipped' | 'deferred';
      readonly key: WindowKey;
    }
  | { readonly status: 'failed'; readonly key: WindowKey; readonly error: string };

export interface RetentionOutcome {
  readonly cutoffMs: number;
  readonly recordsDeleted: number;
  readonly orphanLabelsDeleted: number;
}

function keyOf(w: WindowKey): WindowKey {
  return { modelId: w.modelId, granularity: w.granularity, versionKey: w.versionKey, startMs: w.startMs };
}

export class WindowEvaluator {
  readonly deps: ServerDeps;
  private readonly opts: Required<Omit<EvaluatorOptions, 'dailyGraceMs'>> & {
    dailyGraceMs: number | undefined;
  };
  readonly references: ReferenceResolver;
  private timer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;
  private lastLeaseSweep = 0;

  constructor(deps: ServerDeps, options: EvaluatorOptions = {}) {
    this.deps = deps;
    this.opts = {
      intervalMs: options.intervalMs ?? 5_000,
      dailyGraceMs: options.dailyGraceMs,
      leaseMs: options.leaseMs ?? LEASE_MS,
      retryMs: options.retryMs ?? 60_000,
      batchSize: options.batchSize ?? 20,
      retentionIntervalMs: options.retentionIntervalMs ?? 3_600_000,
      pageSize: options.pageSize ?? 10_000,
    };
    this.references = new ReferenceResolver(deps.storage, {
      dailyGraceMs: options.dailyGraceMs ?? deps.options.graceMs,
    });
  }

  /** Starts the timer loops (unref'd: they never keep the process alive). Idempotent. */
  start(): void {
    if (this.timer || this.stopping) return;
    const tick = () => {
      this.timer = null;
      if (this.stopping) return;
      this.track(
        this.evaluateDue().catch((e) =>
          this.deps.log.error('window evaluation loop failed', { error: String(e) }),
        ),
      ).finally(() => {
        if (!this.stopping) {
          this.timer = setTimeout(tick, this.opts.intervalMs);
          this.timer.unref();
        }
      });
    };
    this.timer = setTimeout(tick, 0);
    this.timer.unref();
    const retention = () => {
      this.retentionTimer = null;
      if (this.stopping) return;
      this.track(
        this.runRetention().catch((e) => this.deps.log.error('retention job failed', { error: String(e) })),
      ).finally(() => {
        if (!this.stopping) {
          this.retentionTimer = setTimeout(retention, this.opts.retentionIntervalMs);
          this.retentionTimer.unref();
        }
      });
    };
    this.retentionTimer = setTimeout(retention, Math.min(10_000, this.opts.retentionIntervalMs));
    this.retentionTimer.unref();
  }

  /** Stops the loops and waits for the evaluation under way (its result is stored). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.retentionTimer) clearTimeout(this.retentionTimer);
    this.timer = null;
    this.retentionTimer = null;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Registers a job so `stop()` waits for it. */
  private track<T>(job: Promise<T>): Promise<T> {
    this.inFlight.add(job);
    const clear = () => {
      this.inFlight.delete(job);
    };
    job.then(clear, clear);
    return job;
  }

  /**
   * Claims and evaluates every window due at `now` (hourly: end + grace ≤ now; daily: end + daily grace ≤ now),
   * newest first, in batches until none is left (or `stop()` was called). Returns what happened to each.
   */
  async evaluateDue(now: number = this.deps.now()): Promise<WindowOutcome[]> {
    const outcomes: WindowOutcome[] = [];
    const owner = this.deps.options.nodeId;
    const tried = new Set<string>();
    for (;;) {
      if (this.stopping) break;
      // Every ended window is a candidate: the grace is per model (its configuration), checked once claimed; a
      // window inside its grace is deferred to end + grace without being evaluated.
      let due = await findDueWindows(this.deps.storage.db, {
        now,
        graceMs: 0,
        dailyGraceMs: 0,
        limit: this.opts.batchSize,
      });
      if (now - this.lastLeaseSweep >= 60_000 || this.lastLeaseSweep === 0) {
        this.lastLeaseSweep = now;
        due = [...due, ...(await findExpiredLeases(this.deps.storage.db, now, this.opts.batchSize))];
      }
      const fresh = due.filter((w) => !tried.has(idOf(w)));
      if (fresh.length === 0) break;
      for (const w of fresh) {
        tried.add(idOf(w));
        const key = keyOf(w);
        if (
          !(await claimWindow(this.deps.storage.db, key, {
            owner,
            now: this.deps.now(),
            leaseMs: this.opts.leaseMs,
          }))
        )
          continue;
        outcomes.push(await this.runClaimed(key, owner));
        if (this.stopping) break;
        // Between evaluations (CPU-bound): let ingestion and requests run.
        await nextTurn();
      }
    }
    return outcomes;
  }

  /**
   * Evaluates one window now (on demand), whatever its status; creates the window row when the range was never
   * touched. `busy` when another evaluation holds the window's lease.
   */
  async evaluateWindow(
    modelId: string,
    granularity: Granularity,
    versionKey: string,
    startMs: number,
  ): Promise<WindowOutcome> {
    const key: WindowKey = { modelId, granularity, versionKey, startMs };
    const owner = this.deps.options.nodeId;
    await ensureWindow(this.deps.storage.db, key);
    const claimed = await claimWindow(this.deps.storage.db, key, {
      owner,
      now: this.deps.now(),
      leaseMs: this.opts.leaseMs,
      force: true,
    });
    if (!claimed) return { status: 'busy', key };
    return this.track(this.runClaimed(key, owner, { onDemand: true }));
  }

  /** Evaluates a window this node has claimed, then stores the result and releases the lease. */
  private async runClaimed(
    key: WindowKey,
    owner: string,
    options: { onDemand?: boolean } = {},
  ): Promise<WindowOutcome> {
    const started = performance.now();
    const db = this.deps.storage.db;
    let leaseLost = false;
    const renew = setInterval(
      () => {
        renewWindowLease(db, key, owner, this.deps.now() + this.opts.leaseMs)
          .then((held) => {
            if (!held) leaseLost = true;
          })
          .catch(() => {});
      },
      Math.max(1_000, Math.floor(this.opts.leaseMs / 3)),
    );
    renew.unref();
    try {
      const now = this.deps.now();
      const window = await getWindow(db, key);
      if (!window) return { status: 'missing', key };
      const retentionCutoff = now - this.deps.options.retentionDays * DAY_MS;
      if (window.endMs <= retentionCutoff && window.resultJson !== null) {
        // Its raw records are (being) deleted by retention: keep the result evaluated while they existed.
        await releaseWindow(db, key, owner);
        return { status: 'expired', key };
      }
      const ctx = await loadModelContext(this.deps.storage, key.modelId, this.deps.options.modelConfigs);
      if (!ctx) {
        await releaseWindow(db, key, owner);
        return { status: 'missing', key };
      }
      const configVersion = configVersionFor(ctx, key.versionKey);
      const config = checkConfigFor(
        ctx.modelConfig,
        configVersion?.config ?? null,
        this.deps.options.graceMs,
      );
      if (!config.windows.includes(key.granularity)) {
        await releaseWindow(db, key, owner);
        return { status: 'skipped', key };
      }
      const grace = key.granularity === '1h' ? config.graceMs : (this.opts.dailyGraceMs ?? config.graceMs);
      if (!options.onDemand && window.endMs + grace > now) {
        await failWindow(db, key, owner, window.endMs + grace);
        return { status: 'deferred', key };
      }
      const reference = await this.references.resolve(ctx, key.versionKey, config.reference, now);
      let contract: Contract | null = null;
      let contractProblem: string | undefined;
      if (configVersion?.contract !== null && configVersion?.contract !== undefined) {
        try {
          contract = parseContract(configVersion.contract, { source: `version ${configVersion.name}` });
        } catch (e) {
          contractProblem = `the contract of version ${configVersion.name} is not valid and was not checked: ${(e as Error).message}`;
        }
      }
      const hints = schemaHints(ctx.schema);
      for (const [name, kind] of kindsOf(reference.table)) hints.set(name, kind);
      const readStarted = performance.now();
      const builder = new WindowTableBuilder(hints);
      await forEachRecordPage(
        db,
        { modelId: key.modelId, versionId: key.versionKey, fromMs: key.startMs, toMs: window.endMs },
        (rows) => builder.add(rows),
        this.opts.pageSize,
      );
      const current = builder.finish();
      const compareStarted = performance.now();
      const result = evaluateWindowTable({
        window: { ...key, endMs: window.endMs },
        current,
        reference,
        config,
        contract,
        ...(contractProblem ? { contractProblem } : {}),
        now,
      });
      const profileStarted = performance.now();
      const profile = windowProfileText(
        current.table,
        `window ${key.granularity} ${new Date(key.startMs).toISOString()}`,
        now,
      );
      const storeStarted = performance.now();
      const series = windowSeries(result);
      let previous: ReturnType<typeof windowSeries> = [];
      if (window.resultJson) {
        try {
          previous = windowSeries(JSON.parse(window.resultJson) as StoredWindowResult);
        } catch {
          previous = [];
        }
      }
      const stale = staleSeries(previous, series);
      if (leaseLost) return { status: 'lost', key };
      const seriesWindow = { ...key, endMs: window.endMs };
      const revision = await completeWindow(
        db,
        key,
        owner,
        {
          now: this.deps.now(),
          rows: current.table.rowCount,
          resultJson: JSON.stringify(result),
          profileJson: profile,
        },
        async (tx) => {
          await upsertSeries(tx, seriesWindow, series);
          if (stale.length > 0) await deleteSeriesValues(tx, seriesWindow, stale);
        },
      );
      if (revision === null) return { status: 'lost', key };
      const done = performance.now();
      return {
        status: 'evaluated',
        key,
        revision,
        rows: current.table.rowCount,
        ms: done - started,
        phases: {
          readMs: compareStarted - readStarted,
          compareMs: profileStarted - compareStarted,
          profileMs: storeStarted - profileStarted,
          storeMs: done - storeStarted,
        },
      };
    } catch (e) {
      const error = String((e as Error)?.stack ?? e);
      this.deps.log.error('window evaluation failed', {
        modelId: key.modelId,
        granularity: key.granularity,
        versionKey: key.versionKey,
        start: new Date(key.startMs).toISOString(),
        error,
      });
      await failWindow(db, key, owner, this.deps.now() + this.opts.retryMs).catch(() => {});
      return { status: 'failed', key, error: (e as Error)?.message ?? String(e) };
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Deletes raw records (and their labels) with event time older than `retentionDays`, per model in batches, and
   * labels that never met their record within retention. Windows, profiles and series are kept.
   */
  async runRetention(now: number = this.deps.now()): Promise<RetentionOutcome> {
    const cutoffMs = now - this.deps.options.retentionDays * DAY_MS;
    let recordsDeleted = 0;
    let orphanLabelsDeleted = 0;
    for (const modelId of await listModelIds(this.deps.storage.db)) {
      for (;;) {
        if (this.stopping) break;
        const n = await deleteRecordsBefore(this.deps.storage.db, modelId, cutoffMs);
        recordsDeleted += n;
        if (n === 0) break;
        await nextTurn();
      }
      orphanLabelsDeleted += await deleteOrphanLabelsBefore(this.deps.storage.db, modelId, cutoffMs);
    }
    if (recordsDeleted > 0 || orphanLabelsDeleted > 0)
      this.deps.log.info('retention', {
        cutoff: new Date(cutoffMs).toISOString(),
        recordsDeleted,
        orphanLabelsDeleted,
      });
    return { cutoffMs, recordsDeleted, orphanLabelsDeleted };
  }
}

function idOf(w: WindowKey): string {
  return `${w.modelId}\u0000${w.granularity}\u0000${w.versionKey}\u0000${w.startMs}`;
}

/** The process's evaluator, created on first use (not started: the server's start-up calls `start()`). */
export function getEvaluator(deps: ServerDeps, options?: EvaluatorOptions): WindowEvaluator {
  let evaluator = deps.services.get(EVALUATOR_SERVICE) as WindowEvaluator | undefined;
  if (!evaluator) {
    evaluator = new WindowEvaluator(deps, options);
    deps.services.set(EVALUATOR_SERVICE, evaluator);
  }
  return evaluator;
}

/** Window length helper re-exported for routes. */
export { granularityMs };
