/**
 * Expected calibration error (ECE) with equal-count bins and the reliability curve.
 *
 * Definition (NannyML 0.x `nannyml/calibration.py::_get_bin_index_edges` and
 * `_calculate_expected_calibration_error`, Apache-2.0; the ECE that CBPE uses to decide on calibration):
 * - rows are ordered by score, ascending;
 * - bin edges are row positions: if n ≤ 2·bins, bins = ⌊n/2⌋ (fewer than 2 → undefined, NaN); width =
 *   ⌊n/bins⌋; edges = 0, width, 2·width, … ≤ n, and the last edge is replaced by n. When n is not a
 *   multiple of `bins` this can give more than `bins` bins for small n (n = 25, bins = 10: width 2, 12
 *   bins), exactly as NannyML does;
 * - ECE = Σ_b (n_b / n) · |mean score_b − fraction positive_b|.
 *
 * Ties: NannyML orders rows with NumPy's unstable `argsort`, so when a run of equal scores straddles a bin
 * edge, which of the tied rows land in which bin (and so the fraction positive) is arbitrary. Here every row of
 * a tie run counts as the run's mean target (the expected value over all orders of the tied rows): a bin
 * holding m of the g rows of a run with r positives gets m·r/g positives. Without ties at bin edges this is
 * identical to NannyML; the mean score of a bin never depends on the order.
 *
 * Computed from a {@link ClfCurve} (runs of equal scores with their positive counts), so it needs no sort
 * of its own: O(distinct scores + bins).
 * @module
 */
import type { ClfCurve } from './binary-clf-curve.ts';
import { checkOption } from './validate.ts';

export interface ReliabilityBin {
  /** Mean score of the rows in the bin. */
  readonly meanScore: number;
  /** Share of positive rows in the bin (tie runs split across bins count fractionally, see above). */
  readonly fractionPositive: number;
  /** Rows in the bin. */
  readonly count: number;
}

export interface Calibration {
  /** Σ |meanScore − fractionPositive|·count / n; NaN when fewer than 4 rows (NannyML cannot bin them). */
  readonly ece: number;
  /** One entry per bin, by increasing score; empty when `ece` is NaN. */
  readonly reliability: readonly ReliabilityBin[];
}

/**
 * Row positions of the equal-count bin edges (NannyML's rule, see the module comment): `[0, …, n]`, or `null`
 * when fewer than 2 bins are possible (n < 4).
 */
export function calibrationBinEdges(n: number, bins: number): number[] | null {
  checkOption(
    Number.isInteger(bins) && bins >= 1,
    `calibration bins must be a positive integer, got ${bins}`,
  );
  let b = bins;
  if (n <= 2 * b) {
    b = Math.floor(n / 2);
    if (b < 2) return null;
  }
  const width = Math.floor(n / b);
  const edges: number[] = [];
  for (let e = 0; e <= n; e += width) edges.push(e);
  edges[edges.length - 1] = n;
  return edges;
}

/** ECE and reliability curve of the curve's rows with `bins` equal-count bins (default 10). */
export function calibrationFromCurve(curve: ClfCurve, bins = 10): Calibration {
  const { thresholds, tps, fps } = curve;
  const m = tps.length;
  const n = m === 0 ? 0 : tps[m - 1]! + fps[m - 1]!;
  const edges = calibrationBinEdges(n, bins);
  if (edges === null) return Object.freeze({ ece: Number.NaN, reliability: Object.freeze([]) });
  const reliability: ReliabilityBin[] = [];
  let ece = 0;
  // Walk the runs of equal scores in ascending order: run g (from the bottom) is curve index m − 1 − g.
  let run = m - 1;
  let runStart = 0; // ascending row position of the run's first row
  const runSize = (i: number) => tps[i]! + fps[i]! - (i > 0 ? tps[i - 1]! + fps[i - 1]! : 0);
  const runPos = (i: number) => tps[i]! - (i > 0 ? tps[i - 1]! : 0);
  for (let b = 0; b + 1 < edges.length; b++) {
    const lo = edges[b]!;
    const hi = edges[b + 1]!;
    let scoreSum = 0;
    let posSum = 0;
    while (run >= 0) {
      const size = runSize(run);
      const runEnd = runStart + size;
      const overlap = Math.min(runEnd, hi) - Math.max(runStart, lo);
      if (overlap > 0) {
        const pos = runPos(run);
        scoreSum += overlap * thresholds[run]!;
        posSum += overlap === size ? pos : (overlap * pos) / size;
      }
      if (runEnd <= hi) {
        runStart = runEnd;
        run--;
      } else {
        break; // the run continues into the next bin
      }
    }
    const count = hi - lo;
    const meanScore = scoreSum / count;
    const fractionPositive = posSum / count;
    ece += (count / n) * Math.abs(meanScore - fractionPositive);
    reliability.push(Object.freeze({ meanScore, fractionPositive, count }));
  }
  return Object.freeze({ ece, reliability: Object.freeze(reliability) });
}
