/**
 * Chi-squared distribution tails, via the regularized incomplete gamma functions
 * (scipy.stats.chi2.sf/cdf = scipy.special.chdtrc/chdtr = gammaincc/gammainc(df/2, x/2); Cephes chdtr.c).
 * @module
 */

import { gammaP, gammaQ } from './incomplete-gamma.ts';

/**
 * Upper tail P(X > x) of χ²(df) (scipy.stats.chi2.sf), accurate down to ~1e-300.
 * x ≤ 0 → 1, x = ∞ → 0; df ≤ 0 or NaN arguments → NaN.
 */
export function chi2Sf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** Lower tail P(X ≤ x) of χ²(df) (scipy.stats.chi2.cdf). x ≤ 0 → 0; df ≤ 0 or NaN → NaN. */
export function chi2Cdf(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 0;
  return gammaP(df / 2, x / 2);
}
