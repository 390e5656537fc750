/**
 * Limiting (n → ∞) distribution of the two-sided Kolmogorov–Smirnov statistic √n·D_n:
 * scipy.special.kolmogorov (survival function) and kolmogc (CDF).
 *
 * Ported from scipy's xsf/cephes/kolmogorov.h `_kolmogorov` (Paul van Mulbregt's rewrite, 2018; BSD-3 via
 * scipy). Two series are used, switching at x = 0.82 so that each needs at most 4 terms:
 *   x ≤ 0.82: CDF = √(2π)/x · Σ_k exp(−(2k−1)²π²/(8x²))            (Jacobi theta form)
 *   x > 0.82: SF  = 2 Σ_k (−1)^(k−1) exp(−2k²x²)
 * @module
 */

const CUTOVER = 0.82;
/** Below this x the CDF underflows: π/√(8·746) (scipy MIN_EXPABLE = −708 − 38). */
const X_MIN = Math.PI / Math.sqrt(8 * (708 + 38));

interface Probabilities {
  readonly sf: number;
  readonly cdf: number;
}

function kolmogorovBoth(x: number): Probabilities {
  if (Number.isNaN(x)) return { sf: Number.NaN, cdf: Number.NaN };
  if (x <= X_MIN) return { sf: 1, cdf: 0 };
  if (x <= CUTOVER) {
    // u = exp(−π²/(8x²)); CDF = w·u·(1 + u⁸ + u²⁴ + u⁴⁸ …), w = √(2π)/x.
    const w = Math.sqrt(2 * Math.PI) / x;
    const logu8 = (-Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logu8 / 8);
    let p: number;
    if (u === 0) {
      p = Math.exp(logu8 / 8 + Math.log(w));
    } else {
      const u8 = Math.exp(logu8);
      const u8cub = u8 ** 3;
      p = 1 + u8cub;
      p = 1 + u8 * u8 * p;
      p = 1 + u8 * p;
      p = w * u * p;
    }
    const cdf = Math.min(Math.max(p, 0), 1);
    return { sf: Math.min(Math.max(1 - p, 0), 1), cdf };
  }
  // v = exp(−2x²); SF = 2v(1 − v³(1 − v⁵(1 − v⁷))), 4 terms suffice for x > 0.82.
  const v = Math.exp(-2 * x * x);
  const v3 = v ** 3;
  let p = 1 - v3 * v3 * v;
  p = 1 - v3 * v * v * p;
  p = 1 - v3 * p;
  p = 2 * v * p;
  return { sf: Math.min(Math.max(p, 0), 1), cdf: Math.min(Math.max(1 - p, 0), 1) };
}

/** Survival function of the limiting Kolmogorov distribution, P(K > x) (scipy.special.kolmogorov). */
export function kolmogorovSf(x: number): number {
  return kolmogorovBoth(x).sf;
}

/** CDF of the limiting Kolmogorov distribution, P(K ≤ x) (scipy.special.kolmogc). */
export function kolmogorovCdf(x: number): number {
  return kolmogorovBoth(x).cdf;
}
