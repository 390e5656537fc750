/**
 * Two-sample Anderson-Darling test (Scholz & Stephens 1987, midrank version A²akN), Evidently's
 * `anderson` drift method (`scipy.stats.anderson_ksamp([ref, cur])[2]`, i.e. `significance_level`).
 *
 * Ported from scipy 1.10.1 scipy/stats/_morestats.py `anderson_ksamp` and `_anderson_ksamp_midrank`
 * (BSD-3): the standardised statistic (A²kN − (k−1)) / σN, and a p-value interpolated from Table 2 of
 * Scholz & Stephens by a quadratic least-squares fit of log(significance) on the critical values
 * (`np.polyfit(critical, log(sig), 2)`), capped to [0.001, 0.25] outside the table (scipy warns then).
 * scipy 1.17.1 computes the same numbers for this call (it only adds a deprecation warning about `midrank`).
 *
 * Works on two **sorted** samples in O(n + m): the pooled mid-ranks come from a merge walk instead of the
 * `searchsorted` calls of scipy.
 * @module
 */

import { forEachTieGroup } from './rank.ts';

/** Why the Anderson-Darling statistic is undefined. */
export type AndersonUndefinedReason =
  /** The pooled sample holds a single distinct value (scipy raises). */
  | 'single-value'
  /** Fewer than 4 pooled observations: σN² divides by (N − 1)(N − 2)(N − 3). */
  | 'too-few-observations';

/** Result of {@link andersonKSamp}. */
export interface AndersonKSampResult {
  /** Standardised statistic (A²kN − 1) / σN (scipy's `statistic`). */
  readonly statistic: number;
  /** Interpolated p-value (scipy's `significance_level` / `pvalue`), within [0.001, 0.25]; NaN when undefined. */
  readonly pValue: number;
  /** Critical values for significance levels 25%, 10%, 5%, 2.5%, 1%, 0.5%, 0.1%. */
  readonly criticalValues: readonly number[];
  /** True when the p-value was capped at 0.25 or floored at 0.001 (scipy emits a warning then). */
  readonly pValueClipped: boolean;
  /** Set only when the test is undefined for the data. */
  readonly undefinedReason?: AndersonUndefinedReason;
}

// Scholz & Stephens (1987) Table 2 interpolation coefficients, as in scipy.
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

