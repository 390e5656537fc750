/**
 * Regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x).
 *
 * Ported from Cephes igam.c with scipy's 2016 improvements, as shipped in scipy (xsf/cephes/igam.h; Cephes
 * Math Library 2.0, Stephen L. Moshier, BSD-3 via scipy): the prefactor x^a e^(−x)/Γ(a) via the Lanczos
 * approximation (Boost's igamma, DLMF 8.11/8.9), the small-x series for Q (DLMF 8.7.3), and Temme's uniform
 * asymptotic expansion (DLMF 8.12.3/8.12.4) when a ≈ x. The latter is what keeps e.g. chi2.sf(5000, 4500)
 * and Q(a, x) for a, x ~ 1e4 accurate, where plain series/continued fractions lose digits (ecosystem.md §5.1
 * found @stdlib's version wrong there).
 * @module
 */

import { MACHEP, MAXLOG } from './constants.ts';
import { LANCZOS_G, lanczosSumExpgScaled, lgamma, lgamma1p, log1pmx } from './gamma.ts';
import { TEMME_D, TEMME_K, TEMME_N } from './incomplete-gamma-coefficients.ts';
import { erfc } from './normal.ts';

const MAXITER = 2000;
const SMALL = 20;
const LARGE = 200;
const SMALL_RATIO = 0.3;
const LARGE_RATIO = 4.5;
const BIG = 4503599627370496.0;
const BIG_INV = 2.220446049250313e-16;

/**
 * x^a e^(−x) / Γ(a). Far from a = x it uses logarithms; near a = x it uses the Lanczos form with log1pmx so
 * that the huge cancelling terms a·ln x and x never appear (scipy igam_fac, after Boost [Maddock]).
 */
function prefactor(a: number, x: number): number {
  if (Math.abs(a - x) > 0.4 * Math.abs(a)) {
    const ax = a * Math.log(x) - x - lgamma(a);
    if (ax < -MAXLOG) return 0;
    return Math.exp(ax);
  }
  const fac = a + LANCZOS_G - 0.5;
  let res = Math.sqrt(fac / Math.E) / lanczosSumExpgScaled(a);
  if (a < 200 && x < 200) {
    res *= Math.exp(a - x) * (x / fac) ** a;
  } else {
    const num = x - a - LANCZOS_G + 0.5;
    res *= Math.exp(a * log1pmx(num / fac) + (x * (0.5 - LANCZOS_G)) / fac);
  }
  return res;
}

/** Q(a, x) by the continued fraction of DLMF 8.9.2 (x > a, x > 1.1). */
function upperContinuedFraction(a: number, x: number): number {
  const ax = prefactor(a, x);
  if (ax === 0) return 0;
  let y = 1 - a;
  let z = x + y + 1;
  let c = 0;
  let pkm2 = 1;
  let qkm2 = x;
  let pkm1 = x + 1;
  let qkm1 = z * x;
  let ans = pkm1 / qkm1;
  for (let i = 0; i < MAXITER; i++) {
    c += 1;
    y += 1;
    z += 2;
    const yc = y * c;
    const pk = pkm1 * z - pkm2 * yc;
    const qk = qkm1 * z - qkm2 * yc;
    let t: number;
    if (qk !== 0) {
      const r = pk / qk;
      t = Math.abs((ans - r) / r);
      ans = r;
    } else {
      t = 1;
    }
    pkm2 = pkm1;
    pkm1 = pk;
    qkm2 = qkm1;
    qkm1 = qk;
    if (Math.abs(pk) > BIG) {
      pkm2 *= BIG_INV;
      pkm1 *= BIG_INV;
      qkm2 *= BIG_INV;
      qkm1 *= BIG_INV;
    }
    if (t <= MACHEP) break;
  }
  return ans * ax;
}

/** P(a, x) by the power series of DLMF 8.11.4. */
function lowerSeries(a: number, x: number): number {
  const ax = prefactor(a, x);
  if (ax === 0) return 0;
  let r = a;
  let c = 1;
  let ans = 1;
  for (let i = 0; i < MAXITER; i++) {
    r += 1;
    c *= x / r;
    ans += c;
    if (c <= MACHEP * ans) break;
  }
  return (ans * ax) / a;
}

