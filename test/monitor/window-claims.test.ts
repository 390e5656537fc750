import { afterEach, describe, expect, it } from 'vitest';
import type { WindowOutcome } from '../../src/monitor/evaluator.ts';
import {
  claimWindow,
  completeWindow,
  failWindow,
  findDueWindows,
  getWindow,
  renewWindowLease,
  type WindowKey,
} from '../../src/storage/evaluation-store.ts';
import { openDatabase, type StorageHandle } from '../../src/storage/open-database.ts';
import { backends } from '../storage/backends.ts';
import { createTempPgDatabase, hasPostgres } from '../support/postgres.ts';
import { DAY0, HOUR, insertLabels, insertRecords, makeEvaluator, setupModel } from './monitor-fixtures.ts';

for (const backend of backends('monitor window claims')) {
  describe(`window claims (${backend.name})`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });
    const open = async () => {
      const b = await backend.open();
      cleanup = b.cleanup;
      return b.handle;
    };

    async function oneWindow(handle: StorageHandle): Promise<WindowKey> {
      const ids = await setupModel(handle);
      await insertRecords(handle, ids.modelId, [
        { id: 'a', ts: DAY0 + 3 * HOUR + 5, versionId: ids.versionId, features: { x: 1 } },
      ]);
      return { modelId: ids.modelId, granularity: '1h', versionKey: '*', startMs: DAY0 + 3 * HOUR };
    }

    it('claims a pending window once; the lease blocks others until it expires', async () => {
      const handle = await open();
      const key = await oneWindow(handle);
      const now = DAY0 + 5 * HOUR;
      const due = await findDueWindows(handle.db, { now, graceMs: 0, dailyGraceMs: 0, limit: 100 });
      expect(due.map((w) => [w.granularity, w.versionKey, w.startMs])).toEqual(
        expect.arrayContaining([['1h', '*', key.startMs]]),
      );
      expect(await claimWindow(handle.db, key, { owner: 'a', now })).toBe(true);
      expect(await claimWindow(handle.db, key, { owner: 'b', now })).toBe(false);
      expect(await claimWindow(handle.db, key, { owner: 'b', now, force: true })).toBe(false);
      // While leased the window is not due for anyone.
      const dueNow = await findDueWindows(handle.db, { now, graceMs: 0, dailyGraceMs: 0, limit: 100 });
      expect(dueNow.some((w) => w.versionKey === '*' && w.granularity === '1h')).toBe(false);
      expect(await renewWindowLease(handle.db, key, 'b', now + 120_000)).toBe(false);
      expect(await renewWindowLease(handle.db, key, 'a', now + 120_000)).toBe(true);
      // A crashed holder: its lease expires and another node takes the window over.
      expect(await claimWindow(handle.db, key, { owner: 'b', now: now + 60_001 })).toBe(false);
      expect(await claimWindow(handle.db, key, { owner: 'b', now: now + 120_001 })).toBe(true);
      // The first holder can no longer store its result.
      expect(
        await completeWindow(handle.db, key, 'a', { now, rows: 1, resultJson: '{}', profileJson: null }),
      ).toBeNull();
      expect(
        await completeWindow(handle.db, key, 'b', { now, rows: 1, resultJson: '{}', profileJson: null }),
      ).toBe(1);
      const w = await getWindow(handle.db, key);
      expect([w!.status, w!.revision, w!.leaseOwner, w!.leaseUntil]).toEqual(['evaluated', 1, null, null]);
      // Evaluated: not claimable, except on demand (force).
      expect(await claimWindow(handle.db, key, { owner: 'c', now })).toBe(false);
      expect(await claimWindow(handle.db, key, { owner: 'c', now, force: true })).toBe(true);
    });

    it('a record stored while the window is being evaluated leaves it dirty (evaluated again)', async () => {
      const handle = await open();
      const key = await oneWindow(handle);
      const now = DAY0 + 5 * HOUR;
      expect(await claimWindow(handle.db, key, { owner: 'a', now })).toBe(true);
      await insertRecords(handle, key.modelId, [
        { id: 'late', ts: key.startMs + 10, versionId: 'V-other', features: { x: 2 } },
      ]);
      expect(
        await completeWindow(handle.db, key, 'a', { now, rows: 1, resultJson: '{}', profileJson: null }),
      ).toBe(1);
      const w = await getWindow(handle.db, key);
      expect([w!.status, w!.revision]).toEqual(['dirty', 1]);
      expect(await claimWindow(handle.db, key, { owner: 'b', now })).toBe(true);
    });

    it('a failed evaluation backs off and returns the window to pending', async () => {
      const handle = await open();
      const key = await oneWindow(handle);
      const now = DAY0 + 5 * HOUR;
      expect(await claimWindow(handle.db, key, { owner: 'a', now })).toBe(true);
      await failWindow(handle.db, key, 'a', now + 60_000);
      const w = await getWindow(handle.db, key);
      expect([w!.status, w!.leaseOwner, w!.leaseUntil]).toEqual(['pending', null, now + 60_000]);
      expect(await claimWindow(handle.db, key, { owner: 'a', now: now + 59_999 })).toBe(false);
      expect(await claimWindow(handle.db, key, { owner: 'a', now: now + 60_001 })).toBe(true);
    });
  });
}