/** Neumaier-compensated accumulator (numpy's pairwise sums are within a few ulp of the exact sum, so is this). */
class Sum {
  private s = 0;
  private c = 0;
  add(v: number): void {
    const t = this.s + v;
    this.c += Math.abs(this.s) >= Math.abs(v) ? this.s - t + v : v - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/**
 * Two-sample Anderson-Darling test, as `scipy.stats.anderson_ksamp([a, b])` (midrank=True).
 * @param sortedA - first sample (Evidently: reference), sorted ascending, no NaN (precondition, not checked).
 * @param sortedB - second sample (Evidently: current), sorted ascending, no NaN.
 */
export function andersonKSamp(sortedA: Float64Array, sortedB: Float64Array): AndersonKSampResult {
  const k = 2;
  const m = k - 1;
  const criticalValues = Object.freeze(B0.map((b0, i) => b0 + B1[i]! / Math.sqrt(m) + B2[i]! / m));
  const nA = sortedA.length;
  const nB = sortedB.length;
  const N = nA + nB;
  const undefinedResult = (reason: AndersonUndefinedReason): AndersonKSampResult =>
    Object.freeze({
      statistic: Number.NaN,
      pValue: Number.NaN,
      criticalValues,
      pValueClipped: false,
      undefinedReason: reason,
    });
  if (nA === 0 || nB === 0 || N < 4) return undefinedResult('too-few-observations');

  // A²akN, eq. 7 of Scholz & Stephens, midrank version.
  const sumA = new Sum();
  const sumB = new Sum();
  let distinct = 0;
  let cumA = 0;
  let cumB = 0;
  forEachTieGroup(sortedA, sortedB, (_v, ca, cb, below) => {
    distinct++;
    const lj = ca + cb;
    const bj = below + lj / 2;
    const den = bj * (N - bj) - (N * lj) / 4;
    const mA = cumA + ca - ca / 2;
    const mB = cumB + cb - cb / 2;
    const dA = N * mA - bj * nA;
    const dB = N * mB - bj * nB;
    sumA.add(((lj / N) * (dA * dA)) / den);
    sumB.add(((lj / N) * (dB * dB)) / den);
    cumA += ca;
    cumB += cb;
  });
  if (distinct < 2) return undefinedResult('single-value');
  let a2kN = 0;
  a2kN += sumA.value / nA;
  a2kN += sumB.value / nB;
  a2kN *= (N - 1) / N;

  // Variance of A²kN (Scholz & Stephens eq. 4), with scipy's evaluation order.
  const H = 1 / nA + 1 / nB;
  let cs = 0; // running value of hs_cs = cumsum(1 / [N−1, N−2, …, 2]) (numpy cumsum is sequential)
  const gSum = new Sum();
  for (let t = 0; t < N - 2; t++) {
    cs += 1 / (N - 1 - t);
    gSum.add(cs / (t + 2));
  }
  const h = cs + 1;
  const g = gSum.value;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k ** 2 + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k ** 2 + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k ** 2 - 4 * h * k;
  const sigmasq = (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
  const statistic = (a2kN - m) / Math.sqrt(sigmasq);

  let pValue: number;
  let pValueClipped = false;
  const cMin = Math.min(...criticalValues);
  const cMax = Math.max(...criticalValues);
  if (statistic < cMin) {
    pValue = Math.max(...SIG);
    pValueClipped = true;
  } else if (statistic > cMax) {
    pValue = Math.min(...SIG);
    pValueClipped = true;
  } else {
    const coef = quadraticFitOfLogSig(criticalValues);
    pValue = Math.exp((coef[0] * statistic + coef[1]) * statistic + coef[2]);
  }
  return Object.freeze({ statistic, pValue, criticalValues, pValueClipped });
}

const fitCache = new Map<number, readonly [number, number, number]>();

/**
 * Least-squares quadratic fit of log(SIG) on the critical values, as `np.polyfit(critical, log(sig), 2)`:
 * the Vandermonde columns [x², x, 1] are scaled to unit norm (as numpy does), then solved with a
 * Householder QR (numpy uses an SVD; both give the least-squares solution to ~cond·ε ≈ 1e-14).
 * Returns [c2, c1, c0] for c2·x² + c1·x + c0. Cached per critical-value set (fixed for k = 2).
 */
function quadraticFitOfLogSig(x: readonly number[]): readonly [number, number, number] {
  const key = x[0]!;
  const cached = fitCache.get(key);
  if (cached) return cached;
  const rows = x.length;
  const cols = 3;
  const A: number[][] = x.map((xi) => [xi * xi, xi, 1]);
  const y = SIG.map((s) => Math.log(s));
  const scale = [0, 0, 0];
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += A[i]![j]! * A[i]![j]!;
    scale[j] = Math.sqrt(s);
    for (let i = 0; i < rows; i++) A[i]![j] = A[i]![j]! / scale[j]!;
  }
  // Householder QR applied to [A | y].
  for (let j = 0; j < cols; j++) {
    let norm = 0;
    for (let i = j; i < rows; i++) norm += A[i]![j]! * A[i]![j]!;
    norm = Math.sqrt(norm);
    const alpha = A[j]![j]! > 0 ? -norm : norm;
    const v = new Array<number>(rows).fill(0);
    for (let i = j; i < rows; i++) v[i] = A[i]![j]!;
    v[j] = v[j]! - alpha;
    let vnorm2 = 0;
    for (let i = j; i < rows; i++) vnorm2 += v[i]! * v[i]!;
    if (vnorm2 === 0) continue;
    for (let col = j; col < cols; col++) {
      let dot = 0;
      for (let i = j; i < rows; i++) dot += v[i]! * A[i]![col]!;
      const f = (2 * dot) / vnorm2;
      for (let i = j; i < rows; i++) A[i]![col] = A[i]![col]! - f * v[i]!;
    }
    let dot = 0;
    for (let i = j; i < rows; i++) dot += v[i]! * y[i]!;
    const f = (2 * dot) / vnorm2;
    for (let i = j; i < rows; i++) y[i] = y[i]! - f * v[i]!;
  }
  const coef = [0, 0, 0];
  for (let j = cols - 1; j >= 0; j--) {
    let s = y[j]!;
    for (let l = j + 1; l < cols; l++) s -= A[j]![l]! * coef[l]!;
    coef[j] = s / A[j]![j]!;
  }
  const result = Object.freeze([coef[0]! / scale[0]!, coef[1]! / scale[1]!, coef[2]! / scale[2]!] as const);
  fitCache.set(key, result);
  return result;
}
