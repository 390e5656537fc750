/**
 * Permutation test on the empirical maximum mean discrepancy (MMD) with a Gaussian RBF kernel, Evidently's
 * `empirical_mmd` drift method.
 *
 * Ported from Evidently src/evidently/legacy/calculations/stattests/mmd_stattest.py (Apache-2.0):
 * - squared distances exactly as Evidently's `squared_paired_dist` evaluates them,
 *   d(a, b) = (b² − 2ab) + a² (not (a − b)², which rounds differently);
 * - bandwidth by the median heuristic on the reference only: σ = √(½ · median_nearest(d(xᵢ, xⱼ))) over all
 *   n² ordered pairs including the zero diagonal (numpy `percentile(q=50, method="nearest")`, round half to
 *   even); σ = √½ when that median is 0;
 * - K = exp(−d / (2σ²)) on the pooled sample with the diagonal set to 0;
 *   MMD = Σ K_xx / (n(n−1)) + Σ K_yy / (m(m−1)) − 2 · mean K_yx;
 * - p = #(MMD_observed ≤ MMD_permuted) / permutations over random relabellings of the pooled sample
 *   (default 100 permutations, no +1 correction, as Evidently).
 *
 * **Approximate by design**: Evidently draws its permutations from numpy's unseeded global generator;
 * here they come from driftwatch's seedable xoshiro128** (`random.ts`, seed option, default 0), so the
 * p-value is a Monte-Carlo estimate (standard error √(p(1−p)/permutations)) while the observed MMD statistic
 * matches Evidently's to rounding.
 *
 * Cost: O(permutations × N²) time for N = n + m pooled observations; memory O(N²) (a Float64 kernel matrix)
 * for N ≤ 2048, O(N) above (kernel values recomputed on the fly, slower). The median uses a radix selection
 * over the n² reference distances without storing them.
 * @module
 */

import { UsageError } from '../errors.ts';
import { createRandom } from './random.ts';

/** Options of {@link empiricalMmdTest}. */
export interface EmpiricalMmdOptions {
  /** Number of permutations (default 100, as Evidently). */
  readonly permutations?: number;
  /** Seed of the pseudo-random generator (default 0). */
  readonly seed?: number;
}

/** Result of {@link empiricalMmdTest}. */
export interface EmpiricalMmdResult {
  /** Observed (unbiased-diagonal) MMD² estimate; can be slightly negative. */
  readonly statistic: number;
  /** Permutation p-value (Evidently's drift score), a multiple of 1 / permutations; NaN if a sample has < 2 values. */
  readonly pValue: number;
  /** Kernel bandwidth σ from the median heuristic on the reference sample. */
  readonly sigma: number;
  /** Number of permutations used. */
  readonly permutations: number;
}

/** Largest pooled size for which the kernel matrix is stored (2048² doubles = 32 MiB). */
const MATERIALIZE_LIMIT = 2048;

/** Squared distance as numpy evaluates `y**2 .T - 2 * np.dot(x, y.T) + x**2` for row value a and column value b. */
function sqDist(a: number, b: number): number {
  return b * b - 2 * (a * b) + a * a;
}

/**
 * Median-heuristic bandwidth of Evidently's `sigma_median` on the reference sample x.
 */
export function medianHeuristicSigma(x: Float64Array): number {
  const n = x.length;
  const total = n * n;
  // numpy 'nearest': index = around((N − 1) · 0.5), round half to even
  const virtual = (total - 1) * 0.5;
  let index = Math.round(virtual);
  if (Math.abs(virtual - Math.trunc(virtual)) === 0.5 && index % 2 !== 0) index -= 1;
  const median = kthSmallest((emit) => {
    for (let i = 0; i < n; i++) {
      const a = x[i]!;
      for (let j = 0; j < n; j++) emit(sqDist(a, x[j]!));
    }
  }, index);
  const sigma = Math.sqrt(0.5 * median);
  return sigma === 0 ? Math.sqrt(0.5 * 1) : sigma;
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);
/** Whether the platform stores doubles little-endian (high word at index 1); true on all mainstream engines. */
const HI = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f ? 1 : 0;
const LO = 1 - HI;

/** Order-preserving 64-bit key of a double (as two uint32 words): flips negatives, sets the sign bit of positives. */
function sortableKey(v: number, out: Uint32Array): void {
  scratch[0] = v === 0 ? 0 : v; // −0 → +0
  const hi = scratchBits[HI]!;
  const lo = scratchBits[LO]!;
  if (hi & 0x80000000) {
    out[0] = ~hi >>> 0;
    out[1] = ~lo >>> 0;
  } else {
    out[0] = (hi | 0x80000000) >>> 0;
    out[1] = lo;
  }
}

/**
 * k-th smallest (0-based) of a stream of doubles that can be replayed, in O(passes × stream length) time
 * and O(2^16 + collected) memory: radix selection on 16-bit digits of the order-preserving key, then an
 * exact sort of the few candidates once they fit in memory.
 */
