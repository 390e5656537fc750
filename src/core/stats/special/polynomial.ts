/**
 * Polynomial and rational-function evaluation helpers used by the Cephes ports.
 * Algorithm: Horner's rule, as in Cephes polevl.c / p1evl.c and scipy's ratevl (Boost "rational").
 * Coefficients are stored highest degree first, like Cephes.
 * @module
 */

/** Evaluate `c[0]·x^N + c[1]·x^(N-1) + … + c[N]` (Cephes `polevl`, N = c.length − 1). */
export function polevl(x: number, c: readonly number[]): number {
  let ans = c[0]!;
  for (let i = 1; i < c.length; i++) ans = ans * x + c[i]!;
  return ans;
}

/** Evaluate `x^N + c[0]·x^(N-1) + … + c[N-1]` (Cephes `p1evl`: leading coefficient 1 omitted, N = c.length). */
export function p1evl(x: number, c: readonly number[]): number {
  let ans = x + c[0]!;
  for (let i = 1; i < c.length; i++) ans = ans * x + c[i]!;
  return ans;
}

/**
 * Evaluate the rational function `num(x)/den(x)`, coefficients highest degree first (scipy cephes/polevl.h
 * `ratevl`, itself from Boost "rational"). For |x| > 1 it evaluates both polynomials in 1/x, so that large
 * arguments do not overflow, and rescales by x^(M−N).
 */
export function ratevl(x: number, num: readonly number[], den: readonly number[]): number {
  const m = num.length - 1;
  const n = den.length - 1;
  if (Math.abs(x) > 1) {
    const y = 1 / x;
    let a = num[m]!;
    for (let i = m - 1; i >= 0; i--) a = a * y + num[i]!;
    let b = den[n]!;
    for (let i = n - 1; i >= 0; i--) b = b * y + den[i]!;
    return x ** (m - n) * (a / b);
  }
  return polevl(x, num) / polevl(x, den);
}
