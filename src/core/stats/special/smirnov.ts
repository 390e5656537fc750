/**
 * Exact distribution of the one-sided one-sample Kolmogorov–Smirnov statistic D_n⁺ (scipy.special.smirnov,
 * smirnovc): the Smirnov (1944) / Birnbaum–Tingey (1951) formula
 *
 *   P(D_n⁺ > d) = d · Σ_{v=0}^{⌊n(1−d)⌋} C(n, v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v).
 *
 * Ported from scipy's xsf/cephes/kolmogorov.h `_smirnov` (Paul van Mulbregt, 2018, BSD-3 via scipy; see
 * arXiv:1802.06966): n·d is split exactly into floor and remainder in double-double, the binomial coefficient
 * is carried as a double-double mantissa with a separate integer exponent (it overflows a double for n > 1020),
 * powers are computed in double-double with explicit exponents, the upper (alternating) sum is used when it has
 * at most 3 terms, and the loop stops once the remaining terms cannot change the sum.
 * @module
 */

import { MINLOG } from './constants.ts';
import {
  DD,
  ddAdd,
  ddAddNum,
  ddDiv,
  ddDivNum,
  ddFloor,
  ddFrexp,
  ddLdexp,
  ddMul,
  ddMulNum,
  ddSub,
  ddToNumber,
} from './double-double.ts';

const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
const SM_MAX_EXPONENT = 960;
const EPSILON = 2.220446049250313e-16;
const ONE = new DD(1);

/** a^m for a double-double a (scipy pow_D: libm pow of hi, corrected to first order for lo). */
function ddPowInt(a: DD, m: number): DD {
  if (m <= 0) {
    if (m === 0) return ONE;
    return ddDiv(ONE, ddPowInt(a, -m));
  }
  if (a.hi === 0) return new DD(0);
  const ans = a.hi ** m;
  const r = a.lo / a.hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) {
      adj += m * r * (((m - 1) / 2) * r); // first two Taylor terms of (1+r)^m
    } else {
      adj = Math.expm1(m * Math.log1p(r));
    }
  }
  return ddAddNum(new DD(ans), ans * adj);
}

/** scipy's nextPowerOf2 helper (despite the name it rounds x up by one ulp and snaps integers). */
function nextPowerOf2(x: number): number {
  const q = x * 2 ** (1 - 53);
  let l = Math.abs(q + x);
  if (l === 0) l = Math.abs(x);
  else if (Math.trunc(l) === l) l = Math.trunc(l);
  return l;
}

/** a^m as (mantissa, exponent) with the mantissa's hi in [0.5, 1) (scipy pow2Scaled_D). */
function ddPowScaled(a: DD, m: number): [DD, number] {
  if (m <= 0) {
    if (m === 0) return [ONE, 0];
    const [p, e1] = ddPowScaled(a, -m);
    const [inv, e2] = ddFrexp(ddDiv(ONE, p));
    return [inv, -e1 + e2];
  }
  const [y, yE] = ddFrexp(a);
  if (m === 1) return [y, yE];
  let maxExpt = SM_MAX_EXPONENT;
  // Quick check whether y^m might underflow, in which case split the exponentiation.
  if ((m * (y.hi - 1)) / y.hi < -SM_MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(y.hi) / Math.LN2;
    if (m * lg2y <= -SM_MAX_EXPONENT) {
      maxExpt = Math.trunc(nextPowerOf2(-SM_MAX_EXPONENT / lg2y + 1) / 2);
    }
  }
  if (m <= maxExpt) {
    const [ans, ansE] = ddFrexp(ddPowInt(y, m));
    return [ans, ansE + m * yE];
  }
  const q = Math.trunc(m / maxExpt);
  const r = m % maxExpt;
  // y^m = (y^maxExpt)^q · y^r
  const [y2r, y2rE] = ddPowScaled(y, r);
  const [y2m, y2mE] = ddPowScaled(y, maxExpt);
  const [y2mq, y2mqE0] = ddPowScaled(y2m, q);
  const [ans, ansE] = ddFrexp(ddMul(y2r, y2mq));
  return [ans, ansE + y2mqE0 + y2mE * q + y2rE + m * yE];
}

/** Probabilities computed together by `smirnovBoth`. */
interface SmirnovProbabilities {
  readonly sf: number;
  readonly cdf: number;
}

