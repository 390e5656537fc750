/**
 * Student t distribution tails, via the regularized incomplete beta function:
 * for t > 0, P(T > t) = ½·I_{df/(df+t²)}(df/2, ½) = ½·(1 − I_{t²/(df+t²)}(½, df/2)).
 * Both arguments x = df/(df+t²) and 1 − x = t²/(df+t²) are formed directly (no 1 − x rounding), and the
 * algorithm picks whichever form makes the computed quantity the small one (the approach of Boost's
 * students_t cdf, which scipy ≥ 1.12 uses for scipy.special.stdtr; Cephes stdtr.c uses the same identity).
 * df = ∞ gives the normal distribution.
 * @module
 */

import { betaIncLower } from './incomplete-beta.ts';
import { normalSf } from './normal.ts';

/** P(T > t) for t ≥ 0 (the upper half tail). */
function upperHalfTail(t: number, df: number): number {
  const t2 = t * t;
  const denom = df + t2;
  // x = df/(df+t²), xc = t²/(df+t²). Overflow of t² (t > 1e154) is handled by the ratio forms below.
  let x: number;
  let xc: number;
  if (Number.isFinite(t2)) {
    x = df / denom;
    xc = t2 / denom;
  } else {
    x = 0;
    xc = 1;
  }
  return 0.5 * betaIncLower(df / 2, 0.5, x, xc);
}

/** Upper tail P(T > t) of Student's t with df > 0 degrees of freedom (scipy.stats.t.sf). NaN for bad input. */
export function studentTSf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalSf(t);
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  if (t === 0) return 0.5;
  return t > 0 ? upperHalfTail(t, df) : 1 - upperHalfTail(-t, df);
}

/** CDF P(T ≤ t) of Student's t (scipy.stats.t.cdf), accurate in the lower tail. */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}
