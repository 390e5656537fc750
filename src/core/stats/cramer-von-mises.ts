/**
 * Two-sample Cramér-von Mises test, Evidently's `cramer_von_mises` drift method.
 *
 * Ported from Evidently src/evidently/legacy/calculations/stattests/cramer_von_mises_stattest.py
 * (Apache-2.0), itself a copy of scipy's `cramervonmises_2samp` (scipy/stats/_hypotests.py, BSD-3):
 * - statistic T (Anderson 1962, eq. 9) from the mid-ranks of the pooled sample;
 * - method 'auto': exact when max(n1, n2) ≤ 20, otherwise asymptotic;
 * - exact: the null distribution of U by the lattice-path recursion of Xiao, Gordon & Yakovlev (2006,
 *   J. Stat. Soft. 17(8), Algorithm 1);
 * - asymptotic: Anderson's normalised statistic compared with the limiting distribution of the
 *   one-sample statistic, cdf by the series of Csörgő & Faraway (1996, eq. 1.2) with terms added until one
 *   is below 1e-7 (that stopping rule bounds the accuracy of the p-value at ~1e-7 absolute; it is kept as
 *   is to reproduce Evidently's numbers).
 *
 * Deviation from the project rule "never 1 − cdf": the asymptotic p-value is `max(0, 1 − cdf)` exactly
 * as in Evidently/scipy, on purpose, because the series' own truncation error (~1e-7) dominates and an
 * upper-tail formula would not reproduce Evidently's values.
 * @module
 */

import { UsageError } from '../errors.ts';
import { forEachTieGroup } from './rank.ts';

/** Options of {@link cramerVonMises2Samp}. */
export interface CramerVonMisesOptions {
  /** p-value method (default `'auto'`: exact if max(n1, n2) ≤ 20, else asymptotic). */
  readonly method?: 'auto' | 'exact' | 'asymptotic';
}

/** Result of {@link cramerVonMises2Samp}. */
export interface CramerVonMisesResult {
  /** Statistic T (Anderson 1962, eq. 9). */
  readonly statistic: number;
  /** p-value (NaN with fewer than 2 observations in a sample; scipy/Evidently raise then). */
  readonly pValue: number;
  /** Method actually used. */
  readonly method: 'exact' | 'asymptotic';
}

/**
 * Two-sample Cramér-von Mises test as Evidently's `_cvm_2samp`.
 * @param sortedX - first sample (Evidently: reference), sorted ascending, no NaN (precondition, not checked).
 * @param sortedY - second sample (Evidently: current), sorted ascending, no NaN.
 */
export function cramerVonMises2Samp(
  sortedX: Float64Array,
  sortedY: Float64Array,
  options: CramerVonMisesOptions = {},
): CramerVonMisesResult {
  const requested = options.method ?? 'auto';
  if (requested !== 'auto' && requested !== 'exact' && requested !== 'asymptotic') {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `cramerVonMises2Samp: unknown method '${String(requested)}'.`,
    );
  }
  const nx = sortedX.length;
  const ny = sortedY.length;
  const method = requested === 'auto' ? (Math.max(nx, ny) > 20 ? 'asymptotic' : 'exact') : requested;
  if (nx <= 1 || ny <= 1) {
    return Object.freeze({ statistic: Number.NaN, pValue: Number.NaN, method });
  }

  // U (Anderson 1962, eq. 10): nx Σ (r_i − i)² + ny Σ (s_j − j)², r/s the pooled mid-ranks of the sorted
  // samples. Every term is a multiple of ¼, so the sums are exact.
  let sx = 0;
  let sy = 0;
  let ix = 0;
  let iy = 0;
  forEachTieGroup(sortedX, sortedY, (_v, ca, cb, below) => {
    const r = below + (ca + cb + 1) / 2;
    for (let j = 0; j < ca; j++) {
      ix++;
      const d = r - ix;
      sx += d * d;
    }
    for (let j = 0; j < cb; j++) {
      iy++;
      const d = r - iy;
      sy += d * d;
    }
  });
  let u = nx * sx;
  u += ny * sy;
  const k = nx * ny;
  const N = nx + ny;
  const t = u / (k * N) - (4 * k - 1) / (6 * N);

  let pValue: number;
  if (method === 'exact') {
    pValue = exactPValue(u, nx, ny);
  } else {
    // Anderson 1962, eq. 11 and 14: mean and variance of T; eq. 15: normalised statistic.
    const et = (1 + 1 / N) / 6;
    let vt = (N + 1.0) * (4 * k * N - 3 * (nx * nx + ny * ny) - 2 * k);
    vt = vt / (45 * N * N * 4 * k);
    const tn = 1 / 6 + (t - et) / Math.sqrt(45 * vt);
    // Evidently/scipy: for tn < 0.003 the limiting cdf is < 1.28e-18, p = 1.
    pValue = tn < 0.003 ? 1.0 : Math.max(0, 1.0 - cvmLimitingCdf(tn));
  }
  return Object.freeze({ statistic: t, pValue, method });
}

