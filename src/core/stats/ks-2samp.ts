/**
 * Two-sample Kolmogorov–Smirnov test.
 *
 * Ported from scipy 1.10.1 scipy/stats/_stats_py.py `ks_2samp`, `_attempt_exact_2kssamp`,
 * `_compute_prob_outside_square`, `_count_paths_outside_method` and scipy/stats/_stats_pythran.py
 * `_compute_outer_prob_inside_method` (BSD-3), which is the behaviour Evidently relies on
 * (`ks_2samp(reference, current)[1]`, method 'auto'). scipy 1.17.1 computes the same numbers; it only adds the
 * axis/NaN-policy wrapper (NaN inputs propagate to a NaN result there; here inputs must be finite).
 *
 * Method selection, as in scipy:
 * - 'auto' → 'exact' when max(n1, n2) ≤ 10000, else 'asymp'.
 * - explicit 'exact' switches to 'asymp' when (n1/g)·(n2/g) ≥ 2³¹−1 (g = gcd), as scipy does (with a warning).
 * - 'exact' falls back to 'asymp' when the exact computation overflows or yields a value outside [0, 1].
 * - 'asymp', two-sided: kstwo.sf(D, round(n1·n2/(n1+n2))) (exact one-sample distribution at the effective n);
 *   one-sided: Hodges' (1958) eqn 5.3, exp(−2z² − 2z(m+2n)/√(mn(m+n))/3), z = D·√(mn/(m+n)), m ≥ n.
 * In exact mode the statistic is snapped to h/lcm(n1, n2), as scipy does.
 *
 * Performance: the statistic is found in O(n1 + n2) by merging the two sorted samples; the exact two-sided
 * p-value is O(n) for n1 = n2 and O(max(n)·window) otherwise.
 * @module
 */

import { UsageError } from '../errors.ts';
import { beta, lbeta } from './special/gamma.ts';
import { kstwoSf } from './special/kstwo.ts';

/** Alternative hypothesis, with scipy's meaning: 'less' means F(x) < G(x) for some x (F from `x`, G from `y`). */
export type KsAlternative = 'two-sided' | 'less' | 'greater';
/** How the p-value is computed; see the module comment. */
export type KsMethod = 'auto' | 'exact' | 'asymp';

export interface Ks2SampOptions {
  /** Alternative hypothesis. Default 'two-sided'. */
  readonly alternative?: KsAlternative;
  /** P-value method. Default 'auto' (exact when both samples have ≤ 10000 values). */
  readonly method?: KsMethod;
}

export interface Ks2SampResult {
  /** The KS statistic D (or D⁺ / D⁻ for one-sided tests), in [0, 1]. */
  readonly statistic: number;
  /** The p-value, in [0, 1]. */
  readonly pValue: number;
  /** The method actually used (after 'auto' resolution and any exact → asymp fallback). */
  readonly method: 'exact' | 'asymp';
  /** +1 if the statistic is max(F1 − F2), −1 if it is max(F2 − F1) (scipy `statistic_sign`). */
  readonly statisticSign: number;
  /** The observation at which the statistic is attained (scipy `statistic_location`). */
  readonly statisticLocation: number;
}

const MAX_AUTO_N = 10000;
const INT32_MAX = 2147483647;

/** numpy.round: round half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round rounds halves up; fix the exact-half case to the even neighbour.
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Throws unless `v` is finite and ascending (the documented input contract). */
function checkSorted(v: Float64Array, name: string): void {
  if (v.length === 0) {
    throw new UsageError(
      'DW_STATS_EMPTY_SAMPLE',
      `ks2samp: sample '${name}' is empty; both samples need values.`,
    );
  }
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    const value = v[i]!;
    if (!Number.isFinite(value)) {
      throw new UsageError(
        'DW_STATS_NOT_FINITE',
        `ks2samp: sample '${name}' has a non-finite value at index ${i}; pass sortedFinite(values).`,
      );
    }
    if (value < prev) {
      throw new UsageError(
        'DW_STATS_UNSORTED',
        `ks2samp: sample '${name}' is not sorted ascending at index ${i}; pass sortedFinite(values).`,
      );
    }
    prev = value;
  }
}

interface Extremes {
  /** max over observations of F1 − F2, and where (first in scipy's concatenated order). */
  readonly maxS: number;
  readonly maxLocation: number;
  /** min over observations of F1 − F2, and where. */
  readonly minS: number;
  readonly minLocation: number;
}

/**
 * Evaluates F1(v) − F2(v) = i/n1 − j/n2 at every distinct observed value v (right-continuous ECDFs, scipy's
 * searchsorted(side='right')), in one merge pass. Ties between the extreme values are resolved like numpy's
 * argmax/argmin over scipy's concatenation [x, y]: the value whose first occurrence comes earliest wins.
 */
