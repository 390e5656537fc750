/**
 * Kullback–Leibler divergence KL(p ‖ q), natural log.
 * Matches `scipy.stats.entropy(pk, qk)`: both inputs are renormalised to sum 1 first
 * (Evidently `kl_div.py` calls it on zero-filled proportions, drift-methods.md §1.6), and
 * terms use scipy's `rel_entr` convention: 0·ln(0/q) = 0, p·ln(p/0) = +∞.
 */
export function klDivergence(p: Float64Array, q: Float64Array): number {
  const sp = sumOf(p);
  const sq = sumOf(q);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    sum += relEntr(p[i]! / sp, q[i]! / sq);
  }
  return sum;
}

/** scipy.special.rel_entr: x·ln(x/y) for x > 0, y > 0; 0 for x = 0, y ≥ 0; +∞ otherwise. */
export function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

export function sumOf(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