/**
 * CDF of the limiting (n → ∞) Cramér-von Mises statistic, Csörgő & Faraway (1996) eq. 1.2, as
 * Evidently's/scipy's `_cdf_cvm_inf`: Σ_k Γ(k+½)/(Γ(k+1) π^{3/2} √x) · √(4k+1) · e^{−q} K_{1/4}(q),
 * q = (4k+1)²/(16x), adding terms until one is below 1e-7.
 */
export function cvmLimitingCdf(x: number): number {
  const denom = Math.PI ** 1.5 * Math.sqrt(x);
  let ratio = Math.sqrt(Math.PI); // Γ(k + ½) / Γ(k + 1) at k = 0
  let total = 0;
  for (let k = 0; k < 1000; k++) {
    const u = ratio / denom;
    const y = 4 * k + 1;
    const q = (y * y) / (16 * x);
    // e^{−q}·K(q) = e^{−2q}·(e^{q} K(q)); the scaled form avoids 0·∞ when K underflows.
    const z = u * Math.sqrt(y) * Math.exp(-2 * q) * besselKQuarterScaled(q);
    total += z;
    if (!(Math.abs(z) >= 1e-7)) break;
    ratio = (ratio * (k + 0.5)) / (k + 1);
  }
  return total;
}

/**
 * Exact p-value P(U ≥ u) of the two-sample Cramér-von Mises statistic for sizes m and n, by Algorithm 1
 * of Xiao, Gordon & Yakovlev (2006), as Evidently's `_pval_cvm_2samp_exact`.
 *
 * The frequency table g(u, v) of a lattice node is stored as two parallel sorted arrays (values, counts);
 * every step adds the same constant to all values, so merging two tables is a linear sorted merge.
 */
function exactPValue(s: number, m: number, n: number): number {
  const lcm = (m * n) / gcd(m, n);
  const a = lcm / m;
  const b = lcm / n;
  const mn = m * n;
  // zeta = lcm²(m+n)(6s − mn(4mn−1)) // (6 mn²), with s a multiple of ¼: scale by 4 so that the floor
  // division is done on exact integers (far below 2^53 for the sizes where the exact method is used).
  const num = lcm * lcm * (m + n) * (24 * s - 4 * mn * (4 * mn - 1));
  const den = 24 * mn * mn;
  const zeta = Math.floor(num / den);

  type Table = { values: Float64Array; counts: Float64Array };
  const empty: Table = { values: new Float64Array(0), counts: new Float64Array(0) };
  let gs: Table[] = [{ values: Float64Array.of(0), counts: Float64Array.of(1) }];
  for (let v = 1; v <= m; v++) gs.push(empty);
  for (let uu = 0; uu <= n; uu++) {
    const next: Table[] = [];
    let tmp: Table = empty;
    for (let v = 0; v <= m; v++) {
      const merged = mergeTables(tmp, gs[v]!);
      const shift = (a * v - b * uu) ** 2;
      const values = merged.values;
      for (let i = 0; i < values.length; i++) values[i] = values[i]! + shift;
      tmp = merged;
      next.push(tmp);
    }
    gs = next;
  }
  const last = gs[m]!;
  let hits = 0;
  for (let i = 0; i < last.values.length; i++) if (last.values[i]! >= zeta) hits += last.counts[i]!;
  return hits / binomial(m + n, m);
}

