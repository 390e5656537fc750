import { afterEach, describe, expect, it } from 'vitest';
import type { StorageHandle } from '../../src/storage/open-database.ts';
import {
  deleteSeriesValues,
  listWindowSeries,
  querySeries,
  type SeriesValue,
  upsertSeries,
} from '../../src/storage/series-store.ts';
import { backends } from './backends.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

const v = (metric: string, value: number | null, extra: Partial<SeriesValue> = {}): SeriesValue => ({
  metric,
  segment: '',
  value,
  exact: true,
  rows: 100,
  method: null,
  ...extra,
});

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.ceil(0.95 * s.length) - 1]!;
}

for (const backend of backends('series store')) {
  describe(`series store (${backend.name})`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });
    const open = async (): Promise<StorageHandle> => {
      const b = await backend.open();
      cleanup = b.cleanup;
      return b.handle;
    };
    const win = (startMs: number, extra: { versionKey?: string; granularity?: '1h' | '1d' } = {}) => ({
      modelId: 'M',
      granularity: extra.granularity ?? ('1h' as const),
      versionKey: extra.versionKey ?? '*',
      startMs,
      endMs: startMs + (extra.granularity === '1d' ? DAY : HOUR),
    });

    it('upserts, replaces and deletes one window’s values; queries a range in order', async () => {
      const h = await open();
      for (let i = 0; i < 5; i++) {
        await upsertSeries(h.db, win(T0 + i * HOUR), [
          v('drift.share', i / 10, { method: 'ks,chisquare' }),
          v('drift.share', 1, { segment: 'region=eu', rows: 7 }),
          v('quality.f1', Number.NaN),
        ]);
      }
      await upsertSeries(h.db, win(T0, { versionKey: 'V1' }), [v('drift.share', 0.9)]);
      await upsertSeries(h.db, win(T0, { granularity: '1d' }), [v('drift.share', 0.7)]);
      // Replace window 2's value; delete window 3's f1.
      await upsertSeries(h.db, win(T0 + 2 * HOUR), [v('drift.share', 0.99, { exact: false, rows: 3 })]);
      await deleteSeriesValues(h.db, win(T0 + 3 * HOUR), [{ metric: 'quality.f1', segment: '' }]);

      const points = await querySeries(h.db, {
        modelId: 'M',
        metric: 'drift.share',
        granularity: '1h',
        fromMs: T0 + HOUR + 1, // overlaps window 1
        toMs: T0 + 4 * HOUR, // window 4 starts at `to`: excluded
      });
      expect(points).toEqual([
        {
          startMs: T0 + HOUR,
          endMs: T0 + 2 * HOUR,
          value: 0.1,
          exact: true,
          rows: 100,
          method: 'ks,chisquare',
        },
        { startMs: T0 + 2 * HOUR, endMs: T0 + 3 * HOUR, value: 0.99, exact: false, rows: 3, method: null },
        {
          startMs: T0 + 3 * HOUR,
          endMs: T0 + 4 * HOUR,
          value: 0.3,
          exact: true,
          rows: 100,
          method: 'ks,chisquare',
        },
      ]);
      const eu = await querySeries(h.db, {
        modelId: 'M',
        metric: 'drift.share',
        granularity: '1h',
        segment: 'region=eu',
        fromMs: T0,
        toMs: T0 + DAY,
      });
      expect(eu.map((p) => [p.value, p.rows])).toEqual(Array(5).fill([1, 7]));
      const version = await querySeries(h.db, {
        modelId: 'M',
        metric: 'drift.share',
        granularity: '1h',
        versionKey: 'V1',
        fromMs: T0,
        toMs: T0 + DAY,
      });
      expect(version.map((p) => p.value)).toEqual([0.9]);
      const daily = await querySeries(h.db, {
        modelId: 'M',
        metric: 'drift.share',
        granularity: '1d',
        fromMs: T0,
        toMs: T0 + DAY,
      });
      expect(daily.map((p) => p.value)).toEqual([0.7]);
      // NaN is stored as null (undefined for that window).
      const f1 = await querySeries(h.db, {
        modelId: 'M',
        metric: 'quality.f1',
        granularity: '1h',
        fromMs: T0,
        toMs: T0 + DAY,
      });
      expect(f1.map((p) => [p.startMs - T0, p.value])).toEqual([
        [0, null],
        [HOUR, null],
        [2 * HOUR, null],
        [4 * HOUR, null],
      ]);
      const all = await listWindowSeries(h.db, {
        modelId: 'M',
        granularity: '1h',
        versionKey: '*',
        startMs: T0 + 3 * HOUR,
      });
      expect(all.map((s) => `${s.metric}|${s.segment}`)).toEqual(['drift.share|', 'drift.share|region=eu']);
    });

    it('a 30-day hourly series among many others is one index range scan (well under 50 ms)', async () => {
      const h = await open();
      // 2 models × 60 days × 24 h × 40 metrics = 115 200 rows.
      const metrics = Array.from({ length: 40 }, (_, i) => (i === 0 ? 'drift.share' : `drift.feature.f${i}`));
      for (const modelId of ['M', 'N']) {
        for (let d = 0; d < 60; d++) {
          await h.db.transaction().execute(async (tx) => {
            for (let hr = 0; hr < 24; hr++) {
              const start = T0 + d * DAY + hr * HOUR;
              await upsertSeries(
                tx,
                { modelId, granularity: '1h', versionKey: '*', startMs: start, endMs: start + HOUR },
                metrics.map((m, i) => v(m, (d * 24 + hr + i) % 7)),
              );
            }
          });
        }
      }
      const times: number[] = [];
      let points = 0;
      for (let i = 0; i < 40; i++) {
        const t = performance.now();
        const r = await querySeries(h.db, {
          modelId: 'M',
          metric: 'drift.share',
          granularity: '1h',
          fromMs: T0 + 20 * DAY,
          toMs: T0 + 50 * DAY,
        });
        times.push(performance.now() - t);
        points = r.length;
      }
      expect(points).toBe(720);
      const sorted = times.slice(5).sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      const ms = p95(times.slice(5));
      console.log(
        `[series-store ${backend.name}] 30-day hourly series (720 points of 115 200 rows): median ${median.toFixed(2)} ms, p95 ${ms.toFixed(2)} ms`,
      );
      // The target is p95 ≤ 50 ms on an idle machine; the median is asserted so a loaded test machine does not flake.
      expect(median).toBeLessThan(50);
      if (backend.name === 'sqlite') {
        // One range scan of the primary key (no table scan, no sort).
        const plan = h
          .sqlite!.prepare(
            `explain query plan select start_ms, value from series where model_id = ? and metric = ? and granularity = ? and version_key = ? and segment = ? and start_ms > ? and start_ms < ? order by start_ms`,
          )
          .all('M', 'drift.share', '1h', '*', '', 0, 1) as { detail: string }[];
        expect(plan.map((p) => p.detail).join(' ')).toMatch(
          /SEARCH series USING INDEX sqlite_autoindex_series_1/,
        );
        expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
      }
    });
  });
}
