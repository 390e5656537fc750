/**
 * A small reference-vs-current distribution per column for the report's charts. It is NOT used for
 * the drift score (Evidently also draws its charts from separate histograms, drift-methods.md §1.7).
 * @module
 */
import type { Distribution } from '../report/result-schema.ts';
import type { DriftInput } from './drift-input.ts';
import { histogramCounts, linspace } from './numpy-histogram.ts';

/** Histogram bins of numeric charts. */
export const CHART_BINS = 20;
/** Categories listed in categorical charts; the rest is summed into "other". */
export const CHART_CATEGORIES = 20;

export function chartDistribution(input: DriftInput): Distribution | null {
  if (input.refCount === 0 || input.curCount === 0) return null;
  const ref = input.refValues;
  const cur = input.curValues;
  if (input.type === 'num' && ref !== null && cur !== null) {
    const min = Math.min(ref[0]!, cur[0]!);
    const max = Math.max(ref[ref.length - 1]!, cur[cur.length - 1]!);
    const edges = min === max ? linspace(min - 0.5, max + 0.5, 2) : linspace(min, max, CHART_BINS + 1);
    return {
      kind: 'histogram',
      edges: [...edges],
      reference: shares(histogramCounts(ref, edges), ref.length),
      current: shares(histogramCounts(cur, edges), cur.length),
    };
  }
  const c = input.counts();
  const order = c.keys.map((_, i) => i);
  order.sort(
    (a, b) =>
      c.ref[b]! / input.refCount +
      c.cur[b]! / input.curCount -
      (c.ref[a]! / input.refCount + c.cur[a]! / input.curCount),
  );
  const top = order.slice(0, CHART_CATEGORIES);
  const refShares = top.map((i) => c.ref[i]! / input.refCount);
  const curShares = top.map((i) => c.cur[i]! / input.curCount);
  return {
    kind: 'categories',
    keys: top.map((i) => String(c.keys[i])),
    reference: refShares,
    current: curShares,
    otherReference: Math.max(0, 1 - refShares.reduce((s, x) => s + x, 0)),
    otherCurrent: Math.max(0, 1 - curShares.reduce((s, x) => s + x, 0)),
  };
}

function shares(counts: Float64Array, total: number): number[] {
  return [...counts].map((c) => c / total);
}
