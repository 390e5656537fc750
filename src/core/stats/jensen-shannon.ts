import { relEntr, sumOf } from './kl-divergence.ts';

/**
 * Jensen–Shannon *distance* (square root of the divergence), natural log, so the range is
 * 0..√ln2 ≈ 0.8326. Matches `scipy.spatial.distance.jensenshannon(p, q)`:
 * p and q are normalised, m = (p + q)/2, JS = √((Σ rel_entr(p, m) + Σ rel_entr(q, m)) / 2).
 * Evidently (`jensenshannon.py`) feeds it binned proportions WITHOUT zero filling.
 */
export function jensenShannonDistance(p: Float64Array, q: Float64Array): number {
  const sp = sumOf(p);
  const sq = sumOf(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / sp;
    const qi = q[i]! / sq;
    const m = (pi + qi) / 2;
    left += relEntr(pi, m);
    right += relEntr(qi, m);
  }
  // scipy: js = sum(left + right) / 2, then sqrt. Clamp tiny negative rounding, as scipy does not
  // need to (rel_entr is ≥ 0 termwise here, so the sum is ≥ 0).
  return Math.sqrt((left + right) / 2);
}
