/**
 * Neumaier's compensated summation (Neumaier 1974, an improved Kahan–Babuška sum): the error of a sum of n
 * terms stays O(ε) instead of O(n·ε) for naive accumulation.
 * Why: the metrics average up to millions of terms (log loss, squared errors); NumPy's pairwise summation,
 * which the scikit-learn oracles use, has O(ε·log n) error, so a naive JavaScript loop could drift from the
 * oracle by ~1e-11 on 1M rows. With compensation both sides are within a few ulps of the exact sum.
 * @module
 */

/** Running compensated sum. `add` terms, then read `value()`. */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  value(): number {
    return this.sum + this.compensation;
  }
}

/** Compensated sum of an array of numbers. */
export function compensatedSum(values: ArrayLike<number>): number {
  const acc = new CompensatedSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i]!);
  return acc.value();
}
