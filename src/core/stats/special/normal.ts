/**
 * Error function and the standard normal distribution.
 *
 * Ported from Cephes ndtr.c (erf, erfc, ndtr) and ndtri.c as shipped in scipy (xsf/cephes/ndtr.h, ndtri.h;
 * Cephes Math Library 2.2, Stephen L. Moshier, BSD-3 via scipy).
 *
 * Deviation from Cephes, for accuracy: the factor exp(−x²) (and exp(−x²/2) in the normal tail) is computed
 * with the argument split as x = m + r where m has few significant bits, so m² is exact and
 * exp(−x²) = exp(−m²)·exp(−(x−m)(x+m)). Plain exp(−x*x) loses ~x²·2^-53 relative accuracy (1.5e-13 at
 * x = 26); the split keeps the far tail (normalSf(37) ≈ 5.7e-300) at a few ulp. The normal tail is also
 * evaluated from x directly rather than via erfc(x/√2), because rounding x/√2 costs another x²·2^-53.
 * @module
 */

import { SQRT2PI } from './constants.ts';
import { p1evl, polevl } from './polynomial.ts';

// erfc(x) = exp(−x²)·P(x)/Q(x), 1 ≤ x < 8 (Cephes ndtr.c P, Q).
const P = [
  2.461969814735305e-10, 0.5641895648310689, 7.463210564422699, 48.63719709856814, 196.5208329560771,
  526.4451949954773, 934.5285271719576, 1027.5518868951572, 557.5353353693994,
];
const Q = [
  13.228195115474499, 86.70721408859897, 354.9377788878199, 975.7085017432055, 1823.9091668790973,
  2246.3376081871097, 1656.6630919416134, 557.5353408177277,
];
// erfc(x) = exp(−x²)·R(x)/S(x), x ≥ 8 (Cephes ndtr.c R, S).
const R = [
  0.5641895835477551, 1.275366707599781, 5.019050422511805, 6.160210979930536, 7.4097426995044895,
  2.9788666537210022,
];
const S = [
  2.2605286322011726, 9.396035249380015, 12.048953980809666, 17.08144507475659, 9.608968090632859,
  3.369076451000815,
];
// erf(x) = x·T(x²)/U(x²), |x| ≤ 1 (Cephes ndtr.c T, U).
const T = [9.604973739870516, 90.02601972038427, 2232.005345946843, 7003.325141128051, 55592.30130103949];
const U = [33.56171416475031, 521.3579497801527, 4594.323829709801, 22629.000061389095, 49267.39426086359];

/** Beyond this value of x², exp(−x²) is below the smallest subnormal double and erfc(x) is 0. */
const UNDERFLOW_SQUARE = 750;

/** exp(−x²) for x ≥ 0 without the x²·ε loss of exp(−x*x) (technique of Cephes expx2.c). */
function expNegSquare(x: number): number {
  const m = Math.round(x * 128) / 128; // ≤ 13 significant bits for x < 64, so m*m is exact
  const f = (x - m) * (x + m);
  return Math.exp(-m * m) * Math.exp(-f);
}

/** exp(−x²/2) for x ≥ 0, computed with the same split (m*m/2 is exact). */
function expNegHalfSquare(x: number): number {
  const m = Math.round(x * 128) / 128;
  const f = 0.5 * (x - m) * (x + m);
  return Math.exp(-0.5 * m * m) * Math.exp(-f);
}

/** The rational factor erfc(z)·exp(z²) for z ≥ 1 (Cephes erfc, P/Q below 8, R/S above). */
function erfcScaledRational(z: number): number {
  return z < 8 ? polevl(z, P) / p1evl(z, Q) : polevl(z, R) / p1evl(z, S);
}

