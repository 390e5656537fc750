/**
 * Gamma function, its logarithm and helpers used by the incomplete gamma/beta functions.
 *
 * Ported from Cephes gamma.c (Gamma, lgam, stirf), unity.c (lgam1p, log1pmx) and beta.c (beta, lbeta), as
 * shipped in scipy (xsf/cephes/gamma.h, unity.h, beta.h; Cephes Math Library 2.2, Stephen L. Moshier,
 * BSD-3 via scipy), and the Lanczos approximation (N=13, g≈6.0247) of scipy's cephes/lanczos.h, which comes
 * from Boost's lanczos.hpp (John Maddock, Boost Software License 1.0).
 * @module
 */

import { EULER, LOG_PI, LOG_SQRT_2PI, MACHEP, MAXGAM, SQRT2PI } from './constants.ts';
import { p1evl, polevl, ratevl } from './polynomial.ts';

// Γ(x) = P(x)/Q(x) on [2, 3] after shifting to x − 2 (Cephes gamma.c).
const GAMMA_P = [
  0.00016011952247675185, 0.0011913514700658638, 0.010421379756176158, 0.04763678004571372,
  0.20744822764843598, 0.4942148268014971, 1.0,
];
const GAMMA_Q = [
  -2.3158187332412014e-5, 0.0005396055804933034, -0.004456419138517973, 0.011813978522206043,
  0.035823639860549865, -0.23459179571824335, 0.0714304917030273, 1.0,
];
// Stirling series correction for Γ, valid 33 ≤ x ≤ 172 (Cephes gamma.c STIR).
const STIR = [
  0.0007873113957930937, -0.00022954996161337813, -0.0026813261780578124, 0.0034722222160545866,
  0.08333333333334822,
];
const MAXSTIR = 143.01608;

/** Γ(x) by Stirling's formula for 33 ≤ x < MAXGAM (Cephes stirf). */
function stirling(x: number): number {
  if (x >= MAXGAM) return Number.POSITIVE_INFINITY;
  let w = 1 / x;
  w = 1 + w * polevl(w, STIR);
  const ex = Math.exp(x);
  let y: number;
  if (x > MAXSTIR) {
    // Split the power to avoid overflow of x^(x − 1/2) before dividing by e^x.
    const v = x ** (0.5 * x - 0.25);
    y = v * (v / ex);
  } else {
    y = x ** (x - 0.5) / ex;
  }
  return SQRT2PI * y * w;
}

/** sin(πx) with exact argument reduction (Cephes sinpi), used by the reflection formulas. */
function sinPi(x: number): number {
  let s = 1;
  let v = x;
  if (v < 0) {
    v = -v;
    s = -1;
  }
  const r = v % 2;
  if (r < 0.5) return s * Math.sin(Math.PI * r);
  if (r > 1.5) return s * Math.sin(Math.PI * (r - 2));
  return -s * Math.sin(Math.PI * (r - 1));
}

/** The gamma function Γ(x) (Cephes Gamma; relative error ≤ 2.3e-15). Poles (0, negative integers) give NaN/±∞. */
export function gamma(x: number): number {
  if (!Number.isFinite(x)) return x > 0 ? x : Number.NaN;
  if (x === 0) return 1 / x; // ±∞ by the sign of zero
  const q = Math.abs(x);
  if (q > 33) {
    if (x >= 0) return stirling(x);
    let p = Math.floor(q);
    if (p === q) return Number.NaN;
    const sign = p % 2 === 0 ? -1 : 1;
    let z = q - p;
    if (z > 0.5) {
      p += 1;
      z = q - p;
    }
    z = Math.abs(q * sinPi(z));
    if (z === 0) return sign * Number.POSITIVE_INFINITY;
    return (sign * Math.PI) / (z * stirling(q));
  }
  let z = 1;
  let v = x;
  while (v >= 3) {
    v -= 1;
    z *= v;
  }
  while (v < 0) {
    if (v > -1e-9) return smallGamma(z, v);
    z /= v;
    v += 1;
  }
  while (v < 2) {
    if (v < 1e-9) return smallGamma(z, v);
    z /= v;
    v += 1;
  }
  if (v === 2) return z;
  v -= 2;
  return (z * polevl(v, GAMMA_P)) / polevl(v, GAMMA_Q);
}

function smallGamma(z: number, v: number): number {
  if (v === 0) return Number.NaN; // started at a negative integer: pole
  return z / ((1 + EULER * v) * v);
}

