/**
 * Exact distribution of the one-sided one-sample Kolmogorov–Smirnov statistic D_n⁺ (scipy.special.smirnov,
 * smirnovc): the Smirnov (1944) / Birnbaum–Tingey (1951) formula
 *
 *   P(D_n⁺ > d) = d · Σ_{v=0}^{⌊n(1−d)⌋} C(n, v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v).
 *
 * Ported from scipy's xsf/cephes/kolmogorov.h `_smirnov` (Paul van Mulbregt, 2018, BSD-3 via scipy; see
 * arXiv:1802.06966): n·d is split exactly into floor and remainder in double-double, the special cases
 * (d ≤ 1/n, d ≥ 1 − 1/n, underflow, n > 10⁶) are the same, the upper (alternating) sum is used when it has at
 * most 3 terms, and the loop stops once the remaining terms cannot change the sum. scipy evaluates every term in
 * double-double (binomial coefficient as mantissa + exponent, powers by scaled double-double exponentiation);
 * that is kept for the short upper sum and as a cross-check (`setSmirnovLowerSumMethod`), but the main, all-
 * positive lower sum — up to n terms, i.e. 10⁶ for the KS asymptotic p-value of two 2·10⁶-row samples — uses
 * Loader's binomial-probability method instead (`loaderSum`): 30–40× faster, and within 1e-13 of the
 * double-double result on a grid of n ≤ 10⁵ (test/core/stats/special/kolmogorov.test.ts).
 * @module
 */

import { binomialPmfInterior } from './binomial-pmf.ts';
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

  const nTerms = useUpperSum ? n - n1mxceil + 1 : n1mxfl + 1;
  if (useUpperSum) {
    const prob = doubleDoubleSum(n, x, n, -1, nTerms);
    return { sf: clamp01(1 - prob), cdf: clamp01(prob) };
  }
  const prob =
    lowerSumMethod === 'double-double'
      ? doubleDoubleSum(n, x, 0, 1, nTerms)
      : loaderSum(n, x, nxfl, alpha, nTerms);
  return { sf: clamp01(prob), cdf: clamp01(1 - prob) };
}

/**
 * x·Σ_j A_{start+j·step} for j < nTerms, every term computed in double-double as in scipy's `_smirnov`
 * (binomial coefficient as double-double mantissa + exponent, powers by `ddPowScaled`).
 */
function doubleDoubleSum(n: number, x: number, start: number, step: number, nTerms: number): number {
  const vmid = Math.trunc(n / 2);
  let cMan = ONE;
  let cExpt = 0;
  let aj = step < 0 ? ddPowInt(ddAddNum(ONE, x), n - 1) : ddDivNum(ddPowInt(ddAddNum(ONE, -x), n), x);
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
  return ddToNumber(ddMulNum(ajSum, x));
}

/**
 * The same lower sum (all terms positive) with each term written as a binomial probability,
 * A_v = C(n,v) p^v (1−p)^(n−v) / p with p = x + v/n, and evaluated by Loader's method (binomial-pmf.ts):
 * ~10 elementary operations per term instead of scipy's double-double powers, 10–40× faster, with relative
 * error ~2^-53·n·x per term (≤ 3e-12 wherever the result is ≥ 1e-300; typically ≤ 1e-14). n·p = (⌊nx⌋ + v) + α
 * and n·(1−p) = (n − v − ⌊nx⌋) − α are formed from the exact split n·x = ⌊nx⌋ + α. Compensated (Neumaier)
 * summation; same early-termination rule as scipy.
 */
function loaderSum(n: number, x: number, nxfl: number, alpha: number, nTerms: number): number {
  const vmid = Math.trunc(n / 2);
  // A_0 = (1 − x)^n / x, in double-double as scipy does.
  let sum = ddToNumber(ddDivNum(ddPowInt(ddAddNum(ONE, -x), n), x));
  let comp = 0;
  for (let j = 1; j < nTerms; j++) {
    const np = nxfl + j + alpha;
    const nq = n - j - nxfl - alpha;
    const aj = (binomialPmfInterior(j, n, np, nq) * n) / np;
    if (aj !== 0 && Number.isFinite(aj)) {
      const t = sum + aj;
      comp += Math.abs(sum) >= Math.abs(aj) ? sum - t + aj : aj - t + sum;
      sum = t;
    }
    if (aj !== 0) {
      if (4 * (nTerms - j) * aj < EPSILON * (sum + comp) && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
  }
  return (sum + comp) * x;
}

/** Lower-sum algorithm: 'loader' (default, fast) or 'double-double' (scipy's, for cross-checks in tests). */
export type SmirnovLowerSumMethod = 'loader' | 'double-double';
let lowerSumMethod: SmirnovLowerSumMethod = 'loader';

/** Selects the lower-sum algorithm (test hook; returns the previous setting). */
export function setSmirnovLowerSumMethod(method: SmirnovLowerSumMethod): SmirnovLowerSumMethod {
  const previous = lowerSumMethod;
  lowerSumMethod = method;
  return previous;
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
