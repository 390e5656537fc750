/**
 * Epps-Singleton two-sample test based on the empirical characteristic function, Evidently's `es` drift
 * method (`scipy.stats.epps_singleton_2samp(ref, cur)`, default t = (0.4, 0.8)).
 *
 * Ported from scipy 1.10.1 scipy/stats/_hypotests.py `epps_singleton_2samp` (BSD-3), after Epps & Singleton
 * (1986, J. Stat. Comput. Simul. 26): t is rescaled by the semi-interquartile range of the pooled sample;
 * g(x) = (cos t₁x, cos t₂x, sin t₁x, sin t₂x); W = n·Δḡᵀ Σ⁺ Δḡ with Σ = (n/nx)·cov(g(x)) + (n/ny)·cov(g(y))
 * (biased covariances) and Σ⁺ its Moore-Penrose pseudo-inverse; the small-sample correction of Epps &
 * Singleton when max(nx, ny) < 25; p = χ²_sf(W, rank Σ⁺).
 *
 * The pseudo-inverse is computed from a cyclic Jacobi eigen-decomposition of the symmetric 4×4 matrix
 * (for a symmetric matrix this equals numpy's SVD-based `pinv`, singular values = |eigenvalues|), with
 * numpy's cut-off rcond = 1e-15 and `matrix_rank`'s tolerance max(S)·4·ε.
 * @module
 */

import { UsageError } from '../errors.ts';
import { chi2Sf } from './special/index.ts';

/** Why the Epps-Singleton test is undefined. */
export type EppsSingletonUndefinedReason =
  /** A sample has fewer than 5 observations (scipy raises). */
  | 'too-few-observations'
  /** The pooled interquartile range is 0, so t cannot be rescaled (Evidently raises). */
  | 'zero-iqr';

/** Options of {@link eppsSingleton2Samp}. */
export interface EppsSingletonOptions {
  /** Points where the empirical characteristic function is evaluated, before rescaling (default [0.4, 0.8]). */
  readonly t?: readonly number[];
}

/** Result of {@link eppsSingleton2Samp}. */
export interface EppsSingletonResult {
  /** Statistic W (after the small-sample correction when it applies). */
  readonly statistic: number;
  /** p-value from the χ² distribution with `df` degrees of freedom; NaN when undefined. */
  readonly pValue: number;
  /** Degrees of freedom: the rank of the pseudo-inverted covariance (2·len(t) when of full rank). */
  readonly df: number;
  /** Set only when the test is undefined for the data. */
  readonly undefinedReason?: EppsSingletonUndefinedReason;
}

const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Linear-interpolation percentile of a sorted array, as numpy ≥ 1.22 `percentile(method='linear')`
 * (including numpy's `_lerp`, which interpolates from the upper point when the weight is ≥ ½).
 */
function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * (q / 100);
  const prev = Math.floor(virtual);
  const next = Math.min(prev + 1, n - 1);
  const gamma = virtual - prev;
  const a = sorted[prev]!;
  const b = sorted[next]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

function mergeSorted(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length + y.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < x.length && j < y.length) out[o++] = x[i]! <= y[j]! ? x[i++]! : y[j++]!;
  while (i < x.length) out[o++] = x[i++]!;
  while (j < y.length) out[o++] = y[j++]!;
  return out;
}

/** Mean vector and biased covariance (÷n) of the features g(x) = (cos t·x, sin t·x). */
function characteristicMoments(
  x: Float64Array,
  ts: readonly number[],
): { mean: Float64Array; cov: Float64Array } {
  const p = 2 * ts.length;
  const n = x.length;
  const g = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < ts.length; j++) {
      const arg = ts[j]! * x[i]!;
      g[i * p + j] = Math.cos(arg);
      g[i * p + ts.length + j] = Math.sin(arg);
    }
  }
  const mean = new Float64Array(p);
  for (let j = 0; j < p; j++) mean[j] = compensatedSum(n, (i) => g[i * p + j]!) / n;
  const cov = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let c = r; c < p; c++) {
      const mr = mean[r]!;
      const mc = mean[c]!;
      const v = compensatedSum(n, (i) => (g[i * p + r]! - mr) * (g[i * p + c]! - mc)) / n;
      cov[r * p + c] = v;
      cov[c * p + r] = v;
    }
  }
  return { mean, cov };
}

/** Neumaier-compensated Σ f(i), i < n (close to numpy's pairwise/BLAS sums, which are near-exact). */
function compensatedSum(n: number, f: (i: number) => number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = f(i);
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}

/**
 * Eigen-decomposition of a symmetric p×p matrix (row-major) by the cyclic Jacobi method
 * (Golub & Van Loan, Matrix Computations §8.5; rotation formulas as in Rutishauser 1966).
 * Returns eigenvalues and column eigenvectors V (row-major, V[r·p + k] = component r of vector k).
 */