// ln Γ(x): Stirling expansion A for x ≥ 13, rational B/C on [2, 3] (Cephes gamma.c).
const LGAM_A = [
  0.0008116141674705085, -0.0005950619042843014, 0.0007936503404577169, -0.002777777777300997,
  0.08333333333333319,
];
const LGAM_B = [
  -1378.2515256912086, -38801.631513463784, -331612.9927388712, -1162370.974927623, -1721737.0082083966,
  -853555.6642457654,
];
const LGAM_C = [
  -351.81570143652345, -17064.210665188115, -220528.59055385445, -1139334.4436798252, -2532523.0717758294,
  -2018891.4143353277,
];
const MAXLGM = 2.556348e305;

/** Sign of Γ at the last `lgammaCore` argument (avoids allocating a result object on the hot path). */
let lastSign = 1;

/** ln|Γ(x)|; sets `lastSign` to the sign of Γ(x) (Cephes lgam_sgn). */
function lgammaCore(x: number): number {
  lastSign = 1;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? x : Number.POSITIVE_INFINITY;
  if (x < -34) {
    const q = -x;
    const w = lgammaCore(q);
    lastSign = 1;
    let p = Math.floor(q);
    if (p === q) return Number.POSITIVE_INFINITY;
    const sign = p % 2 === 0 ? -1 : 1;
    let z = q - p;
    if (z > 0.5) {
      p += 1;
      z = p - q;
    }
    z = q * sinPi(z);
    if (z === 0) return Number.POSITIVE_INFINITY;
    lastSign = sign;
    return LOG_PI - Math.log(z) - w;
  }
  if (x < 13) {
    let z = 1;
    let p = 0;
    let u = x;
    while (u >= 3) {
      p -= 1;
      u = x + p;
      z *= u;
    }
    while (u < 2) {
      if (u === 0) return Number.POSITIVE_INFINITY;
      z /= u;
      p += 1;
      u = x + p;
    }
    if (z < 0) {
      lastSign = -1;
      z = -z;
    }
    if (u === 2) return Math.log(z);
    const t = x + (p - 2);
    return Math.log(z) + (t * polevl(t, LGAM_B)) / p1evl(t, LGAM_C);
  }
  if (x > MAXLGM) return Number.POSITIVE_INFINITY;
  const q = (x - 0.5) * Math.log(x) - x + LOG_SQRT_2PI;
  if (x >= 1000) {
    // Cephes lgam_large_x: three Stirling terms suffice; beyond 1e8 none are needed.
    if (x > 1e8) return q;
    const p = 1 / (x * x);
    return q + ((0.0007936507936507937 * p - 0.002777777777777778) * p + 0.08333333333333333) / x;
  }
  const p = 1 / (x * x);
  return q + polevl(p, LGAM_A) / x;
}

/** ln|Γ(x)| together with the sign of Γ(x) (Cephes lgam_sgn). */
export function lgammaSign(x: number): { value: number; sign: number } {
  const value = lgammaCore(x);
  return { value, sign: lastSign };
}

/** ln|Γ(x)| (scipy.special.gammaln; Cephes lgam, error ≤ 5.4e-16 absolute below 1, relative above). */
export function lgamma(x: number): number {
  return lgammaCore(x);
}

// ζ(n) for n = 2..41, the Taylor coefficients of ln Γ(1 + x) (computed with mpmath at 30 digits).
const ZETA = [
  1.6449340668482264, 1.2020569031595942, 1.0823232337111381, 1.03692775514337, 1.0173430619844492,
  1.008349277381923, 1.0040773561979444, 1.0020083928260821, 1.000994575127818, 1.0004941886041194,
  1.000246086553308, 1.0001227133475785, 1.0000612481350588, 1.000030588236307, 1.0000152822594086,
  1.0000076371976379, 1.000003817293265, 1.0000019082127165, 1.0000009539620338, 1.0000004769329869,
  1.0000002384505027, 1.000000119219926, 1.000000059608189, 1.0000000298035034, 1.0000000149015549,
  1.0000000074507118, 1.000000003725334, 1.0000000018626598, 1.0000000009313275, 1.0000000004656628,
  1.000000000232831, 1.0000000001164155, 1.0000000000582077, 1.0000000000291038, 1.000000000014552,
  1.000000000007276, 1.000000000003638, 1.000000000001819, 1.0000000000009095, 1.0000000000004547,
];

/** ln Γ(1 + x) near x = 0 by its Taylor series −γx + Σ ζ(n)(−x)ⁿ/n (scipy unity.c lgam1p_taylor). */
function lgamma1pTaylor(x: number): number {
  if (x === 0) return 0;
  let res = -EULER * x;
  let xfac = -x;
  for (let n = 2; n < 42; n++) {
    xfac *= -x;
    const coeff = (ZETA[n - 2]! * xfac) / n;
    res += coeff;
    if (Math.abs(coeff) < MACHEP * Math.abs(res)) break;
  }
  return res;
}

