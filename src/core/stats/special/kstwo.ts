/**
 * Exact distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n (scipy.stats.kstwo).
 *
 * Ported from scipy 1.10.1 scipy/stats/_ksstats.py `_kolmogn` (unchanged through scipy 1.17.1; BSD-3, Paul van
 * Mulbregt), which follows Simard & L'Ecuyer (2011, J. Stat. Softw. 39(11)) in choosing among:
 * - Ruben–Gambino closed forms for n·d ≤ 1 and n·d ≥ n − 1,
 * - 2·smirnov(n, d) for d ≥ 0.5 (exact: D⁺ and D⁻ cannot both exceed d), and as an approximation for large
 *   n·d² (Miller),
 * - the Durbin matrix algorithm in the Marsaglia–Tsang–Wang form (`durbinMatrixCdf`) for small n·d²,
 * - the Pomeranz recursion (`pomeranzCdf`) for n ≤ 140 and moderate n·d²,
 * - the Pelz–Good asymptotic series (`pelzGoodCdf`) for large n.
 * @module
 */

import { smirnovSf } from './smirnov.ts';

const E128 = 128;
const EP128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT2PI = Math.sqrt(2 * Math.PI);
const MIN_LOG = -708;
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const SQRT3 = Math.sqrt(3);

// B_{2j}/(2j)/(2j−1), j = 8..1: Stirling series coefficients (scipy _ksstats._STIRLING_COEFFS).
const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417,
  -0.0005952380952380953, 0.0007936507936507937, -0.002777777777777778, 0.08333333333333333,
];

/** ln(n!/nⁿ) by Stirling's series with n·ln n removed up front (scipy `_log_nfactorial_div_n_pow_n`). */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const w = rn / n;
  let poly = STIRLING[0]!;
  for (let i = 1; i < STIRLING.length; i++) poly = poly * w + STIRLING[i]!;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** Square-matrix product of m×m row-major matrices. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const ri = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[ri + k]!;
      if (aik === 0) continue;
      const rk = k * m;
      for (let j = 0; j < m; j++) c[ri + j] = c[ri + j]! + aik * b[rk + j]!;
    }
  }
  return c;
}

/**
 * P(D_n ≤ d) by Durbin's matrix algorithm as computed by Marsaglia, Tsang & Wang (2003): with
 * d = (k − h)/n, the answer is (n!/nⁿ)·(Hⁿ)[k−1][k−1] for an m×m matrix H, m = 2k − 1, raised to the n-th power
 * by repeated squaring with power-of-two rescaling (scipy `_kolmogn_DMTW`). O(m³ log n); used for small m.
 */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 − h^(j+1))/(j+1)!, w[j] = 1/j!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;

  let hm: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) hm[r * m + i] = w[r - i + 1]!;
  }
  for (let r = 0; r < m; r++) hm[r * m] = v[r]!;
  for (let c = 0; c < m; c++) hm[(m - 1) * m + c] = v[m - 1 - c]!;

  let hpwr: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  const diag = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2 === 1) {
      hpwr = matmul(hpwr, hm, m);
      expnt += hExpnt;
    }
    hm = matmul(hm, hm, m);
    hExpnt *= 2;
    if (Math.abs(hm[diag]!) > EP128) {
      for (let i = 0; i < hm.length; i++) hm[i] = hm[i]! / EP128;
      hExpnt += E128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = hpwr[diag]!;
  // Multiply by n!/nⁿ.
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p *= 2 ** expnt;
  return p;
}

/** Row bounds [j1, j2] of the Pomeranz recursion (scipy `_pomeranz_compute_j1j2`). */
function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * P(D_n ≤ d) by the Pomeranz (1974) recursion (ACM Algorithm 487), as in scipy `_kolmogn_Pomeranz`: each row is
 * the previous row convolved with (unnormalised) Poisson probabilities; only two rows are kept.
 */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m;
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m;
  }

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let [j1, j2] = pomeranzBounds(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 === 1 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // conv = convolve(V0[k1−V0s : k1−V0s+ln2], pwrs[:ln2]); keep conv[j1−k1 : j1−k1+convLen].
      const base = k1 - v0s;
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let maxV = 0;
      for (let q = 0; q < convLen; q++) {
        const idx = convStart + q; // index into the full convolution
        let s = 0;
        const lo = Math.max(0, idx - (ln2 - 1));
        const hi = Math.min(idx, ln2 - 1);
        for (let a = lo; a <= hi; a++) s += v0[base + a]! * pwrs[idx - a]!;
        v1[q] = s;
        if (s > maxV) maxV = s;
      }
      if (maxV > 0 && maxV < EM128) {
        for (let q = 0; q < convLen; q++) v1[q] = v1[q]! * EP128;
        expnt -= E128;
      }
      v1s = v0s + j1 - k1;
    }
  }
  let ans = v1[n - v1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans *= 2 ** expnt;
  return ans;
}