export function symmetricEigen(
  matrix: Float64Array,
  p: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let r = 0; r < p; r++) {
      diag += a[r * p + r]! ** 2;
      for (let c = r + 1; c < p; c++) off += a[r * p + c]! ** 2;
    }
    if (off === 0 || off <= 1e-36 * diag) break;
    for (let r = 0; r < p - 1; r++) {
      for (let c = r + 1; c < p; c++) {
        const arc = a[r * p + c]!;
        if (arc === 0) continue;
        const arr = a[r * p + r]!;
        const acc = a[c * p + c]!;
        const theta = (acc - arr) / (2 * arc);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        // A ← Jᵀ A J for the rotation J in the (r, c) plane
        for (let k = 0; k < p; k++) {
          const akr = a[k * p + r]!;
          const akc = a[k * p + c]!;
          a[k * p + r] = cs * akr - sn * akc;
          a[k * p + c] = sn * akr + cs * akc;
        }
        for (let k = 0; k < p; k++) {
          const ark = a[r * p + k]!;
          const ack = a[c * p + k]!;
          a[r * p + k] = cs * ark - sn * ack;
          a[c * p + k] = sn * ark + cs * ack;
        }
        a[r * p + c] = 0;
        a[c * p + r] = 0;
        for (let k = 0; k < p; k++) {
          const vkr = v[k * p + r]!;
          const vkc = v[k * p + c]!;
          v[k * p + r] = cs * vkr - sn * vkc;
          v[k * p + c] = sn * vkr + cs * vkc;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = a[i * p + i]!;
  return { values, vectors: v };
}

/**
 * Epps-Singleton two-sample test, as `scipy.stats.epps_singleton_2samp(x, y)`.
 * @param sortedX - first sample (Evidently: reference), sorted ascending, no NaN (precondition, not checked;
 *   sorting gives the pooled quartiles by a merge).
 * @param sortedY - second sample (Evidently: current), sorted ascending, no NaN.
 */
export function eppsSingleton2Samp(
  sortedX: Float64Array,
  sortedY: Float64Array,
  options: EppsSingletonOptions = {},
): EppsSingletonResult {
  const t = options.t ?? [0.4, 0.8];
  if (t.length === 0 || t.some((v) => !(v > 0) || !Number.isFinite(v))) {
    throw new UsageError('DW_STATS_BAD_OPTION', 'eppsSingleton2Samp: t must hold finite positive numbers.');
  }
  const p = 2 * t.length;
  const nx = sortedX.length;
  const ny = sortedY.length;
  if (nx < 5 || ny < 5) {
    return Object.freeze({
      statistic: Number.NaN,
      pValue: Number.NaN,
      df: Number.NaN,
      undefinedReason: 'too-few-observations',
    });
  }
  const n = nx + ny;
  const pooled = mergeSorted(sortedX, sortedY);
  const iqr = percentileSorted(pooled, 75) - percentileSorted(pooled, 25);
  if (iqr === 0) {
    return Object.freeze({
      statistic: Number.NaN,
      pValue: Number.NaN,
      df: Number.NaN,
      undefinedReason: 'zero-iqr',
    });
  }
  const sigma = iqr / 2;
  const ts = t.map((v) => v / sigma);
  const mx = characteristicMoments(sortedX, ts);
  const my = characteristicMoments(sortedY, ts);
  const cov = new Float64Array(p * p);
  for (let i = 0; i < p * p; i++) cov[i] = (n / nx) * mx.cov[i]! + (n / ny) * my.cov[i]!;

  const { values, vectors } = symmetricEigen(cov, p);
  let sMax = 0;
  for (let i = 0; i < p; i++) sMax = Math.max(sMax, Math.abs(values[i]!));
  const cutoff = 1e-15 * sMax;
  // singular values of the pseudo-inverse, for numpy's matrix_rank(pinv(Σ))
  const invSingular: number[] = [];
  for (let i = 0; i < p; i++) if (Math.abs(values[i]!) > cutoff) invSingular.push(1 / Math.abs(values[i]!));
  const invMax = invSingular.length > 0 ? Math.max(...invSingular) : 0;
  const rank = invSingular.filter((s) => s > invMax * p * DBL_EPSILON).length;

  // W = n · Δᵀ Σ⁺ Δ = n · Σ_k (v_kᵀ Δ)² / λ_k over the retained eigenvalues
  const diff = new Float64Array(p);
  for (let j = 0; j < p; j++) diff[j] = mx.mean[j]! - my.mean[j]!;
  let quad = 0;
  for (let k = 0; k < p; k++) {
    const lambda = values[k]!;
    if (!(Math.abs(lambda) > cutoff)) continue;
    let proj = 0;
    for (let r = 0; r < p; r++) proj += vectors[r * p + k]! * diff[r]!;
    quad += (proj * proj) / lambda;
  }
  let w = n * quad;
  if (Math.max(nx, ny) < 25) {
    const corr = 1.0 / (1.0 + n ** -0.45 + 10.1 * (nx ** -1.7 + ny ** -1.7));
    w = corr * w;
  }
  const pValue = rank > 0 ? chi2Sf(w, rank) : Number.NaN;
  return Object.freeze({ statistic: w, pValue, df: rank });
}
