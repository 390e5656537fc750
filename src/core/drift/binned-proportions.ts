/**
 * Binned reference/current proportions for PSI, KL, JS and L∞, as Evidently's
 * `legacy/calculations/stattests/utils.py::get_binned_data` computes them (drift-methods.md §1.6),
 * plus an opt-in quantile binning that honours a bin count (Evidently ignores its `n_bins`, #1400).
 * @module
 */

import { quantileSorted } from '../stats/quantile.ts';
import type { DriftInput } from './drift-input.ts';
import { histogramCounts, sturgesEdges } from './numpy-histogram.ts';

/** How numeric columns are binned. */
export type Binning = 'sturges' | 'quantile';

export interface BinningOptions {
  /**
   * `sturges` (default): Evidently-exact — equal-width Sturges edges over the combined data when the
   * reference has more than 20 distinct values, else one bin per value.
   * `quantile`: edges at reference quantiles k/bins (outer edges open), so each reference bin holds about
   * 1/bins of the data; NOT Evidently-compatible.
   */
  readonly binning?: Binning;
  /** Bin count for `quantile` binning. Default 10 (deciles, the usual PSI convention). */
  readonly bins?: number;
}

/** Proportions per bin of both sides. */
export interface BinnedProportions {
  readonly ref: Float64Array;
  readonly cur: Float64Array;
}

/** Evidently: numeric columns with more than this many distinct reference values are histogram-binned. */
export const VALUE_BINNING_LIMIT = 20;

export function binnedProportions(
  input: DriftInput,
  fillZeros: boolean,
  options: BinningOptions = {},
): BinnedProportions {
  const { binning = 'sturges', bins = 10 } = options;
  const numeric = input.type === 'num' && input.refValues !== null && input.curValues !== null;
  let refCounts: Float64Array;
  let curCounts: Float64Array;
  if (numeric && binning === 'quantile') {
    const edges = quantileEdges(input.refValues!, bins);
    refCounts = histogramCounts(input.refValues!, edges);
    curCounts = histogramCounts(input.curValues!, edges);
  } else if (numeric && input.refDistinct() > VALUE_BINNING_LIMIT) {
    const ref = input.refValues!;
    const cur = input.curValues!;
    const min = Math.min(ref[0]!, cur[0]!);
    const max = Math.max(ref[ref.length - 1]!, cur[cur.length - 1]!);
    const edges = sturgesEdges(min, max, ref.length + cur.length, input.integer);
    refCounts = histogramCounts(ref, edges);
    curCounts = histogramCounts(cur, edges);
  } else {
    const counts = input.counts();
    refCounts = counts.ref;
    curCounts = counts.cur;
  }
  const ref = divide(refCounts, input.refCount);
  const cur = divide(curCounts, input.curCount);
  if (fillZeros) {
    fillZerosInPlace(ref);
    fillZerosInPlace(cur);
  }
  return { ref, cur };
}

/** Quantile edges of the reference, de-duplicated, with ±∞ outer edges. */
export function quantileEdges(refSorted: Float64Array, bins: number): Float64Array {
  const inner: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = quantileSorted(refSorted, k / bins);
    if (inner.length === 0 || q > inner[inner.length - 1]!) inner.push(q);
  }
  return Float64Array.from([Number.NEGATIVE_INFINITY, ...inner, Number.POSITIVE_INFINITY]);
}

function divide(counts: Float64Array, total: number): Float64Array {
  const out = new Float64Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = counts[i]! / total;
  return out;
}

/**
 * Evidently's zero filling ("feel_zeroes"), applied to each side separately: exact zeros become
 * eps = min(non-zero)/1e6 if that minimum is ≤ 1e-4, else 1e-4. The array is not renormalised.
 */
export function fillZerosInPlace(p: Float64Array): void {
  let min = Number.POSITIVE_INFINITY;
  for (const v of p) if (v !== 0 && v < min) min = v;
  if (min === Number.POSITIVE_INFINITY) return; // all zero: numpy's min() of an empty array would raise
  const eps = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  for (let i = 0; i < p.length; i++) if (p[i] === 0) p[i] = eps;
}
