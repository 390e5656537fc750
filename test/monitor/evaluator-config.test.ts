import { afterEach, describe, expect, it } from 'vitest';
import { serializeProfile } from '../../src/core/profile/index.ts';
import { profileTable } from '../../src/core/profile/profile-table.ts';
import { compareTables } from '../../src/core/report/compare-tables.ts';
import type { Table } from '../../src/core/table/column.ts';
import type { StoredWindowResult } from '../../src/monitor/evaluate-window.ts';
import { getWindow } from '../../src/storage/evaluation-store.ts';
import { openDatabase, type StorageHandle } from '../../src/storage/open-database.ts';
import { listWindowSeries, querySeries } from '../../src/storage/series-store.ts';
import {
  clock,
  DAY,
  DAY0,
  HOUR,
  insertLabels,
  insertRecords,
  lcg,
  makeEvaluator,
  setupModel,
  type TestRecord,
} from './monitor-fixtures.ts';

const GRACE = 5 * 60_000;
const H = DAY0 + 2 * DAY + 9 * HOUR;

let handle: StorageHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});
async function open() {
  handle = await openDatabase({ memory: true });
  return handle;
}

function numbers(seed: number, n: number, shift = 0): number[] {
  const r = lcg(seed);
  return Array.from({ length: n }, () => Math.round((r() + r() + r() - 1.5 + shift) * 1e6) / 1e6);
}

