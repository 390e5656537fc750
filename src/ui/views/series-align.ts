/**
 * Series points placed on the range's window grid (one slot per window start; null where a window has no value),
 * so every panel of a page shares the same x values and cursors line up.
 * @module
 */
import type { SeriesPoint } from '../data/series-data.ts';

export function alignValues(
  starts: readonly number[],
  points: readonly SeriesPoint[] | undefined,
): (number | null)[] {
  const byStart = new Map<number, number | null>();
  for (const p of points ?? []) byStart.set(p.start, p.value);
  return starts.map((s) => byStart.get(s) ?? null);
}

export function hasValues(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}
