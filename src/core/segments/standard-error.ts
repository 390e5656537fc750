/**
 * Sampling errors of a segment's metric, so that a change smaller than the noise is not read as a finding.
 * @module
 */

/**
 * Standard error of a proportion (accuracy, a rate, precision, recall, ...): sqrt(p(1−p)/n), the binomial
 * (Wald) standard error, where n is the number of observations the proportion is taken over (rows for
 * accuracy and selection rate, positives for recall, predicted positives for precision). It is 0 at p = 0 or
 * 1, which understates the uncertainty of small samples: that is why segments are also flagged by row count.
 * @returns `NaN` when n ≤ 0 or p is outside [0, 1] (or NaN).
 */
export function proportionStandardError(p: number, n: number): number {
  if (!(n > 0) || !(p >= 0 && p <= 1)) return Number.NaN;
  return Math.sqrt((p * (1 - p)) / n);
}

/**
 * Standard error of a mean (mean error, MAE = mean |e|, MSE = mean e², Brier, log loss): s/√n with s the
 * sample standard deviation (n − 1 denominator), computed with Welford's one-pass update for stability.
 * @param values - the per-row terms whose mean is the metric.
 * @param rowIndices - optional subset of rows (default: all).
 * @returns `NaN` for fewer than 2 values.
 */
export function meanStandardError(values: Float64Array, rowIndices?: Uint32Array): number {
  const n = rowIndices === undefined ? values.length : rowIndices.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  let m2 = 0;
  for (let k = 0; k < n; k++) {
    const v = rowIndices === undefined ? values[k]! : values[rowIndices[k]!]!;
    const delta = v - mean;
    mean += delta / (k + 1);
    m2 += delta * (v - mean);
  }
  return Math.sqrt(m2 / (n - 1) / n);
}