describe('window evaluator: references and configuration', () => {
  it("uses the version's uploaded reference profile and the model's drift configuration", async () => {
    const h = await open();
    const refX = numbers(1, 400);
    const refTable: Table = {
      rowCount: refX.length,
      columns: [{ name: 'x', dtype: 'float', values: Float64Array.from(refX) }],
    };
    const ids = await setupModel(h, {
      config: { drift: { method: 'psi', driftShare: 0.3 } },
      referenceJson: serializeProfile(profileTable(refTable)),
      referenceSource: {
        kind: 'profile',
        bytes: 1,
        sha256: 'sha256:x',
        rows: 400,
        columns: 1,
        setAt: DAY0,
        setBy: null,
      },
      production: true,
    });
    const curX = numbers(2, 150, 0.5);
    await insertRecords(
      h,
      ids.modelId,
      curX.map((x, i) => ({ id: `c${i}`, ts: H + i * 1000, versionId: ids.versionId, features: { x } })),
    );
    const evaluator = makeEvaluator(h, { graceMs: GRACE }, () => H + HOUR + GRACE);
    await evaluator.evaluateDue();
    for (const versionKey of ['*', ids.versionId]) {
      const w = await getWindow(h.db, { modelId: ids.modelId, granularity: '1h', versionKey, startMs: H });
      const result = JSON.parse(w!.resultJson!) as StoredWindowResult;
      expect(result.monitor.reference).toMatchObject({
        kind: 'version',
        versionId: ids.versionId,
        versionName: 'v1',
      });
      const cli = compareTables(
        refTable,
        { rowCount: curX.length, columns: [{ name: 'x', dtype: 'float', values: Float64Array.from(curX) }] },
        { method: 'psi', driftShare: 0.3, columnTypes: { x: 'num' } },
      );
      const x = result.drift.columns.find((c) => c.column === 'x')!;
      expect(x.method).toBe('psi');
      expect(x.statistic).toBe(cli.drift.columns[0]!.statistic);
      expect(result.drift.driftShare).toBe(0.3);
      const series = await listWindowSeries(h.db, {
        modelId: ids.modelId,
        granularity: '1h',
        versionKey,
        startMs: H,
      });
      expect(series.find((s) => s.metric === 'drift.feature.x')).toMatchObject({
        method: 'psi',
        exact: true,
      });
    }
  });

  it('writes per-segment drift share and the headline quality metric per segment', async () => {
    const h = await open();
    const ids = await setupModel(h, { config: { segments: ['region'] } });
    const rec = (id: string, ts: number, i: number, shift: number): TestRecord => ({
      id,
      ts,
      versionId: ids.versionId,
      features: { x: ((i * 31) % 17) + shift },
      prediction: i % 2,
      segments: { region: i % 3 === 0 ? 'eu' : 'us' },
    });
    const records: TestRecord[] = [rec('s', DAY0 + 5 * HOUR, 0, 0)];
    for (let i = 0; i < 300; i++) records.push(rec(`r${i}`, DAY0 + DAY + i * 200_000, i, 0));
    // In the current hour only the eu rows are shifted.
    for (let i = 0; i < 120; i++) records.push(rec(`c${i}`, H + i * 20_000, i, i % 3 === 0 ? 9 : 0));
    await insertRecords(h, ids.modelId, records);
    const label = (i: number) => (i % 4 === 0 ? 1 : 0);
    await insertLabels(
      h,
      ids.modelId,
      Array.from({ length: 120 }, (_, i) => ({ id: `c${i}`, target: label(i), ts: H + HOUR })),
    );
    await makeEvaluator(h, { graceMs: GRACE }, () => H + HOUR + GRACE).evaluateDue();
    const key = { modelId: ids.modelId, granularity: '1h' as const, versionKey: '*', startMs: H };
    const series = await listWindowSeries(h.db, key);
    const seg = (metric: string, segment: string) =>
      series.find((s) => s.metric === metric && s.segment === segment);
    // eu: x drifted, the prediction not (share 1/2); us: nothing drifted.
    expect(seg('drift.share', 'region=eu')).toMatchObject({ value: 0.5, rows: 40 });
    expect(seg('drift.count', 'region=eu')).toMatchObject({ value: 1, rows: 40 });
    expect(seg('drift.share', 'region=us')).toMatchObject({ value: 0, rows: 80 });
    // Headline metric of a binary model without scores: f1, per segment over its labelled rows.
    for (const [region, keep] of [
      ['eu', (i: number) => i % 3 === 0],
      ['us', (i: number) => i % 3 !== 0],
    ] as const) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (let i = 0; i < 120; i++) {
        if (!keep(i)) continue;
        const p = i % 2;
        const y = label(i);
        if (p && y) tp++;
        else if (p && !y) fp++;
        else if (!p && y) fn++;
      }
      expect(seg('quality.f1', `region=${region}`)?.value).toBeCloseTo((2 * tp) / (2 * tp + fp + fn), 12);
    }
    const w = await getWindow(h.db, key);
    const result = JSON.parse(w!.resultJson!) as StoredWindowResult;
    expect(result.monitor.segments).toEqual(['region']);
    expect(result.quality.segments?.find((s) => s.value === 'eu')?.driftShare).toBe(0.5);
    // Segment keys are never drift-tested as features.
    expect(result.drift.columns.map((c) => c.column)).toEqual(['x', 'prediction']);
  });

  it("honours the model's grace and windows, and checks the version's contract", async () => {
    const h = await open();
    const ids = await setupModel(h, {
      config: { graceMinutes: 30, windows: ['1h'] },
      contract: { columns: { x: { type: 'num', max: 5 } } },
    });
    await insertRecords(
      h,
      ids.modelId,
      Array.from({ length: 10 }, (_, i) => ({
        id: `a${i}`,
        ts: H + i,
        versionId: ids.versionId,
        features: { x: i },
      })),
    );
    const t = clock(H + HOUR + GRACE);
    const evaluator = makeEvaluator(h, { graceMs: GRACE }, t.now);
    let outcomes = await evaluator.evaluateDue();
    const hourKey = { modelId: ids.modelId, granularity: '1h' as const, versionKey: '*', startMs: H };
    expect(outcomes.filter((o) => o.key.granularity === '1h').map((o) => o.status)).toEqual([
      'deferred',
      'deferred',
    ]);
    expect((await getWindow(h.db, hourKey))!.status).toBe('pending');
    // Nothing to do until end + 30 min.
    t.set(H + HOUR + 29 * 60_000);
    expect((await evaluator.evaluateDue()).filter((o) => o.key.granularity === '1h')).toEqual([]);
    t.set(H + HOUR + 30 * 60_000 + 1);
    outcomes = await evaluator.evaluateDue();
    expect(outcomes.filter((o) => o.key.granularity === '1h').map((o) => o.status)).toEqual([
      'evaluated',
      'evaluated',
    ]);
    const result = JSON.parse((await getWindow(h.db, hourKey))!.resultJson!) as StoredWindowResult;
    expect(result.contract?.violations.map((v) => v.check)).toEqual(['range_check']);
    const violations = await querySeries(h.db, {
      modelId: ids.modelId,
      metric: 'dataQuality.contractViolations',
      granularity: '1h',
      fromMs: H,
      toMs: H + HOUR,
    });
    expect(violations.map((p) => p.value)).toEqual([1]);
    // Daily windows are not evaluated for this model (`windows: [1h]`).
    t.set(H + 2 * DAY);
    outcomes = await evaluator.evaluateDue();
    expect(outcomes.filter((o) => o.key.granularity === '1d').map((o) => o.status)).toEqual([
      'skipped',
      'skipped',
    ]);
    const day = await getWindow(h.db, { ...hourKey, granularity: '1d', startMs: DAY0 + 2 * DAY });
    expect([day!.status, day!.resultJson]).toEqual(['evaluated', null]);
  });

  it('retention deletes old raw records and their labels, keeps windows and series', async () => {
    const h = await open();
    const ids = await setupModel(h);
    const old = Array.from({ length: 30 }, (_, i) => ({
      id: `o${i}`,
      ts: DAY0 + HOUR + i,
      versionId: ids.versionId,
      features: { x: i },
    }));
    const recent = Array.from({ length: 5 }, (_, i) => ({
      id: `n${i}`,
      ts: DAY0 + 5 * DAY + i,
      versionId: ids.versionId,
      features: { x: i },
    }));
    await insertRecords(h, ids.modelId, [...old, ...recent]);
    await insertLabels(h, ids.modelId, [
      { id: 'o1', target: 1, ts: DAY0 + 2 * HOUR },
      { id: 'n1', target: 0, ts: DAY0 + 5 * DAY },
      { id: 'never-arrived', target: 1, ts: DAY0 },
      { id: 'waiting', target: 1, ts: DAY0 + 5 * DAY },
    ]);
    const now = DAY0 + 6 * DAY;
    const evaluator = makeEvaluator(h, { graceMs: GRACE, retentionDays: 3 }, () => now);
    await evaluator.evaluateDue();
    const before = await h.db
      .selectFrom('series')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const outcome = await evaluator.runRetention();
    expect(outcome).toEqual({ cutoffMs: now - 3 * DAY, recordsDeleted: 30, orphanLabelsDeleted: 1 });
    const records = await h.db.selectFrom('records').select('record_id').orderBy('record_id').execute();
    expect(records.map((r) => r.record_id)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    const labels = await h.db.selectFrom('labels').select('record_id').orderBy('record_id').execute();
    expect(labels.map((r) => r.record_id)).toEqual(['n1', 'waiting']);
    const after = await h.db
      .selectFrom('series')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(after!.n)).toBe(Number(before!.n));
    const w = await getWindow(h.db, {
      modelId: ids.modelId,
      granularity: '1h',
      versionKey: '*',
      startMs: DAY0 + HOUR,
    });
    expect(w!.rows).toBe(30);
    // An on-demand evaluation of a window past retention keeps its stored result.
    const o = await evaluator.evaluateWindow(ids.modelId, '1h', '*', DAY0 + HOUR);
    expect(o.status).toBe('expired');
    expect((await getWindow(h.db, w!))!.rows).toBe(30);
  });
});
