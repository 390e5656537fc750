/**
 * Summary statistics of a sorted, finite sample.
 * @module
 */
import { quantileSorted } from '../stats/quantile.ts';
import type { NumericSummary } from '../table/column-profile.ts';

export type { NumericSummary };

export function summarizeSorted(sorted: Float64Array): NumericSummary {
  const n = sorted.length;
  let sum = 0;
  let distinct = n > 0 ? 1 : 0;
  let run = n > 0 ? 1 : 0;
  let modeCount = run;
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    sum += v;
    if (i > 0) {
      if (v === sorted[i - 1]) {
        run++;
      } else {
        distinct++;
        run = 1;
      }
      if (run > modeCount) modeCount = run;
    }
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  // Two-pass variance (numerically stable for data far from zero).
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = sorted[i]! - mean;
    ss += d * d;
  }
  return {
    min: n > 0 ? sorted[0]! : Number.NaN,
    max: n > 0 ? sorted[n - 1]! : Number.NaN,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN,
    populationStd: n > 0 ? Math.sqrt(ss / n) : Number.NaN,
    q05: quantileSorted(sorted, 0.05),
    q25: quantileSorted(sorted, 0.25),
    q50: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    q95: quantileSorted(sorted, 0.95),
    distinct,
    modeCount,
  };
}

/** Share of sorted values strictly outside [low, high]. */
export function shareOutside(sorted: Float64Array, low: number, high: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  let below = 0;
  while (below < n && sorted[below]! < low) below++;
  let above = 0;
  while (above < n - below && sorted[n - 1 - above]! > high) above++;
  return (below + above) / n;
}
