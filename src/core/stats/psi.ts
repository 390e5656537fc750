/**
 * Population Stability Index on binned proportions.
 * Evidently `legacy/calculations/stattests/psi.py`: `Σ (r − c)·ln(r/c)` on the zero-filled but
 * NOT renormalised proportions (drift-methods.md §1.6). Natural log.
 */
export function psi(refProportions: Float64Array, curProportions: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < refProportions.length; i++) {
    const r = refProportions[i]!;
    const c = curProportions[i]!;
    sum += (r - c) * Math.log(r / c);
  }
  return sum;
}
