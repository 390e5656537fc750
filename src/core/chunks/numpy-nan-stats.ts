/**
 * `np.nanmean` and `np.nanstd` (population, ddof = 0) of a few values, in numpy 1.24's order of operations.
 *
 * numpy (`numpy/lib/nanfunctions.py`) replaces NaN by 0, sums the whole array (pairwise `add.reduce`), divides by
 * the count of non-NaN values; the variance subtracts the mean from the non-NaN entries only (NaN entries stay 0),
 * squares and sums again. The sums go through `numpySum`, so the results are bit-identical to numpy's.
 * @module
 */
import { numpySum } from '../stats/t-test.ts';

export interface NanMeanStd {
  /** Mean of the non-NaN values; NaN when there is none. */
  readonly mean: number;
  /** Population standard deviation of the non-NaN values; NaN when there is none. */
  readonly std: number;
  /** Number of non-NaN values. */
  readonly count: number;
}

export function nanMeanStd(values: ArrayLike<number>): NanMeanStd {
  const n = values.length;
  const filled = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    filled[i] = v;
    count++;
  }
  if (count === 0) return { mean: Number.NaN, std: Number.NaN, count };
  const mean = numpySum(filled) / count;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i]!)) continue;
    const d = filled[i]! - mean;
    filled[i] = d * d;
  }
  return { mean, std: Math.sqrt(numpySum(filled) / count), count };
}
