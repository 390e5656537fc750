import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { compareTables } from '../../src/core/report/compare-tables.ts';
import type { Table } from '../../src/core/table/column.ts';
import type { StoredWindowResult } from '../../src/monitor/evaluate-window.ts';
import { getWindow } from '../../src/storage/evaluation-store.ts';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import { listWindowSeries, querySeries } from '../../src/storage/series-store.ts';
import { backends } from '../storage/backends.ts';
import {
  clock,
  DAY,
  DAY0,
  HOUR,
  insertLabels,
  insertRecords,
  makeEvaluator,
  setupModel,
  type TestRecord,
} from './monitor-fixtures.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/monitor/window-drift.json', import.meta.url), 'utf8'),
) as {
  reference: { x: number[]; c: string[] };
  current: { x: number[]; c: string[]; latencyMs: number[] };
  ks: { statistic: number; pValue: number };
  latency: { p50: number; p95: number; p99: number };
};

const REF_DAY = DAY0 + DAY; // the first full UTC day (production starts on DAY0 at 10:00)
const HOUR_START = DAY0 + 3 * DAY + 13 * HOUR;
const GRACE = 5 * 60_000;

function rel(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

async function seedDriftModel(handle: StorageHandle) {
  const ids = await setupModel(handle, { schema: { features: { x: 'float', c: 'string' } } });
  const records: TestRecord[] = [
    { id: 'start', ts: DAY0 + 10 * HOUR, versionId: ids.versionId, features: { x: 0, c: 'a' } },
  ];
  fixture.reference.x.forEach((x, i) => {
    records.push({
      id: `r${i}`,
      ts: REF_DAY + Math.floor((i * DAY) / fixture.reference.x.length),
      versionId: ids.versionId,
      features: { x, c: fixture.reference.c[i] },
    });
  });
  fixture.current.x.forEach((x, i) => {
    records.push({
      id: `c${i}`,
      ts: HOUR_START + i * 1000,
      versionId: ids.versionId,
      features: { x, c: fixture.current.c[i] },
      latencyMs: fixture.current.latencyMs[i]!,
      ...(i % 20 === 0 ? { error: 'timeout' } : {}),
    });
  });
  await insertRecords(handle, ids.modelId, records);
  return ids;
}

function table(x: number[], c: string[]): Table {
  const dictionary = [...new Set(c)];
  return {
    rowCount: x.length,
    columns: [
      { name: 'x', dtype: 'float', values: Float64Array.from(x) },
      { name: 'c', dtype: 'string', codes: Int32Array.from(c, (v) => dictionary.indexOf(v)), dictionary },
    ],
  };
}

for (const backend of backends('monitor window evaluation')) {
  describe(`window evaluation (${backend.name})`, () => {
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

    it('compares an hour with the first full day: the same KS p-value as scipy and the CLI engine', async () => {
      const handle = await open();
      const ids = await seedDriftModel(handle);
      const t = clock(HOUR_START + HOUR + GRACE);
      const evaluator = makeEvaluator(handle, { graceMs: GRACE }, t.now);
      const outcomes = await evaluator.evaluateDue();
      expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);

      const w = await getWindow(handle.db, {
        modelId: ids.modelId,
        granularity: '1h',
        versionKey: '*',
        startMs: HOUR_START,
      });
      expect(w?.status).toBe('evaluated');
      expect(w?.revision).toBe(1);
      expect(w?.rows).toBe(200);
      const result = JSON.parse(w!.resultJson!) as StoredWindowResult;
      expect(result.monitor.reference).toEqual({
        kind: 'first-day',
        start: new Date(REF_DAY).toISOString(),
        end: new Date(REF_DAY + DAY).toISOString(),
      });
      expect(result.reference.rows).toBe(500);
      const x = result.drift.columns.find((c) => c.column === 'x')!;
      expect(x.method).toBe('ks');
      expect(rel(x.statistic!, fixture.ks.pValue)).toBeLessThan(1e-9);
      expect(x.drifted).toBe(true);

      // The CLI engine on the same rows (tables built here from the arrays, independently of the monitor).
      const cli = compareTables(
        table(fixture.reference.x, fixture.reference.c),
        table(fixture.current.x, fixture.current.c),
        {
          columnTypes: { x: 'num', c: 'cat' },
        },
      );
      for (const name of ['x', 'c']) {
        const a = result.drift.columns.find((col) => col.column === name)!;
        const b = cli.drift.columns.find((col) => col.column === name)!;
        expect(a.method).toBe(b.method);
        expect(a.statistic).toBe(b.statistic);
        expect(a.drifted).toBe(b.drifted);
      }
      expect(result.drift.share).toBe(cli.drift.share);

      // Series rows of the window.
      const series = await listWindowSeries(handle.db, {
        modelId: ids.modelId,
        granularity: '1h',
        versionKey: '*',
        startMs: HOUR_START,
      });
      const byName = new Map(series.filter((s) => s.segment === '').map((s) => [s.metric, s]));
      expect(byName.get('drift.feature.x')).toMatchObject({ method: 'ks', exact: true, rows: 200 });
      expect(rel(byName.get('drift.feature.x')!.value!, fixture.ks.pValue)).toBeLessThan(1e-9);
      expect(byName.get('drift.share')!.value).toBe(cli.drift.share);
      expect(byName.get('drift.count')!.value).toBe(cli.drift.driftedCount);
      expect(byName.get('drift.dataset')!.value).toBe(cli.drift.datasetDrift ? 1 : 0);
      expect(rel(byName.get('health.latencyP50Ms')!.value!, fixture.latency.p50)).toBeLessThan(1e-12);
      expect(rel(byName.get('health.latencyP95Ms')!.value!, fixture.latency.p95)).toBeLessThan(1e-12);
      expect(rel(byName.get('health.latencyP99Ms')!.value!, fixture.latency.p99)).toBeLessThan(1e-12);
      expect(byName.get('health.errorRate')!.value).toBe(10 / 200);
      expect(byName.get('health.rows')!.value).toBe(200);
      expect(byName.get('health.throughput')!.value).toBeCloseTo(200 / 60, 12);
      expect(byName.get('dataQuality.missingShare')!.value).toBe(0);
      expect(byName.has('quality.accuracy')).toBe(false);

      // The window's profile is stored (mergeable into days and ranges).
      const profile = JSON.parse(w!.profileJson!);
      expect(profile.rows).toBe(200);
      expect(profile.columns.map((c: { name: string }) => c.name)).toEqual(
        expect.arrayContaining(['x', 'c']),
      );

      // The daily window of the current day is evaluated too (once the day is over).
      t.set(DAY0 + 4 * DAY + GRACE);
      await evaluator.evaluateDue();
      const day = await querySeries(handle.db, {
        modelId: ids.modelId,
        metric: 'health.rows',
        granularity: '1d',
        fromMs: DAY0,
        toMs: DAY0 + 5 * DAY,
      });
      expect(day.map((p) => [p.startMs, p.value])).toEqual([
        [DAY0, 1],
        [REF_DAY, 500],
        [DAY0 + 3 * DAY, 200],
      ]);
    });

    it('evaluates without drift until the first full day has ended, then again against it (revised)', async () => {
      const handle = await open();
      const ids = await setupModel(handle);
      const rnd = (i: number) => ((i * 7919) % 1000) / 100;
      const early: TestRecord[] = Array.from({ length: 30 }, (_, i) => ({
        id: `e${i}`,
        ts: DAY0 + 10 * HOUR + i * 60_000,
        versionId: ids.versionId,
        features: { x: rnd(i) },
      }));
      await insertRecords(handle, ids.modelId, early);
      const t = clock(DAY0 + 11 * HOUR + GRACE);
      const evaluator = makeEvaluator(handle, { graceMs: GRACE }, t.now);
      await evaluator.evaluateDue();
      const key = {
        modelId: ids.modelId,
        granularity: '1h' as const,
        versionKey: '*',
        startMs: DAY0 + 10 * HOUR,
      };
      let w = await getWindow(handle.db, key);
      let result = JSON.parse(w!.resultJson!) as StoredWindowResult;
      expect(result.monitor.reference.kind).toBe('none');
      expect(result.drift.columns).toEqual([]);
      expect(result.warnings.map((x) => x.code)).toContain('DW_NO_REFERENCE');
      let names = (await listWindowSeries(handle.db, key)).map((s) => s.metric);
      expect(names).toContain('health.rows');
      expect(names.some((n) => n.startsWith('drift.'))).toBe(false);

      // The first full day (DAY0 + 1) gets records; once it has ended plus grace it becomes the reference.
      await insertRecords(
        handle,
        ids.modelId,
        Array.from({ length: 48 }, (_, i) => ({
          id: `d${i}`,
          ts: DAY0 + DAY + i * 30 * 60_000,
          versionId: ids.versionId,
          features: { x: rnd(i + 100) },
        })),
      );
      t.set(DAY0 + 2 * DAY + GRACE);
      await evaluator.evaluateDue();
      w = await getWindow(handle.db, key);
      expect(w!.status).toBe('evaluated');
      expect(w!.revision).toBe(2);
      result = JSON.parse(w!.resultJson!) as StoredWindowResult;
      expect(result.monitor.reference).toEqual({
        kind: 'first-day',
        start: new Date(DAY0 + DAY).toISOString(),
        end: new Date(DAY0 + 2 * DAY).toISOString(),
      });
      expect(result.reference.rows).toBe(48);
      names = (await listWindowSeries(handle.db, key)).map((s) => s.metric);
      expect(names).toEqual(expect.arrayContaining(['drift.share', 'drift.feature.x']));
    });

    it('computes quality on the labelled rows; late labels and late records revise the window', async () => {
      const handle = await open();
      const ids = await setupModel(handle);
      const make = (prefix: string, start: number, n: number, step: number): TestRecord[] =>
        Array.from({ length: n }, (_, i) => ({
          id: `${prefix}${i}`,
          ts: start + i * step,
          versionId: ids.versionId,
          features: { x: (i * 37) % 11, y: i % 4 === 0 ? 'u' : 'v' },
          prediction: i % 2,
          score: ((i * 13) % 10) / 10 + 0.05,
          latencyMs: 10 + (i % 7),
        }));
      await insertRecords(handle, ids.modelId, [
        ...make('s', DAY0 + 12 * HOUR, 1, 1),
        ...make('r', DAY0 + DAY, 240, 6 * 60_000),
        ...make('h', HOUR_START, 100, 30_000),
      ]);
      const target = (i: number) => (i % 3 === 0 ? 1 : 0);
      await insertLabels(
        handle,
        ids.modelId,
        Array.from({ length: 60 }, (_, i) => ({ id: `h${i}`, target: target(i), ts: HOUR_START + HOUR })),
      );
      const t = clock(HOUR_START + HOUR + GRACE);
      const evaluator = makeEvaluator(handle, { graceMs: GRACE }, t.now);
      await evaluator.evaluateDue();

      const key = { modelId: ids.modelId, granularity: '1h' as const, versionKey: '*', startMs: HOUR_START };
      // Hand-computed over the 60 labelled rows.
      const expected = (labelled: number) => {
        let tp = 0;
        let fp = 0;
        let fn = 0;
        let correct = 0;
        for (let i = 0; i < labelled; i++) {
          const p = i % 2;
          const y = target(i);
          if (p === y) correct++;
          if (p === 1 && y === 1) tp++;
          if (p === 1 && y === 0) fp++;
          if (p === 0 && y === 1) fn++;
        }
        // ROC AUC as the Mann–Whitney probability (ties count one half).
        let wins = 0;
        let pairs = 0;
        for (let i = 0; i < labelled; i++) {
          for (let j = 0; j < labelled; j++) {
            if (target(i) !== 1 || target(j) !== 0) continue;
            const si = ((i * 13) % 10) / 10 + 0.05;
            const sj = ((j * 13) % 10) / 10 + 0.05;
            pairs++;
            wins += si > sj ? 1 : si === sj ? 0.5 : 0;
          }
        }
        const precision = tp / (tp + fp);
        const recall = tp / (tp + fn);
        return {
          accuracy: correct / labelled,
          precision,
          recall,
          f1: (2 * precision * recall) / (precision + recall),
          rocAuc: wins / pairs,
        };
      };
      const values = async () =>
        new Map(
          (await listWindowSeries(handle.db, key)).filter((s) => s.segment === '').map((s) => [s.metric, s]),
        );
      let v = await values();
      let e = expected(60);
      for (const m of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc'] as const) {
        expect(v.get(`quality.${m}`)?.value, m).toBeCloseTo(e[m], 12);
        expect(v.get(`quality.${m}`)?.rows).toBe(60);
      }
      expect(v.get('labels.rows')?.value).toBe(60);
      expect(v.get('labels.share')?.value).toBe(0.6);
      expect(v.get('labels.lagP50Ms')?.value).toBeGreaterThan(0);
      expect(v.has('drift.prediction')).toBe(true);
      let w = await getWindow(handle.db, key);
      const result = JSON.parse(w!.resultJson!) as StoredWindowResult;
      expect(result.quality.task).toBe('binary');
      expect(result.quality.current.metrics).toMatchObject({ rows: 60 });
      // The reference's target is blanked (a profile keeps no rows to pair predictions with labels).
      expect(result.quality.reference.metrics ?? null).toBeNull();
      expect(result.drift.columns.map((c) => c.column)).toEqual(['x', 'y', 'prediction', 'score']);

      // Late labels: the window turns dirty and is evaluated again (revision 2, revised).
      await insertLabels(
        handle,
        ids.modelId,
        Array.from({ length: 20 }, (_, k) => ({ id: `h${60 + k}`, target: target(60 + k), ts: t.now() })),
      );
      w = await getWindow(handle.db, key);
      expect(w!.status).toBe('dirty');
      t.set(t.now() + 60_000);
      await evaluator.evaluateDue();
      w = await getWindow(handle.db, key);
      expect([w!.status, w!.revision]).toEqual(['evaluated', 2]);
      v = await values();
      e = expected(80);
      expect(v.get('quality.accuracy')?.value).toBeCloseTo(e.accuracy, 12);
      expect(v.get('quality.accuracy')?.rows).toBe(80);

      // A late record: revision 3, one more row.
      await insertRecords(handle, ids.modelId, [
        {
          id: 'late',
          ts: HOUR_START + 59 * 60_000,
          versionId: ids.versionId,
          features: { x: 3, y: 'v' },
          prediction: 1,
          score: 0.9,
        },
      ]);
      expect((await getWindow(handle.db, key))!.status).toBe('dirty');
      await evaluator.evaluateDue();
      w = await getWindow(handle.db, key);
      expect([w!.status, w!.revision, w!.rows]).toEqual(['evaluated', 3, 101]);
      v = await values();
      expect(v.get('health.rows')?.value).toBe(101);
      // The late record has no latency: p50 over the 100 that reported one.
      expect(v.get('health.latencyP50Ms')?.rows).toBe(100);
    });
  });
}
