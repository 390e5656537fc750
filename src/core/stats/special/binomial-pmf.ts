/**
 * Binomial probabilities C(n, k) pᵏ qⁿ⁻ᵏ to ~1e-15 relative accuracy with a handful of elementary
 * functions, by Catherine Loader's saddle-point method ("Fast and Accurate Computation of Binomial
 * Probabilities", 2000; the algorithm of R's dbinom_raw): the Stirling-formula errors of n!, k!, (n−k)!
 * and the deviances bd0(k, np), bd0(n−k, nq) are each computed without cancellation.
 * @module
 */

const LN_2PI = 1.8378770664093453;

// stirlerr(k) = ln k! − ln(√(2πk)(k/e)^k) for k = 0..15 (computed with mpmath at 40 digits; 0 by convention).
const STIRLERR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801,
];
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** Error of Stirling's formula for ln k!, for a non-negative integer k (Loader's stirlerr). */
export function stirlingError(k: number): number {
  if (k <= 15) return STIRLERR_SMALL[k]!;
  const kk = k * k;
  if (k > 500) return (S0 - S1 / kk) / k;
  if (k > 80) return (S0 - (S1 - S2 / kk) / kk) / k;
  if (k > 35) return (S0 - (S1 - (S2 - S3 / kk) / kk) / kk) / k;
  return (S0 - (S1 - (S2 - (S3 - S4 / kk) / kk) / kk) / kk) / k;
}

/** Deviance term bd0(x, m) = x·ln(x/m) + m − x, by a series when x ≈ m (Loader). */
export function deviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/**
 * C(n, k) pᵏ (1−p)ⁿ⁻ᵏ for integers 0 < k < n, given np = n·p and nq = n·(1−p) (passing them separately lets
 * callers form them exactly). Relative error ~ 2^-53·max(|bd0 terms|).
 */
export function binomialPmfInterior(k: number, n: number, np: number, nq: number): number {
  const lc =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, np) - deviance(n - k, nq);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}
