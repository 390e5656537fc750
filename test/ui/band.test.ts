/**
 * The pure pieces of the dashboard: reference bands and levels, the baseline period, time ranges, drift-cell
 * severity, and the sign-in redirect guard.
 */
import { describe, expect, it } from 'vitest';
import { alertLimit, baselineEnd, clampBand, judge, referenceBand, worst } from '../../src/ui/band.ts';
import { safeNext } from '../../src/ui/paths.ts';
import { parseRange, rangeQuery, windowStarts } from '../../src/ui/range.ts';
import { cellClass, severity } from '../../src/ui/views/drift-view.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('referenceBand', () => {
  it('is mean ± 3 sample standard deviations of the finite values', () => {
    // numpy: np.mean([1..6]) = 3.5, np.std([1..6], ddof=1) = sqrt(3.5) = 1.8708286933869707
    const b = referenceBand([1, 2, null, 3, 4, Number.NaN, 5, 6])!;
    expect(b.n).toBe(6);
    expect(b.mean).toBe(3.5);
    expect(b.std).toBeCloseTo(1.8708286933869707, 15);
    expect(b.lower).toBeCloseTo(3.5 - 3 * 1.8708286933869707, 14);
    expect(b.upper).toBeCloseTo(3.5 + 3 * 1.8708286933869707, 14);
  });

  it('stays accurate near a large mean (Welford) and needs six values', () => {
    const b = referenceBand([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16, 1e9 + 10, 1e9 + 10])!;
    // Shifted data 4, 7, 13, 16, 10, 10: mean 10, sample variance 90 / 5 = 18.
    expect(b.mean).toBe(1e9 + 10);
    expect(b.std).toBeCloseTo(Math.sqrt(18), 6);
    expect(referenceBand([1, 2, 3, 4, 5])).toBeNull();
  });
});

describe('judge', () => {
  const band = referenceBand([0.8, 0.82, 0.84, 0.8, 0.82, 0.84])!; // mean 0.82, σ ≈ 0.01789
  it('says alert outside 3σ, warning outside 2σ, ok inside, in σ units', () => {
    expect(judge(0.82, band).level).toBe('ok');
    expect(judge(0.82, band).sigmas).toBeCloseTo(0, 12);
    expect(judge(0.78, band).level).toBe('warn');
    expect(judge(0.7, band).level).toBe('alert');
    expect(judge(0.7, band).sigmas).toBeCloseTo(-0.12 / band.std, 12);
    expect(judge(0.95, band).level).toBe('alert');
    expect(judge(null, band).level).toBe('none');
    expect(judge(0.5, null).level).toBe('none');
  });

  it('judges only rises for one-sided figures and ignores changes below the floor', () => {
    const zero = referenceBand([0, 0, 0, 0, 0, 0])!;
    expect(judge(0.005, zero, { side: 'high', minAbs: 0.01 }).level).toBe('ok');
    expect(judge(0.3, zero, { side: 'high', minAbs: 0.01 }).level).toBe('alert');
    expect(judge(0.001, zero).level).toBe('alert'); // zero-width band, no floor
    expect(judge(0.5, band, { side: 'high' }).level).toBe('ok');
    expect(alertLimit(zero, { minAbs: 0.01 })).toBe(0.01);
    const lat = referenceBand([60, 61, 62, 60, 61, 62])!;
    expect(alertLimit(lat, { minRel: 0.25 })).toBeCloseTo(61 * 1.25, 12);
  });

  it('orders levels and clamps bands to the metric range', () => {
    expect(worst('ok', 'alert')).toBe('alert');
    expect(worst('none', 'warn')).toBe('warn');
    const wide = referenceBand([0.6, 0.9, 1, 0.7, 0.95, 0.8])!;
    expect(wide.upper).toBeGreaterThan(1);
    expect(clampBand(wide, [0, 1])!.upper).toBe(1);
    expect(clampBand(wide, null)).toBe(wide);
  });
});

describe('baselineEnd', () => {
  it('takes at most 7 days, at most half the history, at least six windows', () => {
    expect(baselineEnd(0, 30 * DAY, HOUR)).toBe(7 * DAY);
    expect(baselineEnd(0, 4 * DAY, HOUR)).toBe(2 * DAY);
    expect(baselineEnd(0, 2 * HOUR, HOUR)).toBe(6 * HOUR);
  });
});

describe('parseRange', () => {
  const now = Date.UTC(2026, 10, 23, 4, 30);
  const defaults = { granularity: '1d' as const, range: { '1h': '48h' as const, '1d': '14d' as const } };
  it('defaults, presets and window alignment', () => {
    const d = parseRange({}, now, defaults);
    expect(d).toMatchObject({ granularity: '1d', preset: '14d' });
    expect(d.to).toBe(Date.UTC(2026, 10, 24));
    expect(windowStarts(d)).toHaveLength(14);
    const h = parseRange({ window: '1h', range: '24h' }, now, defaults);
    expect(windowStarts(h)).toHaveLength(24);
    expect(windowStarts(h).at(-1)).toBe(Date.UTC(2026, 10, 23, 4));
    expect(rangeQuery(h, { start: '5' })).toBe('window=1h&range=24h&start=5');
    expect(parseRange({ window: 'x', range: 'forever' }, now, defaults).preset).toBe('14d');
  });

  it('custom from/to days, both included', () => {
    const r = parseRange({ window: '1d', from: '2026-11-01', to: '2026-11-03' }, now, defaults);
    expect(r.preset).toBeNull();
    expect(windowStarts(r).map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
    ]);
    expect(rangeQuery(r)).toBe('window=1d&from=2026-11-01&to=2026-11-03');
    const swapped = parseRange({ from: '2026-11-05', to: '2026-11-01' }, now, defaults);
    expect(swapped.to - swapped.from).toBe(DAY);
  });
});

describe('drift cells', () => {
  it('measures how far past the threshold a statistic is', () => {
    expect(severity(0.05, 'p_value', 0.05)).toBeCloseTo(1, 15);
    expect(severity(0.0005, 'p_value', 0.05)).toBeCloseTo(Math.log(0.0005) / Math.log(0.05), 15);
    expect(severity(0, 'p_value', 0.05)).toBe(Number.POSITIVE_INFINITY);
    expect(severity(0.25, 'distance', 0.1)).toBeCloseTo(2.5, 15);
    expect(cellClass(true, 3)).toBe('c-d2');
    expect(cellClass(true, 1.2)).toBe('c-d1');
    expect(cellClass(false, 0.7)).toBe('c-ok1');
    expect(cellClass(false, 0.1)).toBe('c-ok0');
    expect(cellClass(null, 1)).toBe('c-none');
  });
});

describe('safeNext', () => {
  it('follows only paths on this server', () => {
    expect(safeNext('/projects/a')).toBe('/projects/a');
    for (const bad of [undefined, null, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'x'])
      expect(safeNext(bad)).toBe('/');
  });
});
