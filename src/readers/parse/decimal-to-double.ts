/**
 * Exact conversion of a short decimal literal to the nearest double, without building a string.
 *
 * The CSV fast path accumulates the significant digits of a literal as it scans the bytes; this
 * module turns them into the double that `Number(text)` would return (round-to-nearest-even, the
 * same as Python's `float(text)`), or returns `NaN` when it cannot *prove* the result, in which case
 * the caller falls back to `Number(text)`.
 *
 * Two regimes:
 * 1. Clinger's fast path (W. D. Clinger, "How to read floating point numbers accurately", PLDI 1990,
 *    §"fast path"): a mantissa `m < 2^53` and a power of ten `10^k` with `k ≤ 22` are both exact
 *    doubles, so `m * 10^k` and `m / 10^k` are a single correctly rounded IEEE operation.
 * 2. 16–19 significant digits (typical of `repr`-printed floats, which need 17): the mantissa is
 *    not an exact double. It is held exactly as an unevaluated sum `s1 + s2` (Knuth's TwoSum, Dekker's
 *    TwoProduct — T. J. Dekker, "A floating-point technique for extending the available precision",
 *    Numer. Math. 18, 1971). A candidate `q` is computed with one rounding, then the residual
 *    `t - q` of the true value `t` is evaluated to ~2^-100 relative accuracy with the same error-free
 *    transformations. If `|t - q|` is safely below half an ulp (margin 2^-30 of the half-ulp), `q`
 *    is the correctly rounded result; if it is safely within half an ulp of a neighbour, that
 *    neighbour is. Anything closer to a tie than the margin returns `NaN` (probability ≈ 1e-9 per
 *    literal for random data), so the result is never wrong, only occasionally deferred.
 * @module
 */

/** `POW10[k] = 10^k`, exact for `k ≤ 22` (5^22 < 2^53). */
const POW10 = new Float64Array(23);
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10[k] = p;

/** 2^53: integers below it are exact doubles. */
const TWO_53 = 9007199254740992;
/** Dekker's splitting constant 2^27 + 1. */
const SPLITTER = 134217729;
/** Relative safety margin on the half-ulp comparison; far above the ~2^-50 error of the residual. */
const MARGIN = 1 - 2 ** -30;

/**
 * Rump's unit in the first place, `ufp(x) = 2^floor(log2 x)` for `x > 0`, with three flops and no
 * bit access (S. M. Rump, "Ultimately fast accurate summation", SIAM J. Sci. Comput. 31(5), 2009,
 * Algorithm 3.5: q = fl(φx), ufp = |fl(q - fl(ψq))| with φ = 2^52 + 1, ψ = 1 - 2^-53).
 */
const PHI = 2 ** 52 + 1;
const PSI = 1 - 2 ** -53;
/** ulp(x) = ufp(x) * 2^-52 for a normal double. */
const ULP_PER_UFP = 2 ** -52;
/** Outside this range neighbours may be subnormal or overflow: let Number() decide. */
const MIN_NORMALISH = 2 ** -1000;
const MAX_NORMALISH = 2 ** 1000;

/** Dekker's split of each power of ten: `POW10[k] = POW10_HI[k] + POW10_LO[k]`, halves of ≤ 26 bits. */
const POW10_HI = new Float64Array(23);
const POW10_LO = new Float64Array(23);
for (let k = 0; k <= 22; k++) {
  const p = POW10[k]!;
  const t = SPLITTER * p;
  POW10_HI[k] = t - (t - p);
  POW10_LO[k] = p - POW10_HI[k]!;
}

/** Error of the product `p = fl(a * b)` where `b = bh + bl` is pre-split: `a * b = p + e` exactly (Dekker). */
function productError(a: number, bh: number, bl: number, p: number): number {
  const t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * Decide the correctly rounded value near the candidate `q > 0`, given `resid ≈ (t - q) * scale`
 * (scale = 1 for a product, `D` for a quotient). Returns `NaN` when the residual is too close to a
 * rounding boundary to decide.
 */
function roundNear(q: number, resid: number, scale: number): number {
  if (q < MIN_NORMALISH || q > MAX_NORMALISH) return Number.NaN;
  const phiQ = PHI * q;
  const ufp = Math.abs(phiQ - PSI * phiQ);
  const u = ufp * ULP_PER_UFP;
  const unit = u * scale;
  const half = unit * 0.5 * MARGIN;
  if (resid >= 0) {
    if (resid < half) return q;
    // Stepping up stays adjacent (2^(e+1) is the next double even across a binade boundary).
    if (Math.abs(resid - unit) < half) return q + u;
    return Number.NaN;
  }
  // A power of two has its lower neighbour at ulp/2, so its rounding interval below is ulp/4.
  if (q === ufp) return -resid < half * 0.5 ? q : Number.NaN;
  if (-resid < half) return q;
  if (Math.abs(resid + unit) < half) return q - u;
  return Number.NaN;
}

/**
 * The double nearest to `(hi * 10^loDigits + lo) * 10^e10`, or `NaN` if it cannot be proved here.
 *
 * @param hi the first (up to 15) significant digits as an integer, `0 ≤ hi < 10^15`
 * @param lo the following `loDigits` significant digits as an integer, `0 ≤ lo < 10^loDigits`
 * @param loDigits number of digits in `lo`, 0–4 (so at most 19 significant digits in all)
 * @param e10 decimal exponent applied to the whole mantissa
 */
export function decimalToDouble(hi: number, lo: number, loDigits: number, e10: number): number {
  if (loDigits === 0) {
    // Clinger's fast path: `hi` is an exact double.
    if (e10 === 0) return hi;
    if (e10 > 0) {
      if (e10 <= 22) return hi * POW10[e10]!;
      // 1e30 = (1 * 10^8) * 10^22: still exact if the first product stays below 2^53.
      if (e10 <= 37) {
        const m = hi * POW10[e10 - 22]!;
        if (m < TWO_53) return m * 1e22;
      }
      return Number.NaN;
    }
    if (e10 >= -22) return hi / POW10[-e10]!;
    return Number.NaN;
  }
  // Exact mantissa M = hi * 10^loDigits + lo, as s1 + s2 with s1 = fl(M).
  const p10 = POW10[loDigits]!;
  const a = hi * p10;
  const b = productError(hi, POW10_HI[loDigits]!, POW10_LO[loDigits]!, a) + lo; // exact: small integers
  const s1 = a + b;
  const bb = s1 - a;
  const s2 = a - (s1 - bb) + (b - bb); // TwoSum error (Knuth), exact
  if (e10 === 0) return s1; // fl(M) is the correctly rounded integer
  if (e10 > 0) {
    if (e10 > 22) return Number.NaN;
    const d = POW10[e10]!;
    const q = s1 * d;
    // t - q = (s1*d - q) + s2*d; the first term is exact, the second has a tiny relative error.
    const resid = productError(s1, POW10_HI[e10]!, POW10_LO[e10]!, q) + s2 * d;
    return roundNear(q, resid, 1);
  }
  if (e10 < -22) return Number.NaN;
  const d = POW10[-e10]!;
  const q = s1 / d;
  const p = q * d;
  // M - q*d = (s1 - p) - pErr + s2; s1 - p is exact (Sterbenz: p is within a few ulps of s1).
  const resid = s1 - p - productError(q, POW10_HI[-e10]!, POW10_LO[-e10]!, p) + s2;
  return roundNear(q, resid, d);
}
