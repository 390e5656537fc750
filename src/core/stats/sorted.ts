/**
 * Sorting helper for the rank-based statistics (KS test and friends), which take pre-sorted samples so that
 * a column is sorted once and reused.
 * @module
 */

/**
 * A sorted copy of `values` with NaN and ±Infinity removed. The input is not modified.
 * Uses Float64Array.prototype.sort (numeric ascending; −0 sorts before +0).
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
  return out.sort();
}
