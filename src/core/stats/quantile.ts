/**
 * Quantile of sorted data with numpy's default 'linear' method (Hyndman & Fan type 7):
 * h = (n − 1)·q, result = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * Written like numpy's `_lerp` (including its `t ≥ 0.5` branch) so results are bit-identical.
 * Returns NaN for empty input.
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1]!;
  const t = h - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  // numpy _lerp: lerp = a + diff*t, but for t >= 0.5 it uses b - diff*(1 - t).
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
