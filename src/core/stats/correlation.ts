/**
 * Pearson and Spearman correlation of two row-aligned samples (concept-drift indicators: how a feature's
 * relation to the target changes between the reference and each chunk).
 * Pearson as `scipy.stats.pearsonr` (centred sums, two passes); Spearman = Pearson of average ranks,
 * as `scipy.stats.spearmanr` (ties get mid-ranks). NaN when a sample is constant or shorter than 2.
 * @module
 */
import { averageRanks } from './rank.ts';

export function pearson(x: Float64Array, y: Float64Array): number {
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
  return pearson(averageRanks(x), binaryRanks(y) ?? averageRanks(y));
}

/**
 * Average ranks of a 0/1 sample without sorting (a binary target is the common case): the n₀ zeros share
 * rank (n₀ + 1)/2 and the ones n₀ + (n₁ + 1)/2. Null when the sample is not 0/1.
 */
function binaryRanks(y: Float64Array): Float64Array | null {
  let zeros = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v === 0) zeros++;
    else if (v !== 1) return null;
  }
  const r0 = (zeros + 1) / 2;
  const r1 = zeros + (y.length - zeros + 1) / 2;
  const ranks = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) ranks[i] = y[i] === 0 ? r0 : r1;
  return ranks;
}
