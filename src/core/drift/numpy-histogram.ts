/**
 * numpy-compatible histogram edges and counts, reproduced operation by operation so that binned
 * drift scores match Evidently's to the last digits (drift-methods.md §1.6).
 * @module
 */

/**
 * `np.histogram_bin_edges(a, bins="sturges")` for data with the given min, max and size.
 * numpy 1.24 `lib/histograms.py::_get_bin_edges`:
 *   width = ptp / (log2(n) + 1.0); for integer data width < 1 becomes 1;
 *   n_bins = ceil((last − first) / width), or 1 when width is 0;
 *   edges = linspace(first, last, n_bins + 1) with first/last widened by ±0.5 when equal.
 * The two floating-point operations are kept literally: numpy returns 16 bins (not 15) for
 * n = 16384 on some ranges, and so must we.
 */
export function sturgesEdges(min: number, max: number, n: number, integer: boolean): Float64Array {
  const ptp = max - min;
  let width = ptp / (Math.log2(n) + 1.0);
  let bins = 1;
  if (width !== 0 && !Number.isNaN(width)) {
    if (integer && width < 1) width = 1;
    bins = Math.ceil(ptp / width);
  }
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  return linspace(first, last, bins + 1);
}

/**
 * `np.linspace(start, stop, num)` (endpoint=True): y[i] = i·step + start with step = (stop − start)/(num − 1),
 * and the last point set exactly to `stop`.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  if (div <= 0) {
    if (num === 1) out[0] = start;
    return out;
  }
  const step = (stop - start) / div;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  out[num - 1] = stop;
  return out;
}

/**
 * `np.histogram(a, bins=edges)[0]` for sorted `a`: bin i counts edges[i] ≤ x < edges[i+1], the last bin is
 * closed on the right, values outside [edges[0], edges[last]] are ignored (numpy's searchsorted path).
 */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const k = edges.length - 1;
  const counts = new Float64Array(Math.max(k, 0));
  if (k <= 0) return counts;
  let prev = lowerBound(sorted, edges[0]!);
  for (let i = 1; i <= k; i++) {
    const pos = i === k ? upperBound(sorted, edges[i]!) : lowerBound(sorted, edges[i]!);
    counts[i - 1] = pos - prev;
    prev = pos;
  }
  return counts;
}

/** First index whose value is ≥ x (numpy searchsorted side='left'). */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x (numpy searchsorted side='right'). */
export function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