function mergeTables(
  p: { values: Float64Array; counts: Float64Array },
  q: { values: Float64Array; counts: Float64Array },
): { values: Float64Array; counts: Float64Array } {
  const values = new Float64Array(p.values.length + q.values.length);
  const counts = new Float64Array(values.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < p.values.length || j < q.values.length) {
    const pv = i < p.values.length ? p.values[i]! : Number.POSITIVE_INFINITY;
    const qv = j < q.values.length ? q.values[j]! : Number.POSITIVE_INFINITY;
    if (pv < qv) {
      values[o] = pv;
      counts[o++] = p.counts[i++]!;
    } else if (qv < pv) {
      values[o] = qv;
      counts[o++] = q.counts[j++]!;
    } else {
      values[o] = pv;
      counts[o++] = p.counts[i++]! + q.counts[j++]!;
    }
  }
  return { values: values.subarray(0, o), counts: counts.subarray(0, o) };
}

function gcd(x: number, y: number): number {
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** C(n, k) as a double, exact below 2^53 (Python's `factorial(n) / (factorial(k) * factorial(n-k))`). */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

// Temme-series constants for μ = ¼ (computed with mpmath at 40 digits, rounded to the nearest double):
// 1/Γ(1+μ), 1/Γ(1−μ), γ1 = (1/Γ(1−μ) − 1/Γ(1+μ))/(2μ), γ2 = (1/Γ(1−μ) + 1/Γ(1+μ))/2.
const MU = 0.25;
const GAMPL = 1.1032626513208372;
const GAMMI = 0.8160489390982629;
const GAM1 = -0.5744274244451486;
const GAM2 = 0.9596557952095501;
const EPS = 1e-16;

/**
 * e^x · K_{1/4}(x) for x > 0 (modified Bessel function of the second kind, exponentially scaled).
 * Algorithm: Temme's series for x < 2 and Steed's continued fraction CF2 (Thompson & Barnett) for x ≥ 2,
 * as described in Temme (1975, J. Comput. Phys. 19) and Press et al., Numerical Recipes §6.7 (`bessik`),
 * specialised to the fractional order μ = ¼ (no recurrence needed). Relative accuracy ~1e-15
 * (scipy's `kv`, AMOS zbesk, agrees to ~1e-13).
 */
export function besselKQuarterScaled(x: number): number {
  if (!(x > 0)) return x === 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < 2) {
    const x2 = 0.5 * x;
    const pimu = Math.PI * MU;
    const fact = pimu / Math.sin(pimu);
    let d = -Math.log(x2);
    let e = MU * d;
    const fact2 = Math.sinh(e) / e;
    let ff = fact * (GAM1 * Math.cosh(e) + GAM2 * fact2 * d);
    let sum = ff;
    e = Math.exp(e);
    let p = (0.5 * e) / GAMPL;
    let q = 0.5 / (e * GAMMI);
    let c = 1;
    d = x2 * x2;
    for (let i = 1; i < 500; i++) {
      ff = (i * ff + p + q) / (i * i - MU * MU);
      c *= d / i;
      p /= i - MU;
      q /= i + MU;
      const del = c * ff;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(x);
  }
  let b = 2 * (1 + x);
  let d = 1 / b;
  let delh = d;
  let q1 = 0;
  let q2 = 1;
  const a1 = 0.25 - MU * MU;
  let q = a1;
  let c = a1;
  let a = -a1;
  let s = 1 + q * delh;
  for (let i = 2; i < 10000; i++) {
    a -= 2 * (i - 1);
    c = (-a * c) / i;
    const qnew = (q1 - b * q2) / a;
    q1 = q2;
    q2 = qnew;
    q += c * qnew;
    b += 2;
    d = 1 / (b + a * d);
    delh = (b * d - 1) * delh;
    const dels = q * delh;
    s += dels;
    if (Math.abs(dels / s) < EPS) break;
  }
  return Math.sqrt(Math.PI / (2 * x)) / s;
}
