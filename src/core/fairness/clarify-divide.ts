/**
 * SageMaker Clarify's division and difference conventions, mirrored exactly.
 * Source: aws/amazon-sagemaker-clarify `src/smclarify/bias/metrics/common.py` (`divide`; the
 * "`if x_a == x_d and x_a == INFINITY: result = 0`" guards in `DCO`, `DLR`, `DLA`, and in `AD`/`TE` of
 * `posttraining.py`), with `INFINITY = float("inf")` from `constants.py`.
 * @module
 */

/** Clarify `divide(a, b)`: 0/0 = 0, a/0 = +∞ for a > 0 and −∞ for a < 0, else a/b. */
export function clarifyDivide(a: number, b: number): number {
  if (b === 0) {
    if (a === 0) return 0;
    return a < 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return a / b;
}

/**
 * `x − y`, except that two +∞ give 0 (Clarify sets the difference to 0 when both sides are `INFINITY`
 * instead of returning NaN). Only +∞ is special-cased, as in Clarify; counts are never negative, so
 * −∞ cannot occur in the post-training metrics.
 */
export function clarifyDifference(x: number, y: number): number {
  if (x === y && x === Number.POSITIVE_INFINITY) return 0;
  return x - y;
}