/** ln Γ(1 + x), accurate near x = 0 and x = 1 (scipy cephes unity.c lgam1p). */
export function lgamma1p(x: number): number {
  if (Math.abs(x) <= 0.5) return lgamma1pTaylor(x);
  if (Math.abs(x - 1) < 0.5) return Math.log(x) + lgamma1pTaylor(x - 1);
  return lgamma(x + 1);
}

/** ln(1 + x) − x without cancellation for small x (scipy cephes unity.c log1pmx). */
export function log1pmx(x: number): number {
  if (Math.abs(x) < 0.5) {
    let xfac = x;
    let res = 0;
    for (let n = 2; n < 10000; n++) {
      xfac *= -x;
      const term = xfac / n;
      res += term;
      if (Math.abs(term) < MACHEP * Math.abs(res)) break;
    }
    return res;
  }
  return Math.log1p(x) - x;
}

// Lanczos approximation N=13, g=6.02468004077673, "exp(g)-scaled" form
// (scipy cephes/lanczos.h, from Boost lanczos.hpp; coefficients highest degree first).
export const LANCZOS_G = 6.02468004077673;
const LANCZOS_SUM_EXPG_SCALED_NUM = [
  0.006061842346248907, 0.5098416655656676, 19.519927882476175, 449.9445569063168, 6955.999602515376,
  75999.29304014542, 601859.6171681099, 3481712.154980646, 14605578.087685067, 43338889.32467614,
  86363131.2881386, 103794043.11634454, 56906521.913471565,
];
const LANCZOS_DENOM = [
  1, 66, 1925, 32670, 357423, 2637558, 13339535, 45995730, 105258076, 150917976, 120543840, 39916800, 0,
];

/** The Lanczos sum scaled by exp(−g), Boost `lanczos_sum_expg_scaled`. */
export function lanczosSumExpgScaled(x: number): number {
  return ratevl(x, LANCZOS_SUM_EXPG_SCALED_NUM, LANCZOS_DENOM);
}

const BETA_ASYMP_FACTOR = 1e6;

/** ln|B(a, b)| for a ≫ b by its asymptotic expansion (Cephes beta.c lbeta_asymp). */
function lbetaAsymp(a: number, b: number): { value: number; sign: number } {
  const lg = lgammaSign(b);
  let r = lg.value - b * Math.log(a);
  r += (b * (1 - b)) / (2 * a);
  r += (b * (1 - b) * (1 - 2 * b)) / (12 * a * a);
  r += (-b * b * (1 - b) * (1 - b)) / (12 * a * a * a);
  return { value: r, sign: lg.sign };
}

/**
 * Beta function B(a, b) = Γ(a)Γ(b)/Γ(a+b) for a, b > 0 (Cephes beta.c; the negative-integer special cases of
 * Cephes are not needed by driftwatch and return NaN/∞ through Γ).
 */
export function beta(a0: number, b0: number): number {
  let a = a0;
  let b = b0;
  if (Math.abs(a) < Math.abs(b)) [a, b] = [b, a];
  if (Math.abs(a) > BETA_ASYMP_FACTOR * Math.abs(b) && a > BETA_ASYMP_FACTOR) {
    const r = lbetaAsymp(a, b);
    return r.sign * Math.exp(r.value);
  }
  const s = a + b;
  if (Math.abs(s) > MAXGAM || Math.abs(a) > MAXGAM || Math.abs(b) > MAXGAM) {
    const ls = lgammaSign(s);
    const la = lgammaSign(a);
    const lb = lgammaSign(b);
    return ls.sign * la.sign * lb.sign * Math.exp(la.value + (lb.value - ls.value));
  }
  const y = 1 / gamma(s);
  const ga = gamma(a);
  const gb = gamma(b);
  // Multiply in the order that keeps the intermediate closest to 1 (Cephes beta.c).
  if (Math.abs(Math.abs(ga * y) - 1) > Math.abs(Math.abs(gb * y) - 1)) return gb * y * ga;
  return ga * y * gb;
}

/** ln|B(a, b)| (Cephes beta.c lbeta). */
export function lbeta(a0: number, b0: number): number {
  let a = a0;
  let b = b0;
  if (Math.abs(a) < Math.abs(b)) [a, b] = [b, a];
  if (Math.abs(a) > BETA_ASYMP_FACTOR * Math.abs(b) && a > BETA_ASYMP_FACTOR) return lbetaAsymp(a, b).value;
  const s = a + b;
  if (Math.abs(s) > MAXGAM || Math.abs(a) > MAXGAM || Math.abs(b) > MAXGAM) {
    return lgammaSign(a).value + (lgammaSign(b).value - lgammaSign(s).value);
  }
  return Math.log(Math.abs(beta(a, b)));
}