function ecdfExtremes(x: Float64Array, y: Float64Array): Extremes {
  const n1 = x.length;
  const n2 = y.length;
  let i = 0;
  let j = 0;
  let maxS = Number.NEGATIVE_INFINITY;
  let maxIndex = Number.POSITIVE_INFINITY;
  let maxLocation = Number.NaN;
  let minS = Number.POSITIVE_INFINITY;
  let minIndex = Number.POSITIVE_INFINITY;
  let minLocation = Number.NaN;
  while (i < n1 || j < n2) {
    const xv = i < n1 ? x[i]! : Number.POSITIVE_INFINITY;
    const yv = j < n2 ? y[j]! : Number.POSITIVE_INFINITY;
    const v = Math.min(xv, yv);
    // Index of v's first occurrence in the concatenation [x, y].
    const firstIndex = xv === v ? i : n1 + j;
    while (i < n1 && x[i]! <= v) i++;
    while (j < n2 && y[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS || (diff === maxS && firstIndex < maxIndex)) {
      maxS = diff;
      maxIndex = firstIndex;
      maxLocation = v;
    }
    if (diff < minS || (diff === minS && firstIndex < minIndex)) {
      minS = diff;
      minIndex = firstIndex;
      minLocation = v;
    }
  }
  return { maxS, maxLocation, minS, minLocation };
}

/**
 * Pr(D_{n,n} ≥ h/n) for equal sample sizes (scipy `_compute_prob_outside_square`):
 * 2·Σ_k (−1)^(k+1) C(2n, n − kh)/C(2n, n), evaluated Horner-style as 2·A0(1 − A1(1 − A2(…))) to avoid
 * subtractive cancellation. Same floating-point operation order as scipy.
 */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
    k -= 1;
  }
  return 2 * p;
}

/**
 * Proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n)
 * (scipy `_compute_outer_prob_inside_method`): Hodges' inside method, rewritten by Viehmann (2021,
 * arXiv:2102.08037) to compute 1 − p directly so that small p-values keep their relative accuracy.
 * Keeps one sliding column of the path-count matrix, normalised so entries stay in [0, 1].
 */
function outerProbInsideMethod(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.max(Math.floor((ng * i - h) / mg) + 1, 0);
    minj = Math.min(minj, n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + shift]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}

/**
 * scipy.special.binom(n, k) for non-negative integers n ≥ k (xsf binom.h / scipy 1.10 orthogonal_eval.pxd):
 * multiplicative formula for k < 20 (after symmetry), else 1/((n+1)·B(n−k+1, k+1)). Used only by the
 * one-sided exact path, where scipy's own rounding decides overflow fallbacks, so it is reproduced as is.
 * (Cephes beta uses rgamma(a+b) where this port uses 1/Γ(a+b); they differ by at most an ulp.)
 */
function binom(n: number, k: number): number {
  let kx = k;
  if (kx > n / 2 && n > 0) kx = n - kx;
  if (kx >= 0 && kx < 20) {
    let num = 1;
    let den = 1;
    for (let i = 1; i < 1 + kx; i++) {
      num *= i + n - kx;
      den *= i;
      if (Math.abs(num) > 1e50) {
        num /= den;
        den = 1;
      }
    }
    return num / den;
  }
  if (n >= 1e10 * k && k > 0) return Math.exp(-lbeta(1 + n - k, 1 + k) - Math.log(n + 1));
  return 1 / (n + 1) / beta(1 + n - k, 1 + k);
}

/**
 * Number of lattice paths from (0,0) to (m,n) that reach the line m·y ≤ n·x − h·g (scipy
 * `_count_paths_outside_method`, after Hodges 1958). Returns NaN where scipy's numpy arithmetic would raise
 * FloatingPointError (overflow), which makes the caller fall back to the asymptotic method.
 */
function countPathsOutside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  const lxj = n + Math.floor((mg - h) / mg);
  if (lxj === 0) return binom(m + n, n);
  const xj = new Float64Array(lxj);
  for (let j = 0; j < lxj; j++) xj[j] = Math.floor((h + mg * j + ng - 1) / ng);
  const b = new Float64Array(lxj);
  b[0] = 1;
  for (let j = 1; j < lxj; j++) {
    let bj = binom(xj[j]! + j, j);
    if (!Number.isFinite(bj)) return Number.NaN;
    for (let i = 0; i < j; i++) {
      const bin = binom(xj[j]! - xj[i]! + j - i, j - i);
      const prod = bin * b[i]!;
      bj -= prod;
      if (!Number.isFinite(bin) || !Number.isFinite(prod) || !Number.isFinite(bj)) return Number.NaN;
    }
    b[j] = bj;
  }
  let numPaths = 0;
  for (let j = 0; j < lxj; j++) {
    const bin = binom(m - xj[j]! + (n - j), n - j);
    const term = b[j]! * bin;
    numPaths += term;
    if (!Number.isFinite(bin) || !Number.isFinite(term) || !Number.isFinite(numPaths)) return Number.NaN;
  }
  return numPaths;
}

