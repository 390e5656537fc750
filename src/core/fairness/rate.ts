/**
 * Division conventions for rates.
 * @module
 */

/**
 * What a rate whose denominator is 0 becomes (a TPR for a group without positives, a precision for a group
 * without predicted positives):
 * - `'nan'` (driftwatch's default): the rate is undefined, so it is `NaN` and takes no part in max/min gaps;
 * - `0`: scikit-learn's value. `confusion_matrix(normalize='true')` replaces 0/0 by 0 (`np.nan_to_num`), which
 *   Fairlearn's `true_positive_rate`/`false_positive_rate` inherit, and `precision_score`'s default
 *   `zero_division='warn'` returns 0.0 with an `UndefinedMetricWarning`. Choose it to reproduce Fairlearn's
 *   numbers exactly (a group without positives then counts as TPR 0 in the equal-opportunity gap).
 */
export type ZeroDivision = 'nan' | 0;

/** `numerator / denominator`, or the `zeroDivision` value when the denominator is 0. */
export function rate(numerator: number, denominator: number, zeroDivision: ZeroDivision = 'nan'): number {
  if (denominator === 0) return zeroDivision === 'nan' ? Number.NaN : 0;
  return numerator / denominator;
}

/**
 * The ratio of two rates `(x1/n1) / (x2/n2)` computed as `(x1·n2) / (n1·x2)` from integer counts, so the
 * result is one correctly rounded division whenever both products stay below 2^53 (about 9e15), e.g.
 * 40/100 ÷ 50/100 is exactly the double nearest 0.8 and passes a four-fifths test. Larger counts fall
 * back to dividing the two rates. `n1` and `n2` must be positive. 0/0 gives `NaN`, x/0 gives `Infinity`.
 */
export function rateRatio(x1: number, n1: number, x2: number, n2: number): number {
  const num = x1 * n2;
  const den = n1 * x2;
  if (num <= Number.MAX_SAFE_INTEGER && den <= Number.MAX_SAFE_INTEGER) return num / den;
  return x1 / n1 / (x2 / n2);
}
