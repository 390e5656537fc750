/**
 * Reference bands and status levels: how far a figure of the latest window is from what the model's own
 * baseline period looked like.
 *
 * The band is mean ± k·σ (k = 3 by default) of the metric over the model's baseline windows — the first
 * `BASELINE_MS` of its history at the same granularity, or the first half of the history when that is shorter
 * — the "reference band" of NannyML's and Evidently's chunked monitoring (thresholds from the reference period
 * split into chunks of the same size). σ is the sample standard deviation (n − 1), computed with Welford's
 * one-pass update (Welford 1962) so values near a large mean do not cancel.
 * @module
 */

export type Level = 'alert' | 'warn' | 'ok' | 'none';

/** Severity order for sorting (worst first). */
export const LEVEL_RANK: Readonly<Record<Level, number>> = { alert: 3, warn: 2, ok: 1, none: 0 };

/** Words and symbols per level, so no status is carried by colour alone. */
export const LEVEL_TEXT: Readonly<Record<Level, { symbol: string; word: string }>> = {
  alert: { symbol: '▲', word: 'alert' },
  warn: { symbol: '!', word: 'warning' },
  ok: { symbol: '✓', word: 'ok' },
  none: { symbol: '–', word: 'no data' },
};

export interface Band {
  readonly mean: number;
  readonly std: number;
  readonly lower: number;
  readonly upper: number;
  /** Values the band was computed from. */
  readonly n: number;
}

/** Seven days of windows. */
export const BASELINE_MS = 7 * 86_400_000;
/** Fewer baseline values than this give no band (σ would be meaningless). */
export const MIN_BAND_VALUES = 6;

/** mean ± k·σ of the finite values, or null with fewer than `MIN_BAND_VALUES` of them. */
export function referenceBand(values: Iterable<number | null>, k = 3): Band | null {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    n++;
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
  }
  if (n < MIN_BAND_VALUES) return null;
  const std = Math.sqrt(m2 / (n - 1));
  return Object.freeze({ mean, std, lower: mean - k * std, upper: mean + k * std, n });
}

/**
 * The baseline period [first, end): at most `BASELINE_MS`, and at most the first half of the history so the
 * recent windows being judged are not part of their own baseline.
 */
export function baselineEnd(first: number, last: number, windowMs: number): number {
  const half = Math.max((last - first) / 2, MIN_BAND_VALUES * windowMs);
  return first + Math.min(BASELINE_MS, half);
}

export interface BandJudgement {
  readonly level: Level;
  /** Signed distance from the band's mean in σ (null when σ is 0 or unknown). */
  readonly sigmas: number | null;
}

export interface JudgeOptions {
  /** Which side is bad: `both` (quality drift either way), `high` (error rate, latency). Default `both`. */
  readonly side?: 'both' | 'high';
  /**
   * Smallest distance from the mean that counts, absolute, so a band of zero width (an error rate that was
   * always 0) does not turn every single failure into an alert. Default 0.
   */
  readonly minAbs?: number;
  /** The same as a fraction of |mean| (e.g. 0.2 for latency). Default 0. */
  readonly minRel?: number;
}

/** The value above which `judge` says alert (for side `high`): max(mean + 3σ, mean + floor). */
export function alertLimit(band: Band, options: JudgeOptions = {}): number {
  const floor = Math.max(options.minAbs ?? 0, (options.minRel ?? 0) * Math.abs(band.mean));
  return band.mean + Math.max(3 * band.std, floor);
}

/** alert: outside mean ± 3σ; warn: outside mean ± 2σ; ok otherwise; none without a value or a band. */
export function judge(value: number | null, band: Band | null, options: JudgeOptions = {}): BandJudgement {
  if (value === null || !Number.isFinite(value) || band === null) return { level: 'none', sigmas: null };
  const side = options.side ?? 'both';
  const floor = Math.max(options.minAbs ?? 0, (options.minRel ?? 0) * Math.abs(band.mean));
  const diff = value - band.mean;
  const sigmas = band.std > 0 ? diff / band.std : null;
  const dist = side === 'high' ? diff : Math.abs(diff);
  const at = (k: number) => Math.max(k * band.std, floor);
  // A zero-width band with no floor: any difference is outside it.
  if (dist > at(3) || (at(3) === 0 && dist > 0)) return { level: 'alert', sigmas };
  if (dist > at(2)) return { level: 'warn', sigmas };
  return { level: 'ok', sigmas };
}

/** The band cut to the metric's possible range (a ROC AUC band never reaches above 1). */
export function clampBand(band: Band | null, bounds: readonly [number, number] | null): Band | null {
  if (band === null || bounds === null) return band;
  return Object.freeze({
    ...band,
    lower: Math.min(Math.max(band.lower, bounds[0]), bounds[1]),
    upper: Math.min(Math.max(band.upper, bounds[0]), bounds[1]),
  });
}

/** The worse of two levels. */
export function worst(a: Level, b: Level): Level {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}
