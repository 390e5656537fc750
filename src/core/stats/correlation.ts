/**
 * Pearson and Spearman correlation of two row-aligned samples (concept-drift indicators: how a feature's
 * relation to the target changes between the reference and each chunk).
 * Pearson as `scipy.stats.pearsonr` (centred sums, two passes); Spearman = Pearson of average ranks,
 * as `scipy.stats.spearmanr` (ties get mid-ranks). NaN when a sample is constant or shorter than 2.
 * @module
 */
import { averageRanks, forEachTieGroup } from './rank.ts';
import { sortFloat64 } from './sort-float64.ts';

/** Pearson's r of `x` and `y` (`y` may be a 0/1 byte array: the same numbers, the same sums). */
export function pearson(x: Float64Array, y: Float64Array | Uint8Array): number {
  const n = x.length;
  if (n !== y.length || n < 2) return Number.NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

export function spearman(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length || x.length < 2) return Number.NaN;
  if (isBinary(y)) return spearmanBinary(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

function isBinary(y: Float64Array): boolean {
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) return false;
  return true;
}

/**
 * Spearman's ρ with a 0/1 sample, without ranking every row: ρ = Pearson(mid-ranks of x, y) is the point-biserial
 * correlation r = (M₁ − M₀)/σ · √(n₁n₀)/n, where M₁, M₀ are the mean mid-ranks of x in the two groups and σ² the
 * population variance of the mid-ranks, (n² − 1)/12 − Σ(t³ − t)/(12n) over tie groups of size t. The rank sum of the
 * group y = 1 comes from one merge of the two groups' sorted values (ties get mid-ranks), so only two plain sorts
 * are needed instead of an index sort of all rows.
 */
function spearmanBinary(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += y[i]!;
  const n0 = n - n1;
  if (n1 === 0 || n0 === 0) return Number.NaN;
  const ones = new Float64Array(n1);
  const zeros = new Float64Array(n0);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (y[i] === 1) ones[a++] = x[i]!;
    else zeros[b++] = x[i]!;
  }
  sortFloat64(ones);
  sortFloat64(zeros);
  let rankSumOnes = 0;
  let tieTerm = 0;
  forEachTieGroup(ones, zeros, (_value, countOnes, countZeros, below) => {
    const t = countOnes + countZeros;
    rankSumOnes += countOnes * (below + (t + 1) / 2);
    tieTerm += t * t * t - t;
  });
  return spearmanBinaryFromRankSum(n, n1, rankSumOnes, tieTerm);
}

/**
 * Spearman's ρ with a 0/1 sample from the rank sum of the ones: `n` values, `n1` of them ones,
 * `rankSumOnes` = Σ over the tie groups (ascending) of ones·(below + (t + 1)/2), `tieTerm` = Σ (t³ − t). The
 * point-biserial formula of {@link spearman}'s binary case; NaN when a group is empty or the ranks are constant.
 * Exported for callers that accumulate the sums another way (per-chunk ranks from one sorted order).
 */
export function spearmanBinaryFromRankSum(
  n: number,
  n1: number,
  rankSumOnes: number,
  tieTerm: number,
): number {
  const n0 = n - n1;
  if (n < 2 || n1 === 0 || n0 === 0) return Number.NaN;
  const variance = (n * n - 1) / 12 - tieTerm / (12 * n);
  if (!(variance > 0)) return Number.NaN;
  const m1 = rankSumOnes / n1;
  const m0 = ((n * (n + 1)) / 2 - rankSumOnes) / n0;
  const r = ((m1 - m0) / Math.sqrt(variance)) * (Math.sqrt(n1 * n0) / n);
  return Math.max(-1, Math.min(1, r));
}
