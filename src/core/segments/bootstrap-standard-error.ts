/**
 * Bootstrap standard error of any metric on a segment (ROC AUC, F1, RMSE, ...): the standard deviation
 * (n − 1 denominator) of the metric over `replicates` resamples, with replacement, of the segment's rows
 * (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993, §6.2). Deterministic for a given `seed`
 * (xoshiro128** from `../stats/random.ts`), so reports are reproducible.
 * @module
 */
import { UsageError } from '../errors.ts';
import { createRandom } from '../stats/random.ts';

/** Options of {@link bootstrapStandardError}. */
export interface BootstrapOptions {
  /** Number of resamples (default 200; the SE's own relative error is about 1/√(2·replicates) ≈ 5 %). */
  readonly replicates?: number;
  /** Seed of the generator (default 0). */
  readonly seed?: number;
}

/** Result of {@link bootstrapStandardError}. */
export interface BootstrapStandardError {
  /** `NaN` when fewer than 2 resamples gave a finite metric. */
  readonly standardError: number;
  /** Resamples whose metric was finite (the others, e.g. an AUC of a resample without positives, are dropped). */
  readonly finiteReplicates: number;
}

/**
 * @param rowIndices - the segment's rows.
 * @param metric - evaluates the metric on a list of row indices (e.g. `(r) => rocAuc(selectRows(y, r), selectRows(s, r))`).
 */
export function bootstrapStandardError(
  rowIndices: Uint32Array,
  metric: (rows: Uint32Array) => number,
  options: BootstrapOptions = {},
): BootstrapStandardError {
  const { replicates = 200, seed = 0 } = options;
  if (!(Number.isInteger(replicates) && replicates >= 2)) {
    throw new UsageError('DW_SEGMENTS_BAD_OPTION', `replicates is ${replicates}; it must be an integer ≥ 2.`);
  }
  const n = rowIndices.length;
  if (n === 0) return Object.freeze({ standardError: Number.NaN, finiteReplicates: 0 });
  const random = createRandom(seed);
  const sample = new Uint32Array(n);
  let count = 0;
  let mean = 0;
  let m2 = 0;
  for (let b = 0; b < replicates; b++) {
    for (let k = 0; k < n; k++) sample[k] = rowIndices[random.nextInt(n)]!;
    const v = metric(sample);
    if (!Number.isFinite(v)) continue;
    count++;
    const delta = v - mean;
    mean += delta / count;
    m2 += delta * (v - mean);
  }
  return Object.freeze({
    standardError: count < 2 ? Number.NaN : Math.sqrt(m2 / (count - 1)),
    finiteReplicates: count,
  });
}
