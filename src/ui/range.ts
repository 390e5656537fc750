/**
 * The time range and window size a model page shows, from its query string: `window=1h|1d`, `range=24h|48h|7d|
 * 14d|30d|90d`, or a custom `from`/`to` (`YYYY-MM-DD`, UTC, both days included).
 * @module
 */
import { GRANULARITY_MS, type Granularity } from './data/series-data.ts';

export const RANGE_PRESETS = {
  '24h': 86_400_000,
  '48h': 2 * 86_400_000,
  '7d': 7 * 86_400_000,
  '14d': 14 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

export interface TimeRange {
  readonly granularity: Granularity;
  /** The preset, or null for a custom from/to. */
  readonly preset: RangePreset | null;
  /** Window starts in [from, to). */
  readonly from: number;
  readonly to: number;
  /** The custom bounds as typed (for the form), when custom. */
  readonly fromDate: string | null;
  readonly toDate: string | null;
}

const DAY = 86_400_000;

function parseDate(s: string | undefined): number | null {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) ? t : null;
}

export function isPreset(s: string | undefined): s is RangePreset {
  return s !== undefined && Object.hasOwn(RANGE_PRESETS, s);
}

/**
 * Reads the range. Defaults: `defaults.granularity`; the preset `defaults.range[granularity]`.
 */
export function parseRange(
  query: Readonly<Record<string, string | undefined>>,
  now: number,
  defaults: { granularity: Granularity; range: Readonly<Record<Granularity, RangePreset>> },
): TimeRange {
  const granularity: Granularity =
    query.window === '1h' || query.window === '1d' ? query.window : defaults.granularity;
  const step = GRANULARITY_MS[granularity];
  const fromDay = parseDate(query.from);
  const toDay = parseDate(query.to);
  if (fromDay !== null || toDay !== null) {
    const to = toDay !== null ? toDay + DAY : Math.ceil(now / step) * step;
    let from = fromDay !== null ? fromDay : to - RANGE_PRESETS[defaults.range[granularity]];
    if (from >= to) from = to - DAY;
    return { granularity, preset: null, from, to, fromDate: query.from ?? null, toDate: query.to ?? null };
  }
  const preset = isPreset(query.range) ? query.range : defaults.range[granularity];
  // Windows that started before now (the current one included); starts aligned to the window size.
  const to = Math.floor(now / step) * step + step;
  const from = to - RANGE_PRESETS[preset];
  return { granularity, preset, from, to, fromDate: null, toDate: null };
}

/** The query string for a range (only what differs from nothing: explicit is clearer in shared links). */
export function rangeQuery(r: TimeRange, overrides: Partial<Record<string, string>> = {}): string {
  const p = new URLSearchParams();
  p.set('window', r.granularity);
  if (r.preset !== null) p.set('range', r.preset);
  else {
    if (r.fromDate) p.set('from', r.fromDate);
    if (r.toDate) p.set('to', r.toDate);
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined || v === '') p.delete(k);
    else p.set(k, v);
  }
  return p.toString();
}

/** Window starts in the range, oldest first. */
export function windowStarts(r: TimeRange): number[] {
  const step = GRANULARITY_MS[r.granularity];
  const out: number[] = [];
  for (let t = Math.ceil(r.from / step) * step; t < r.to; t += step) out.push(t);
  return out;
}