/** Two processes' evaluators (different node ids, separate connections where the backend allows) racing. */
async function race(handles: [StorageHandle, StorageHandle]) {
  const [h1] = handles;
  const models = [];
  for (let m = 0; m < 3; m++) {
    const ids = await setupModel(h1);
    models.push(ids);
    const records = [];
    for (let i = 0; i < 6 * 40; i++) {
      records.push({
        id: `m${m}r${i}`,
        ts: DAY0 + 2 * HOUR + i * 90_000,
        versionId: ids.versionId,
        features: { x: (i * 7) % 13, c: i % 3 === 0 ? 'a' : 'b' },
        prediction: i % 2,
        latencyMs: i % 17,
      });
    }
    await insertRecords(h1, ids.modelId, records);
    await insertLabels(
      h1,
      ids.modelId,
      records.filter((_, i) => i % 2 === 0).map((r) => ({ id: r.id, target: (r.features.x as number) % 2 })),
    );
  }
  const windows = await h1.db
    .selectFrom('windows')
    .select(['model_id', 'granularity', 'version_key', 'start_ms'])
    .execute();
  const now = DAY0 + 3 * 86_400_000;
  const e1 = makeEvaluator(handles[0], { nodeId: 'node-a', graceMs: 0 }, () => now, { batchSize: 3 });
  const e2 = makeEvaluator(handles[1], { nodeId: 'node-b', graceMs: 0 }, () => now, { batchSize: 3 });
  const [o1, o2] = await Promise.all([e1.evaluateDue(), e2.evaluateDue()]);
  const evaluated = (o: WindowOutcome[]) => o.filter((x) => x.status === 'evaluated');
  const ids = [...evaluated(o1), ...evaluated(o2)].map(
    (o) => `${o.key.modelId}|${o.key.granularity}|${o.key.versionKey}|${o.key.startMs}`,
  );
  expect([...o1, ...o2].filter((o) => o.status === 'failed')).toEqual([]);
  // Every window exactly once, by one of the two nodes.
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(windows.length);
  expect(evaluated(o1).length).toBeGreaterThan(0);
  expect(evaluated(o2).length).toBeGreaterThan(0);
  const rows = await h1.db.selectFrom('windows').select(['status', 'revision', 'lease_owner']).execute();
  expect(
    rows.every((r) => r.status === 'evaluated' && Number(r.revision) === 1 && r.lease_owner === null),
  ).toBe(true);
  return windows.length;
}

describe('two evaluators on one database evaluate every window exactly once', () => {
  it('sqlite (one connection shared by both, interleaving at every await)', async () => {
    const handle = await openDatabase({ memory: true });
    try {
      expect(await race([handle, handle])).toBeGreaterThan(20);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!hasPostgres('monitor evaluator race'))(
    'postgres (two connection pools, truly concurrent)',
    async () => {
      const tmp = await createTempPgDatabase();
      const a = await openDatabase({ url: tmp.url, poolSize: 4 });
      const b = await openDatabase({ url: tmp.url, poolSize: 4 });
      try {
        expect(await race([a, b])).toBeGreaterThan(20);
      } finally {
        await a.close();
        await b.close();
        await tmp.drop();
      }
    },
  );
});
