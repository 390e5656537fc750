/**
 * `np.mean`, `np.var` and `np.std` (ddof = 0) in numpy 1.24's order of operations (`numpy/core/_methods.py`:
 * pairwise `add.reduce` for the mean, then the sum of squared deviations, divided by n), so that NannyML's
 * sampling-error components come out bit-identical.
 * @module
 */
import { numpySum } from '../stats/t-test.ts';

/** `np.mean(values)`; NaN for an empty array. */
export function numpyMean(values: Float64Array): number {
  return values.length === 0 ? Number.NaN : numpySum(values) / values.length;
}

/** `np.var(values)` (population variance); NaN for an empty array. */
export function numpyVar(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const mean = numpySum(values) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    sq[i] = d * d;
  }
  return numpySum(sq) / n;
}

/** `np.var` of `ones` copies of `scale` followed by `zeros` zeros (NannyML's observation-level arrays). */
export function onesThenZerosVar(ones: number, zeros: number, scale = 1): number {
  const values = new Float64Array(ones + zeros);
  values.fill(scale, 0, ones);
  return numpyVar(values);
}
