/**
 * Sorting helper for the rank-based statistics (KS test and friends), which take pre-sorted samples so that
 * a column is sorted once and reused.
 * @module
 */

import { sortFloat64 } from './sort-float64.ts';

/**
 * A sorted copy of `values` with NaN and ±Infinity removed. The input is not modified.
 * Numeric ascending (−0 before +0); large arrays go through a radix sort (see sort-float64.ts).
 */
export function sortedFinite(values: Float64Array): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) count++;
  const out = new Float64Array(count);
  if (count === values.length) {
    out.set(values);
  } else {
    let k = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isFinite(v)) out[k++] = v;
    }
  }
  return sortFloat64(out);
}
