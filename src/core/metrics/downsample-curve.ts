/**
 * Thinning of curve points for reports: a 1M-row ROC curve can have ~1M points, far more than a chart or a
 * JSON report needs.
 *
 * Points are kept evenly spaced by index, always including the first and the last point (index
 * round(j·(L − 1)/(maxPoints − 1)) for j = 0 … maxPoints − 1). Index spacing keeps the curve's shape where it
 * has many points (where the data is); it does not preserve the area exactly, so compute AUCs on the full
 * curve (the metrics do).
 * @module
 */
import { checkOption } from './validate.ts';

function pickIndices(len: number, maxPoints: number): number[] {
  checkOption(
    Number.isInteger(maxPoints) && maxPoints >= 2,
    `maxPoints must be an integer ≥ 2, got ${maxPoints}`,
  );
  if (len <= maxPoints) return Array.from({ length: len }, (_, i) => i);
  return Array.from({ length: maxPoints }, (_, j) => Math.round((j * (len - 1)) / (maxPoints - 1)));
}

/** At most `maxPoints` (default 200) of `points`, evenly spaced by index, first and last included. */
export function downsampleCurve<T>(points: readonly T[], maxPoints = 200): T[] {
  return pickIndices(points.length, maxPoints).map((i) => points[i]!);
}

/**
 * Zips column arrays into point objects, e.g. `zipCurve(metrics.rocCurve)` → `[{ fpr, tpr, thresholds }]`,
 * keeping at most `maxPoints` points (default: all) chosen as in {@link downsampleCurve} — cheaper than
 * zipping a 1M-point curve and then thinning it. Columns shorter than the longest are padded with NaN (the PR
 * curve's last point has no threshold).
 */
export function zipCurve<K extends string>(
  columns: Readonly<Record<K, readonly number[]>>,
  maxPoints = Number.POSITIVE_INFINITY,
): Record<K, number>[] {
  const keys = Object.keys(columns) as K[];
  const len = keys.length === 0 ? 0 : Math.max(...keys.map((k) => columns[k].length));
  const indices =
    maxPoints === Number.POSITIVE_INFINITY
      ? Array.from({ length: len }, (_, i) => i)
      : pickIndices(len, maxPoints);
  return indices.map((i) => {
    const point = {} as Record<K, number>;
    for (const k of keys) point[k] = columns[k][i] ?? Number.NaN;
    return point;
  });
}
