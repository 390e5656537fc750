import { describe, expect, it } from 'vitest';
import {
  COMMIT_LATENCY_BUCKETS_MS,
  IngestQueue,
  QueueClosedError,
  QueueFullError,
} from '../../src/server/ingest/write-queue.ts';
import type { IngestOp, IngestOutcome } from '../../src/storage/records-store.ts';

function op(n: number, modelId = 'm1'): IngestOp {
  return {
    kind: 'predictions',
    modelId,
    rows: Array.from({ length: n }, (_, i) => ({
      recordId: `${modelId}-${i}`,
      versionId: 'v',
      ts: 0,
      receivedAt: 0,
      featuresJson: '{}',
      predictionJson: null,
      score: null,
      scoresJson: null,
      segmentsJson: null,
      latencyMs: null,
      error: null,
    })),
  };
}

/** A commit function that records its calls and waits until released. */
function gatedCommit() {
  const calls: (readonly IngestOp[])[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((r) => (release = r));
  let fail: ((ops: readonly IngestOp[]) => boolean) | undefined;
  const commit = async (ops: readonly IngestOp[]): Promise<IngestOutcome[]> => {
    calls.push(ops);
    await gate;
    if (fail?.(ops)) throw new Error('boom');
    return ops.map((o) => ({ accepted: o.rows.length - 1, duplicates: 1 }));
  };
  return {
    commit,
    calls,
    open() {
      release();
    },
    close() {
      gate = new Promise<void>((r) => (release = r));
    },
    failWhen(f: (ops: readonly IngestOp[]) => boolean) {
      fail = f;
    },
  };
}

describe('IngestQueue', () => {
  it('group commit: ops submitted while a commit runs share the next transaction; replies after commit', async () => {
    const g = gatedCommit();
    const q = new IngestQueue(g.commit, { maxQueuedRecords: 1000 });
    const first = q.submit(op(3), { project: 'p', model: 'm' });
    await new Promise((r) => setImmediate(r));
    expect(g.calls).toHaveLength(1);
    let settled = false;
    const second = q.submit(op(4)).then((o) => {
      settled = true;
      return o;
    });
    const third = q.submit(op(5));
    expect(q.depth).toBe(12);
    await new Promise((r) => setTimeout(r, 5));
    expect(settled).toBe(false); // not before its commit
    g.open();
    expect(await first).toEqual({ accepted: 2, duplicates: 1 });
    expect(await second).toEqual({ accepted: 3, duplicates: 1 });
    expect(await third).toEqual({ accepted: 4, duplicates: 1 });
    expect(g.calls.map((c) => c.length)).toEqual([1, 2]);
    const s = q.stats();
    expect(s).toMatchObject({
      depth: 0,
      accepted: 9,
      duplicates: 3,
      batches: 3,
      commits: 2,
      failedCommits: 0,
    });
    expect(s.commitLatencyBuckets.at(-1)).toBe(2);
    expect(s.commitLatencyBuckets).toHaveLength(COMMIT_LATENCY_BUCKETS_MS.length);
    expect(q.counters()).toEqual([
      { project: 'p', model: 'm', modelId: 'm1', accepted: 2, duplicates: 1, rejected: 0 },
    ]);
  });

  it('caps records per commit', async () => {
    const g = gatedCommit();
    g.open();
    const q = new IngestQueue(g.commit, { maxQueuedRecords: 1000, maxRecordsPerCommit: 10 });
    await Promise.all([q.submit(op(6)), q.submit(op(6)), q.submit(op(3)), q.submit(op(30))]);
    expect(g.calls.map((c) => c.map((o) => o.rows.length))).toEqual([[6], [6, 3], [30]]);
  });

  it('429 when queued records would exceed the limit; a big batch on an empty queue is admitted', async () => {
    const g = gatedCommit();
    const q = new IngestQueue(g.commit, { maxQueuedRecords: 10 });
    const big = q.submit(op(50)); // empty queue: admitted although > limit
    expect(() => q.submit(op(1))).toThrow(QueueFullError);
    try {
      q.admit(1);
    } catch (e) {
      expect((e as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    g.open();
    await big;
    await q.submit(op(8));
    expect(q.stats().refused).toBe(2);
  });

  it('close() waits for admitted work and refuses new work; flush() waits without closing', async () => {
    const g = gatedCommit();
    const q = new IngestQueue(g.commit, { maxQueuedRecords: 100 });
    const a = q.submit(op(2));
    let flushed = false;
    const f = q.flush().then(() => (flushed = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(flushed).toBe(false);
    g.open();
    await f;
    await a;
    g.close();
    const b = q.submit(op(2));
    let closed = false;
    const c = q.close().then(() => (closed = true));
    expect(() => q.submit(op(1))).toThrow(QueueClosedError);
    await new Promise((r) => setTimeout(r, 5));
    expect(closed).toBe(false);
    g.open();
    await b;
    await c;
    expect(q.closed).toBe(true);
    await q.close(); // idempotent
  });

  it('a failing group commit is retried op by op so one bad op fails alone', async () => {
    const g = gatedCommit();
    g.failWhen((ops) => ops.some((o) => o.modelId === 'bad'));
    const q = new IngestQueue(g.commit, { maxQueuedRecords: 100 });
    const first = q.submit(op(2, 'ok0'));
    await new Promise((r) => setImmediate(r));
    const good = q.submit(op(2, 'ok'));
    const bad = q.submit(op(2, 'bad'));
    g.open();
    await first;
    expect(await good).toEqual({ accepted: 1, duplicates: 1 });
    await expect(bad).rejects.toThrow('boom');
    expect(q.depth).toBe(0);
    expect(q.stats().failedCommits).toBe(2);
  });

  it('counts rejected records per kind', () => {
    const q = new IngestQueue(async () => [], { maxQueuedRecords: 10 });
    q.noteRejected('predictions', 3, { project: 'p', model: 'm', modelId: 'id' });
    q.noteRejected('labels', 2);
    expect(q.stats().rejected).toBe(3);
    expect(q.stats().labels.rejected).toBe(2);
    expect(q.counters()[0]).toMatchObject({ modelId: 'id', rejected: 3 });
  });
});