/** Q(a, x) for small x by DLMF 8.7.3, arranged to avoid cancellation (scipy igamc_series). */
function upperSeries(a: number, x: number): number {
  let fac = 1;
  let sum = 0;
  for (let n = 1; n < MAXITER; n++) {
    fac *= -x / n;
    const term = fac / (a + n);
    sum += term;
    if (Math.abs(term) <= MACHEP * Math.abs(sum)) break;
  }
  const logx = Math.log(x);
  const term = -Math.expm1(a * logx - lgamma1p(a));
  return term - Math.exp(a * logx - lgamma(a)) * sum;
}

/** Temme's uniform asymptotic expansion for P (lower = true) or Q (DLMF 8.12.3/8.12.4; scipy asymptotic_series). */
function temme(a: number, x: number, lower: boolean): number {
  const sgn = lower ? -1 : 1;
  const lambda = x / a;
  const sigma = (x - a) / a;
  let eta = 0;
  if (lambda > 1) eta = Math.sqrt(-2 * log1pmx(sigma));
  else if (lambda < 1) eta = -Math.sqrt(-2 * log1pmx(sigma));
  let res = 0.5 * erfc(sgn * eta * Math.sqrt(a / 2));

  const etapow = new Float64Array(TEMME_N);
  etapow[0] = 1;
  let maxpow = 0;
  let sum = 0;
  let afac = 1;
  let absoldterm = Number.POSITIVE_INFINITY;
  for (let k = 0; k < TEMME_K; k++) {
    const row = TEMME_D[k]!;
    let ck = row[0]!;
    for (let n = 1; n < TEMME_N; n++) {
      if (n > maxpow) {
        etapow[n] = eta * etapow[n - 1]!;
        maxpow += 1;
      }
      const ckterm = row[n]! * etapow[n]!;
      ck += ckterm;
      if (Math.abs(ckterm) < MACHEP * Math.abs(ck)) break;
    }
    const term = ck * afac;
    const absterm = Math.abs(term);
    if (absterm > absoldterm) break; // the series is asymptotic: stop once terms grow
    sum += term;
    if (absterm < MACHEP * Math.abs(sum)) break;
    absoldterm = absterm;
    afac /= a;
  }
  res += (sgn * Math.exp(-0.5 * a * eta * eta) * sum) / Math.sqrt(2 * Math.PI * a);
  return res;
}

/** True in the a ≈ x regime where Temme's expansion is used (scipy igam.h thresholds). */
function useTemme(a: number, x: number): boolean {
  const r = Math.abs(x - a) / a;
  return (a > SMALL && a < LARGE && r < SMALL_RATIO) || (a > LARGE && r < LARGE_RATIO / Math.sqrt(a));
}

/**
 * Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) (scipy.special.gammainc), a ≥ 0, x ≥ 0.
 * Returns NaN for negative or NaN arguments (like scipy).
 */
export function gammaP(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || a < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 1 : Number.NaN;
  if (x === 0) return 0;
  if (!Number.isFinite(a)) return Number.isFinite(x) ? 0 : Number.NaN;
  if (!Number.isFinite(x)) return 1;
  if (useTemme(a, x)) return temme(a, x, true);
  if (x > 1 && x > a) return 1 - gammaQ(a, x);
  return lowerSeries(a, x);
}

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) (scipy.special.gammaincc), a ≥ 0, x ≥ 0,
 * accurate (relative) in the far upper tail, e.g. Q(a, x) ~ 1e-300.
 */
export function gammaQ(a: number, x: number): number {
  if (Number.isNaN(a) || Number.isNaN(x) || x < 0 || a < 0) return Number.NaN;
  if (a === 0) return x > 0 ? 0 : Number.NaN;
  if (x === 0) return 1;
  if (!Number.isFinite(a)) return Number.isFinite(x) ? 1 : Number.NaN;
  if (!Number.isFinite(x)) return 0;
  if (useTemme(a, x)) return temme(a, x, false);
  if (x > 1.1) {
    return x < a ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
  }
  if (x <= 0.5) {
    return -0.4 / Math.log(x) < a ? 1 - lowerSeries(a, x) : upperSeries(a, x);
  }
  return x * 1.1 < a ? 1 - lowerSeries(a, x) : upperSeries(a, x);
}
