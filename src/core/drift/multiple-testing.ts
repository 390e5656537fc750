/**
 * Multiple-testing corrections of p-values across columns (Alibi Detect applies them by default;
 * users of Evidently complain that per-column tests flag everything on large data, drift-methods.md §5).
 * @module
 */

/** Bonferroni: p·m, capped at 1. */
export function bonferroni(pValues: readonly number[]): number[] {
  const m = pValues.length;
  return pValues.map((p) => Math.min(1, p * m));
}

/**
 * Benjamini–Hochberg step-up adjusted p-values (what `statsmodels.multipletests(method='fdr_bh')`
 * and R's `p.adjust(method='BH')` return): p_(i)·m/i, made monotone from the largest down, capped at 1.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const [p, index] = order[k]!;
    running = Math.min(running, (p * m) / (k + 1));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