/** Error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt (Cephes erf; relative error ≤ 3.7e-16 on |x| ≤ 1). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -erf(-x);
  if (x > 1) return 1 - erfc(x);
  const z = x * x;
  return (x * polevl(z, T)) / p1evl(z, U);
}

/**
 * Complementary error function erfc(x) = 1 − erf(x), accurate (relative) for large x: erfc(26) ≈ 5.7e-296.
 * Underflows to 0 for x ≳ 27.2 (Cephes erfc, with the exp(−x²) split described in the module comment).
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const ax = Math.abs(x);
  if (ax < 1) return 1 - erf(x);
  if (ax * ax > UNDERFLOW_SQUARE) return x < 0 ? 2 : 0;
  const y = expNegSquare(ax) * erfcScaledRational(ax);
  return x < 0 ? 2 - y : y;
}

/**
 * Upper tail of the standard normal, 1 − Φ(x), without cancellation: normalSf(10) ≈ 7.62e-24,
 * normalSf(37) ≈ 5.7e-300. Equals scipy.stats.norm.sf (scipy.special.ndtr(−x)).
 */
export function normalSf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = x * Math.SQRT1_2;
  const az = Math.abs(z);
  if (az < 1) return 0.5 - 0.5 * erf(z);
  if (az * az > UNDERFLOW_SQUARE) return x < 0 ? 1 : 0;
  const ax = Math.abs(x);
  const tail = 0.5 * expNegHalfSquare(ax) * erfcScaledRational(ax * Math.SQRT1_2);
  return x < 0 ? 1 - tail : tail;
}

/** Standard normal CDF Φ(x) (scipy.special.ndtr), accurate in the lower tail. */
export function normalCdf(x: number): number {
  return normalSf(-x);
}

// Cephes ndtri.c: |p − 0.5| ≤ 3/8.
const P0 = [
  -59.96335010141079, 98.00107541859997, -56.67628574690703, 13.931260938727968, -1.2391658386738125,
];
const Q0 = [
  1.9544885833814176, 4.676279128988815, 86.36024213908905, -225.46268785411937, 200.26021238006066,
  -82.03722561683334, 15.90562251262117, -1.1833162112133,
];
// z = √(−2 ln p) in [2, 8).
const P1 = [
  4.0554489230596245, 31.525109459989388, 57.16281922464213, 44.08050738932008, 14.684956192885803,
  2.1866330685079025, -0.1402560791713545, -0.03504246268278482, -0.0008574567851546854,
];
const Q1 = [
  15.779988325646675, 45.39076351288792, 41.3172038254672, 15.04253856929075, 2.504649462083094,
  -0.14218292285478779, -0.03808064076915783, -0.0009332594808954574,
];
// z = √(−2 ln p) in [8, 64).
const P2 = [
  3.2377489177694603, 6.915228890689842, 3.9388102529247444, 1.3330346081580755, 0.20148538954917908,
  0.012371663481782003, 0.00030158155350823543, 2.6580697468673755e-6, 6.239745391849833e-9,
];
const Q2 = [
  6.02427039364742, 3.6798356385616087, 1.3770209948908132, 0.21623699359449663, 0.013420400608854318,
  0.00032801446468212774, 2.8924786474538068e-6, 6.790194080099813e-9,
];
const EXP_M2 = 0.1353352832366127; // exp(−2)

/**
 * Inverse of the standard normal CDF, Φ⁻¹(p) (scipy.special.ndtri / scipy.stats.norm.ppf).
 * Ported from Cephes ndtri.c (peak relative error 7.2e-16). p = 0 → −∞, p = 1 → +∞, outside [0, 1] → NaN.
 */
export function normalPpf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let y = p;
  let negate = true;
  if (y > 1 - EXP_M2) {
    y = 1 - y;
    negate = false;
  }
  if (y > EXP_M2) {
    y -= 0.5;
    const y2 = y * y;
    return (y + y * ((y2 * polevl(y2, P0)) / p1evl(y2, Q0))) * SQRT2PI;
  }
  const x = Math.sqrt(-2 * Math.log(y));
  const x0 = x - Math.log(x) / x;
  const z = 1 / x;
  const x1 = x < 8 ? (z * polevl(z, P1)) / p1evl(z, Q1) : (z * polevl(z, P2)) / p1evl(z, Q2);
  const r = x0 - x1;
  return negate ? -r : r;
}
