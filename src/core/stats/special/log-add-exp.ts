/**
 * ln(eᵃ + eᵇ) without overflow or underflow (numpy.logaddexp semantics).
 * @module
 */

/** ln(eᵃ + eᵇ). −∞ is the identity; NaN propagates. */
export function logAddExp(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (a === b) return a + Math.LN2; // also handles ±∞ == ±∞
  const m = Math.max(a, b);
  if (m === Number.POSITIVE_INFINITY) return m;
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}