/**
 * Pelz–Good (1976) approximation to P(D_n ≤ x): the Li-Chien/Korolyuk expansion
 * K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^1.5 (z = x√n), each term rewritten with Jacobi theta identities to suit
 * small z (scipy `_kolmogn_PelzGood`).
 */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z2 * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI_SQUARED / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);

  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner scheme over odd integers m = 2k − 1 for Σ c_m q^(m²).
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = q ** (8 * k);
    c0 = c0 * qpower + 1;
    c1 = c1 * qpower + (k1a + k1b * m2);
    c2 = c2 * qpower + (k2a + k2b * m2 + k2c * m4);
    c3 = c3 * qpower + (k3a + k3b * m2 + k3c * m4 + k3d * m6);
  }
  const scale = q * SQRT2PI;
  c0 = (c0 * scale) / z;
  c1 = (c1 * scale) / (6 * z4);
  c2 = (c2 * scale) / (72 * z ** 7);
  c3 = (c3 * scale) / (6480 * z ** 10);

  // The other sums run over all integers k: K2 gets (π²k²)q^(k²), K3 gets (3π²k²z² − π⁴k⁴)q^(k²).
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qp = q ** k2;
    const kspi = Math.PI * k;
    k2extra += k2 * qp;
    k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
  }
  c2 += (k2extra * PI_SQUARED * SQRT2PI) / (-36 * z3);
  c3 += (k3extra * PI_SQUARED * SQRT2PI) / (216 * z6);
  return c0 + c1 / Math.sqrt(n) + c2 / n + c3 / n ** 1.5;
}

function clamp01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/** CDF (cdf = true) or SF of D_n at x (scipy `_kolmogn`), n a positive integer. */
function kolmogn(n: number, x: number, cdf: boolean): number {
  const pick = (cdfProb: number, sfProb: number): number => clamp01(cdf ? cdfProb : sfProb);
  if (x >= 1) return pick(1, 0);
  if (x <= 0) return pick(0, 1);
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: 1/(2n) ≤ x ≤ 1/n, CDF = n!/nⁿ (2t − 1)ⁿ.
    if (t <= 0.5) return pick(0, 1);
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return pick(prob, 1 - prob);
  }
  if (t >= n - 1) {
    // Ruben–Gambino: SF = 2(1 − x)ⁿ.
    const prob = 2 * (1 - x) ** n;
    return pick(1 - prob, prob);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) {
      const prob = durbinMatrixCdf(n, x);
      return pick(prob, 1 - prob);
    }
    if (nxSquared <= 4) {
      const prob = pomeranzCdf(n, x);
      return pick(prob, 1 - prob);
    }
    const prob = 2 * smirnovSf(n, x);
    return pick(1 - prob, prob);
  }
  // The SF and CDF use different cut-offs in n·x².
  if (!cdf) {
    if (nxSquared >= 370) return 0;
    if (nxSquared >= 2.2) return clamp01(2 * smirnovSf(n, x));
    // Otherwise compute SF as 1 − CDF (the SF is not small here).
  }
  let cdfProb: number;
  if (nxSquared >= 18) cdfProb = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdfProb = durbinMatrixCdf(n, x);
  else cdfProb = pelzGoodCdf(n, x);
  return pick(cdfProb, 1 - cdfProb);
}

/**
 * Survival function P(D_n ≥ d) of the exact two-sided one-sample KS statistic (scipy.stats.kstwo.sf(d, n)).
 * n must be a positive integer; otherwise, or for NaN d, the result is NaN. d ≤ 1/(2n) → 1, d ≥ 1 → 0.
 */
export function kstwoSf(d: number, n: number): number {
  if (Number.isNaN(d) || !Number.isInteger(n) || n <= 0) return Number.NaN;
  return kolmogn(n, d, false);
}

/** CDF P(D_n ≤ d) of the exact two-sided one-sample KS statistic (scipy.stats.kstwo.cdf(d, n)). */
export function kstwoCdf(d: number, n: number): number {
  if (Number.isNaN(d) || !Number.isInteger(n) || n <= 0) return Number.NaN;
  return kolmogn(n, d, true);
}
