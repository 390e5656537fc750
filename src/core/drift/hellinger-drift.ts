/**
 * Hellinger distance as Evidently computes it (`legacy/calculations/stattests/hellinger_distance.py`):
 * - categorical: √(1 − clip(Σ √(p_ref·p_cur), 0, 1)) over the union of values;
 * - numeric: Sturges edges over the *unique values* of ref ∪ cur, `density=True` histograms,
 *   H = √(1 − clip(Σ √(h1·h2)·w, 0, 1)) with w = (max(edges) − min(edges)) / (len(edges) − 1).
 * @module
 */
import { type DriftInput, unionDistinct } from './drift-input.ts';
import { histogramCounts, sturgesEdges } from './numpy-histogram.ts';

export function hellingerDrift(input: DriftInput): number {
  if (input.type === 'cat' || input.refValues === null || input.curValues === null) {
    const { ref, cur } = input.counts();
    let sum = 0;
    for (let i = 0; i < ref.length; i++) {
      sum += Math.sqrt((ref[i]! / input.refCount) * (cur[i]! / input.curCount));
    }
    return Math.sqrt(1 - clip01(sum));
  }
  const ref = input.refValues;
  const cur = input.curValues;
  const min = Math.min(ref[0]!, cur[0]!);
  const max = Math.max(ref[ref.length - 1]!, cur[cur.length - 1]!);
  const edges = sturgesEdges(min, max, unionDistinct(ref, cur), input.integer);
  const h1 = density(histogramCounts(input.refValues, edges), edges);
  const h2 = density(histogramCounts(input.curValues, edges), edges);
  const binWidth = (edges[edges.length - 1]! - edges[0]!) / (edges.length - 1);
  let sum = 0;
  for (let i = 0; i < h1.length; i++) sum += Math.sqrt(h1[i]! * h2[i]!) * binWidth;
  return Math.sqrt(1 - clip01(sum));
}

/** numpy `density=True`: n / diff(edges) / n.sum(). */
function density(counts: Float64Array, edges: Float64Array): Float64Array {
  let total = 0;
  for (const c of counts) total += c;
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i]! / (edges[i + 1]! - edges[i]!) / total;
  return out;
}

function clip01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