interface ExactAttempt {
  readonly success: boolean;
  readonly statistic: number;
  readonly pValue: number;
}

/** scipy `_attempt_exact_2kssamp`: exact p-value, or failure (→ asymptotic fallback). */
function attemptExact(
  n1: number,
  n2: number,
  g: number,
  d0: number,
  alternative: KsAlternative,
): ExactAttempt {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d0 * lcm);
  const d = h / lcm;
  if (h === 0) return { success: true, statistic: d, pValue: 1 };
  let prob: number;
  if (alternative === 'two-sided') {
    prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInsideMethod(n1, n2, g, h);
  } else if (n1 === n2) {
    // binom(2n, n−h)/binom(2n, n) as a direct product (scipy: np.prod((n1 − j)/(n1 + j + 1))).
    prob = 1;
    for (let j = 0; j < h; j++) prob *= (n1 - j) / (n1 + j + 1);
  } else {
    const numPaths = countPathsOutside(n1, n2, g, h);
    const bin = binom(n1 + n2, n1);
    if (Number.isNaN(numPaths) || numPaths > bin || !Number.isFinite(bin)) {
      return { success: false, statistic: d, pValue: Number.NaN };
    }
    prob = numPaths / bin;
  }
  if (!(prob >= 0 && prob <= 1)) return { success: false, statistic: d, pValue: prob };
  return { success: true, statistic: d, pValue: prob };
}

/**
 * Two-sample Kolmogorov–Smirnov test, matching scipy 1.10.1 `scipy.stats.ks_2samp(x, y, alternative, method)`.
 *
 * **Inputs must be sorted ascending and finite** (use `sortedFinite` from `./sorted.ts` once per column and
 * reuse the arrays); this is checked in O(n) and a `UsageError` is thrown otherwise, or if a sample is empty.
 *
 * @param x first sample (scipy `data1`; Evidently passes the reference data here)
 * @param y second sample (scipy `data2`; Evidently's current data)
 */
export function ks2samp(x: Float64Array, y: Float64Array, options: Ks2SampOptions = {}): Ks2SampResult {
  const alternative = options.alternative ?? 'two-sided';
  let method: KsMethod = options.method ?? 'auto';
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `ks2samp: unknown alternative '${String(alternative)}'; use 'two-sided', 'less' or 'greater'.`,
    );
  }
  if (method !== 'auto' && method !== 'exact' && method !== 'asymp') {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `ks2samp: unknown method '${String(method)}'; use 'auto', 'exact' or 'asymp'.`,
    );
  }
  checkSorted(x, 'x');
  checkSorted(y, 'y');
  const n1 = x.length;
  const n2 = y.length;

  const ext = ecdfExtremes(x, y);
  const minS = Math.min(Math.max(-ext.minS, 0), 1);
  const maxS = ext.maxS;
  let d: number;
  let sign: number;
  let location: number;
  if (alternative === 'less' || (alternative === 'two-sided' && minS > maxS)) {
    d = minS;
    sign = -1;
    location = ext.minLocation;
  } else {
    d = maxS;
    sign = 1;
    location = ext.maxLocation;
  }

  const g = gcd(n1, n2);
  const n1g = n1 / g;
  const n2g = n2 / g;
  if (method === 'auto') {
    method = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  } else if (method === 'exact' && n1g >= INT32_MAX / n2g) {
    method = 'asymp'; // lcm too large for the exact lattice computation (scipy warns and switches)
  }
  let prob = Number.NEGATIVE_INFINITY;
  if (method === 'exact') {
    const attempt = attemptExact(n1, n2, g, d, alternative);
    d = attempt.statistic;
    if (attempt.success) prob = attempt.pValue;
    else method = 'asymp'; // scipy: "Exact calculation unsuccessful. Switching to method=asymp."
  }
  if (method === 'asymp') {
    // m ≥ n: the one-sided formula is not symmetric in the sample sizes.
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    if (alternative === 'two-sided') {
      prob = kstwoSf(d, roundHalfEven(en));
    } else {
      const z = Math.sqrt(en) * d;
      const expt = -2 * z ** 2 - (2 * z * (m + 2 * n)) / Math.sqrt(m * n * (m + n)) / 3;
      prob = Math.exp(expt);
    }
  }
  const pValue = Math.min(Math.max(prob, 0), 1);
  return Object.freeze({
    statistic: d,
    pValue,
    method: method === 'exact' ? 'exact' : 'asymp',
    statisticSign: sign,
    statisticLocation: location,
  });
}
