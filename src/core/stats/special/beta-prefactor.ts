/**
 * The incomplete-beta prefactor x^a·(1−x)^b / B(a, b) and ln B(a, b), accurate when a or b is large.
 *
 * Cephes incbet forms this factor from ln x, ln(1−x) and lgamma values of size ~a·ln a, so its relative error
 * grows like a·2^-53 (2e-10 at a = 5e5, i.e. a Student t with df = 10⁶). The forms below keep every term
 * small, following DiDonato & Morris (1992), ACM TOMS 708 (`brcomp`, `algdiv`, `bcorr`):
 * - a, b ≥ 8: x^a y^b / B(a,b) = √(ab/(2π(a+b))) · exp(−a·r(e₁) − b·r(e₂) − Δ), with
 *   e₁ = x(a+b)/a − 1, e₂ = y(a+b)/b − 1, r(e) = e − ln(1+e), and Δ = ω(a) + ω(b) − ω(a+b) the Stirling
 *   corrections (a·e₁ + b·e₂ = 0, so the large linear terms cancel exactly, analytically);
 * - one parameter ≥ 8: ln B(s, l) = ln Γ(s) + [ln Γ(l) − ln Γ(l+s)] with the bracket from Stirling's series
 *   written as −s·ln l − (l+s−½)·log1p(s/l) + s + ω(l) − ω(l+s).
 * @module
 */

import { lgamma, log1pmx } from './gamma.ts';

const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * Stirling correction ω(x) = ln Γ(x) − ((x − ½)ln x − x + ½ln 2π) for x ≥ 8, by its asymptotic series
 * Σ B₂ₖ/(2k(2k−1)x^(2k−1)); 7 terms leave < 1e-15 absolute error at x = 8.
 */
export function stirlingCorrection(x: number): number {
  const w = 1 / (x * x);
  const series =
    1 / 12 +
    w * (-1 / 360 + w * (1 / 1260 + w * (-1 / 1680 + w * (1 / 1188 + w * (-691 / 360360 + w * (1 / 156))))));
  return series / x;
}

/** ln Γ(l) − ln Γ(l + s) for l ≥ 8, s > 0, without the cancellation of two large lgamma values. */
export function lgammaDifference(l: number, s: number): number {
  return (
    -s * Math.log(l) -
    (l + s - 0.5) * Math.log1p(s / l) +
    s +
    stirlingCorrection(l) -
    stirlingCorrection(l + s)
  );
}

/** ln B(a, b) for a, b > 0 with max(a, b) ≥ 8 (accurate; see module comment). */
export function logBetaLarge(a: number, b: number): number {
  const l = Math.max(a, b);
  const s = Math.min(a, b);
  if (s >= 8) {
    // ln B = ½ln(2π) − ½ln s − ... via the symmetric Stirling form.
    const sum = a + b;
    return (
      LOG_SQRT_2PI +
      (a - 0.5) * Math.log(a / sum) +
      (b - 0.5) * Math.log(b / sum) -
      0.5 * Math.log(sum) +
      (stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum))
    );
  }
  return lgamma(s) + lgammaDifference(l, s);
}

/** ln x given x and 1 − x exactly: log1p(−(1−x)) near 1 keeps full relative accuracy of ln x. */
function logFromPair(x: number, xc: number): number {
  return x < 0.5 ? Math.log(x) : Math.log1p(-xc);
}

/**
 * x^a·(1−x)^b / B(a, b), given x and xc = 1 − x (both exact), for max(a, b) ≥ 8.
 * Returns 0 on underflow.
 */
export function betaPowerTerms(a: number, b: number, x: number, xc: number): number {
  if (a >= 8 && b >= 8) {
    const sum = a + b;
    // λ = a − (a+b)x = (a+b)(1−x) − b; use the exact input that is smaller to form it.
    const lambda = x <= xc ? a - sum * x : sum * xc - b;
    const e1 = -lambda / a;
    const e2 = lambda / b;
    // ln(1+e) − e; far from 0, 1 + e is better formed from the exact ratio (x/x0, (1−x)/y0) than from e.
    const t1 = Math.abs(e1) > 0.6 ? Math.log((x * sum) / a) - e1 : log1pmx(e1);
    const t2 = Math.abs(e2) > 0.6 ? Math.log((xc * sum) / b) - e2 : log1pmx(e2);
    const delta = stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(sum);
    const exponent = a * t1 + b * t2 - delta;
    return Math.sqrt((a * b) / sum) * Math.exp(exponent - LOG_SQRT_2PI);
  }
  const logTerms = a * logFromPair(x, xc) + b * logFromPair(xc, x) - logBetaLarge(a, b);
  return Math.exp(logTerms);
}