function kthSmallest(replay: (emit: (v: number) => void) => void, k: number): number {
  const COLLECT_LIMIT = 1 << 20;
  const key = new Uint32Array(2);
  const digitOf = (level: number): number =>
    level === 0
      ? key[0]! >>> 16
      : level === 1
        ? key[0]! & 0xffff
        : level === 2
          ? key[1]! >>> 16
          : key[1]! & 0xffff;
  const prefix: number[] = [];
  const matches = (): boolean => {
    for (let l = 0; l < prefix.length; l++) if (digitOf(l) !== prefix[l]) return false;
    return true;
  };
  let rank = k;
  let candidateCount = Number.POSITIVE_INFINITY;
  for (let level = 0; level < 4; level++) {
    if (candidateCount <= COLLECT_LIMIT) break;
    const hist = new Float64Array(65536);
    replay((v) => {
      sortableKey(v, key);
      if (matches()) hist[digitOf(level)] = hist[digitOf(level)]! + 1;
    });
    let d = 0;
    while (rank >= hist[d]!) {
      rank -= hist[d]!;
      d++;
    }
    prefix.push(d);
    candidateCount = hist[d]!;
  }
  // Collect the candidates sharing the chosen prefix (all equal when all 4 digits are fixed).
  const values = new Float64Array(Math.min(candidateCount, COLLECT_LIMIT));
  let o = 0;
  replay((v) => {
    if (o >= values.length) return;
    sortableKey(v, key);
    if (matches()) values[o++] = v === 0 ? 0 : v;
  });
  if (prefix.length === 4) return values[0]!;
  values.sort();
  return values[rank]!;
}

/** Kernel entry (r, c) of Evidently's pooled matrix [[K_xx, K_xy], [K_xyᵀ, K_yy]] with a zero diagonal. */
function kernelEntry(z: Float64Array, n: number, gamma: number, r: number, c: number): number {
  if (r === c) return 0;
  // The lower-left block is K_xy transposed: its (r, c) entry was computed with the x value as row.
  const d = r >= n && c < n ? sqDist(z[c]!, z[r]!) : sqDist(z[r]!, z[c]!);
  return Math.exp(-gamma * d);
}

/**
 * MMD of Evidently's `mmd_2samp` for a labelling of the pooled sample (label 0 = x side, 1 = y side),
 * with Neumaier-compensated block sums so that the same partition always gives the same value.
 */
function mmdForLabels(
  labels: Uint8Array,
  nx: number,
  ny: number,
  entry: (r: number, c: number) => number,
): number {
  const N = labels.length;
  let sxx = 0;
  let cxx = 0;
  let syy = 0;
  let cyy = 0;
  let syx = 0;
  let cyx = 0;
  for (let r = 0; r < N; r++) {
    const lr = labels[r]!;
    for (let c = 0; c < N; c++) {
      const lc = labels[c]!;
      if (lr === 0 && lc === 1) continue; // upper-right block: not used by Evidently
      const v = entry(r, c);
      if (lr === 0) {
        const t = sxx + v;
        cxx += Math.abs(sxx) >= Math.abs(v) ? sxx - t + v : v - t + sxx;
        sxx = t;
      } else if (lc === 1) {
        const t = syy + v;
        cyy += Math.abs(syy) >= Math.abs(v) ? syy - t + v : v - t + syy;
        syy = t;
      } else {
        const t = syx + v;
        cyx += Math.abs(syx) >= Math.abs(v) ? syx - t + v : v - t + syx;
        syx = t;
      }
    }
  }
  const A = 1 / (nx * (nx - 1));
  const B = 1 / (ny * (ny - 1));
  return A * (sxx + cxx) + B * (syy + cyy) - 2.0 * ((syx + cyx) / (nx * ny));
}

/**
 * Empirical MMD permutation test, as Evidently's `empirical_mmd` (approximate p-value: see the module note).
 * Samples need not be sorted.
 * @param ref - reference sample, finite values.
 * @param cur - current sample, finite values.
 */
export function empiricalMmdTest(
  ref: Float64Array,
  cur: Float64Array,
  options: EmpiricalMmdOptions = {},
): EmpiricalMmdResult {
  const permutations = options.permutations ?? 100;
  if (!Number.isInteger(permutations) || permutations < 1) {
    throw new UsageError(
      'DW_STATS_BAD_OPTION',
      `empiricalMmdTest: permutations must be a positive integer (got ${permutations}).`,
    );
  }
  const nx = ref.length;
  const ny = cur.length;
  if (nx < 2 || ny < 2) {
    // Evidently divides by n(n − 1): a sample of one value raises ZeroDivisionError.
    return Object.freeze({ statistic: Number.NaN, pValue: Number.NaN, sigma: Number.NaN, permutations });
  }
  const sigma = medianHeuristicSigma(ref);
  const gamma = 1.0 / (2.0 * sigma ** 2);
  const N = nx + ny;
  const z = new Float64Array(N);
  z.set(ref, 0);
  z.set(cur, nx);

  let entry: (r: number, c: number) => number;
  if (N <= MATERIALIZE_LIMIT) {
    const K = new Float64Array(N * N);
    for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) K[r * N + c] = kernelEntry(z, nx, gamma, r, c);
    entry = (r, c) => K[r * N + c]!;
  } else {
    entry = (r, c) => kernelEntry(z, nx, gamma, r, c);
  }

  const labels = new Uint8Array(N);
  labels.fill(1, nx);
  const statistic = mmdForLabels(labels, nx, ny, entry);

  const rng = createRandom(options.seed ?? 0);
  const order = new Uint32Array(N);
  for (let i = 0; i < N; i++) order[i] = i;
  let hits = 0;
  for (let p = 0; p < permutations; p++) {
    // uniform random permutation (Fisher-Yates); its first nx indices form the new x side
    for (let i = N - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let i = 0; i < N; i++) labels[order[i]!] = i < nx ? 0 : 1;
    if (statistic <= mmdForLabels(labels, nx, ny, entry)) hits++;
  }
  return Object.freeze({ statistic, pValue: hits / permutations, sigma, permutations });
}