function clamp01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/** P(D_n⁺ > x) and P(D_n⁺ ≤ x) (scipy `_smirnov`; the pdf part is omitted). */
function smirnovBoth(n: number, x: number): SmirnovProbabilities {
  if (!(n > 0 && x >= 0 && x <= 1)) return { sf: Number.NaN, cdf: Number.NaN };
  if (n === 1) return { sf: 1 - x, cdf: x };
  if (x === 0) return { sf: 1, cdf: 0 };
  if (x === 1) return { sf: 0, cdf: 1 };

  // n·x = nxfl + alpha exactly (scipy modNX).
  const nxD = ddMulNum(new DD(x), n);
  const nxFloorD = ddFloor(nxD);
  let alpha = ddSub(nxD, nxFloorD).hi;
  let nxfl = Math.trunc(ddToNumber(nxFloorD));
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  // If alpha is 0 the last term is excluded from both the lower and the upper sums.
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  // x ≤ 1/n: closed form CDF = x(1+x)^(n−1).
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    const t = ddToNumber(ddPowInt(ddAddNum(ONE, x), n - 1));
    const cdf = x * t;
    return { sf: 1 - cdf, cdf };
  }
  // The SF underflows.
  if (-2 * n * x * x < MINLOG) return { sf: 0, cdf: 1 };
  // x ≥ 1 − 1/n: SF = (1−x)^n.
  if (nxfl >= n - 1) {
    const sf = ddToNumber(ddPowInt(ddAddNum(ONE, -x), n));
    return { sf, cdf: 1 - sf };
  }
  // Very large n: p ≈ exp(−(6nx+1)²/(18n)).
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    if (logp < -Math.LN2) {
      const sf = Math.exp(logp);
      return { sf, cdf: 1 - sf };
    }
    const cdf = -Math.expm1(logp);
    return { sf: 1 - cdf, cdf };
  }

  // The upper sum alternates in sign and loses ~1.6 bits per term: use it only when it is very short.
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) ||
    (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  const vmid = Math.trunc(n / 2);
  let cMan = ONE;
  let cExpt = 0;
  let aj: DD;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    aj = ddPowInt(ddAddNum(ONE, x), n - 1);
  } else {
    aj = ddDivNum(ddPowInt(ddAddNum(ONE, -x), n), x);
  }
  let ajSum = aj;

  // Binomial C(n, j+1) = C(n, j)·(n−j)/(j+1), kept as (mantissa, exponent).
  const updateBinomial = (j: number): void => {
    const [man, e] = ddFrexp(ddMul(cMan, ddDivNum(new DD(n - j), j + 1)));
    cMan = man;
    cExpt += e;
  };
  updateBinomial(0);

  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    // A_v = C(n, v) (1 − x − v/n)^(n−v) (x + v/n)^(v−1)
    const t2x = ddAddNum(ddDivNum(new DD(n - v), n), -x);
    const [t2, t2E] = ddPowScaled(t2x, n - v);
    const t1x = ddAddNum(ddDivNum(new DD(v), n), x);
    const [t1, t1E] = ddPowScaled(t1x, v - 1);
    const man = ddMul(ddMul(t1, t2), cMan);
    aj = ddLdexp(man, cExpt + t1E + t2E);
    const ajValue = ddToNumber(aj);
    if (Number.isFinite(ajValue) && ajValue !== 0) ajSum = ddAdd(ajSum, aj);
    // Safe to stop early?
    if (ajValue !== 0) {
      if (4 * (nTerms - j) * Math.abs(ajValue) < EPSILON * ddToNumber(ajSum) && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    updateBinomial(j);
  }
  const prob = ddToNumber(ddMulNum(ajSum, x));
  if (step < 0) return { sf: clamp01(1 - prob), cdf: clamp01(prob) };
  return { sf: clamp01(prob), cdf: clamp01(1 - prob) };
}

/**
 * P(D_n⁺ > d), the survival function of the exact one-sided one-sample KS statistic (scipy.special.smirnov).
 * n must be a positive integer (otherwise NaN); d outside [0, 1] gives NaN.
 */
export function smirnovSf(n: number, d: number): number {
  if (!Number.isInteger(n) || Number.isNaN(d)) return Number.NaN;
  return smirnovBoth(n, d).sf;
}

/** P(D_n⁺ ≤ d) (scipy.special.smirnovc). */
export function smirnovCdf(n: number, d: number): number {
  if (!Number.isInteger(n) || Number.isNaN(d)) return Number.NaN;
  return smirnovBoth(n, d).cdf;
}
