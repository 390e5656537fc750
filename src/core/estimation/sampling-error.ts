/**
 * NannyML's sampling errors: standard errors of each metric for a chunk of n rows, extrapolated from the reference
 * data ("components" computed once at fit time).
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/sampling_error/binary_classification.py` and
 * `multiclass_classification.py` (Apache-2.0):
 * - generic: SE = σ / √(n · fraction) (`_universal_sampling_error`);
 * - ROC AUC: σ of the per-positive Mann–Whitney terms (number of negatives ranked below each positive, over the
 *   number of negatives; classes flipped, scores 1 − s, when positives are more than half), fraction = positive
 *   share. NannyML's rank walk skips the row at rank 0 (`np.unique(positive_ranks)[1:]`), reproduced here;
 * - F1: σ of [1 per TP, 0 per FN, 0 per FP] × (|TP ∪ FN ∪ FP| / (TP + ½(FN + FP))), fraction = share of those rows;
 *   precision: σ of [1 per TP, 0 per FP], fraction = predicted-positive share; recall: σ of [1 per TP, 0 per FN],
 *   fraction = positive share; specificity: σ of [1 per TN, 0 per FP], fraction = share of those rows;
 * - accuracy: σ(correct)/√n; confusion-matrix cell counts: σ(cell indicator)/√n · n;
 * - average precision: σ of the AP of 50 bootstrap resamples of min(⌊n_ref/2⌋, 50 000) reference rows, times
 *   √(sample size / n). NannyML draws them from numpy's unseeded global generator; here from
 *   `RandomState(seed)` (default 42), so that results are reproducible;
 * - multiclass (one-vs-rest per class, components are variances and, for F1, without the correcting factor):
 *   SE = √(Σ_c v_c / (n · f_c)) / k, times 1.2 for ROC AUC ("experiments showed the std underestimated the error by
 *   20 %"); accuracy σ(correct)/√n; AP √(mean_c v_c · size / n); confusion-matrix cells as binary.
 * Standard deviations and variances are numpy's (population, pairwise sums) over the same arrays NannyML builds.
 * @module
 */
import { numpySum } from '../stats/t-test.ts';
import { legacyRandomState } from './mt19937.ts';
import { numpyVar, onesThenZerosVar } from './numpy-moments.ts';
import { averagePrecisionOfOrder, averagePrecisionOfScoreCounts } from './realized-metrics.ts';
import { stableArgsort } from './stable-argsort.ts';

/** A sampling-error component: a variance and the share of rows it applies to. */
export interface SamplingComponent {
  /** Variance of the observation-level values on the reference (σ²). NaN when undefined. */
  readonly variance: number;
  /** Fraction of rows the metric is computed on (1 for accuracy and confusion-matrix cells). */
  readonly fraction: number;
}

/** Bootstrap component of average precision. */
export interface BootstrapComponent {
  /** Variance of the bootstrap APs. */
  readonly variance: number;
  /** Rows per bootstrap resample. */
  readonly sampleSize: number;
}

/** Counts of a binary (or one-vs-rest) confusion matrix. */
export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

export function countConfusion(
  isTarget: (i: number) => boolean,
  isPredicted: (i: number) => boolean,
  n: number,
): Counts {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    const t = isTarget(i);
    if (isPredicted(i)) {
      if (t) tp++;
      else fp++;
    } else if (t) fn++;
    else tn++;
  }
  return { tp, fp, fn, tn };
}

/**
 * ROC AUC component (`auroc_sampling_error_components`); `isPositive(i)` is the target of row i, `ascending` the
 * scores' ascending order if known.
 */
export function aurocComponent(
  isPositive: (i: number) => boolean,
  scores: Float64Array,
  ascending?: Uint32Array,
): SamplingComponent {
  const n = scores.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (isPositive(i)) positives++;
  const flip = positives / n > 0.5;
  const s = flip ? scores.map((v) => 1 - v) : scores;
  const positive = flip ? (i: number) => !isPositive(i) : isPositive;
  const nPos = flip ? n - positives : positives;
  const nNeg = n - nPos;
  const order = flip || !ascending ? stableArgsort(s) : ascending;
  const terms: number[] = [];
  for (let rank = 1; rank < n; rank++) {
    if (positive(order[rank]!)) terms.push((rank - terms.length) / nNeg);
  }
  return { variance: nNeg === 0 ? Number.NaN : numpyVar(Float64Array.from(terms)), fraction: nPos / n };
}

/** Binary threshold-metric components from reference counts (`f1_sampling_error_components`, …). */
export function binaryCountComponents(
  c: Counts,
  n: number,
): {
  readonly f1: SamplingComponent;
  readonly precision: SamplingComponent;
  readonly recall: SamplingComponent;
  readonly tnr: SamplingComponent;
} {
  const relevant = c.tp + c.fn + c.fp;
  const factor = relevant / ((c.fn + c.fp) * 0.5 + c.tp);
  return {
    f1:
      relevant === 0
        ? { variance: Number.NaN, fraction: 0 }
        : { variance: onesThenZerosVar(c.tp, c.fn + c.fp, factor), fraction: relevant / n },
    precision: { variance: onesThenZerosVar(c.tp, c.fp), fraction: (c.tp + c.fp) / n },
    recall: { variance: onesThenZerosVar(c.tp, c.fn), fraction: (c.tp + c.fn) / n },
    tnr: { variance: onesThenZerosVar(c.tn, c.fp), fraction: (c.tn + c.fp) / n },
  };
}

/** Multiclass per-class components (`multiclass_classification.py`: variances, F1 without correcting factor). */
export function oneVsRestCountComponents(
  c: Counts,
  n: number,
): {
  readonly f1: SamplingComponent;
  readonly precision: SamplingComponent;
  readonly recall: SamplingComponent;
  readonly tnr: SamplingComponent;
} {
  return {
    f1: { variance: onesThenZerosVar(c.tp, c.fn + c.fp), fraction: (c.tp + c.fn + c.fp) / n },
    precision: { variance: onesThenZerosVar(c.tp, c.fp), fraction: (c.tp + c.fp) / n },
    recall: { variance: onesThenZerosVar(c.tp, c.fn), fraction: (c.tp + c.fn) / n },
    tnr: { variance: onesThenZerosVar(c.tn, c.fp), fraction: (c.tn + c.fp) / n },
  };
}

/** Variance of a 0/1 indicator over the rows, in row order (`np.std(indicator)`²). */
export function indicatorVariance(indicator: (i: number) => boolean, n: number): number {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = indicator(i) ? 1 : 0;
  return numpyVar(values);
}

/**
 * Bootstrap AP components for one or more one-vs-rest problems, drawn in order from one `RandomState(seed)` (as
 * NannyML draws them from numpy's global generator, class after class): 50 resamples with replacement of
 * min(⌊n/2⌋, 50 000) rows each, `np.random.choice(n, size)`, and scikit-learn's average precision of each.
 * Technique: a resample's average precision depends only on its rows and positives per distinct score, counted
 * per resample in O(size + distinct scores); with nearly all scores distinct in a reference much larger than a
 * resample, an integer sort of the resample's ranks in the score order (`ascending`) instead.
 */
export function bootstrapApComponents(
  problems: ReadonlyArray<{
    readonly isPositive: (i: number) => boolean;
    readonly scores: Float64Array;
    /** The scores' ascending order (`stableArgsort(scores)`). */
    readonly ascending: Uint32Array;
  }>,
  seed: number,
): BootstrapComponent[] {
  const rng = legacyRandomState(seed);
  return problems.map(({ isPositive, scores, ascending }) => {
    const n = scores.length;
    const size = Math.min(Math.floor(n / 2), 50_000);
    if (size === 0) return { variance: Number.NaN, sampleSize: 0 };
    // The distinct scores in ascending order: `groupOf[row]` is the row's score's position among them.
    const groupOf = new Uint32Array(n);
    let groups = 0;
    for (let r = 0; r < n; r++) {
      if (r > 0 && scores[ascending[r]!] !== scores[ascending[r - 1]!]) groups++;
      groupOf[ascending[r]!] = groups;
    }
    groups++;
    const results = new Float64Array(50);
    const drawn = new Uint32Array(size);
    if (groups <= 4 * size) {
      // A resample as its rows and positives per distinct score (what the precision-recall curve depends on),
      // O(size + distinct scores) per resample.
      const positive = new Uint8Array(n);
      for (let row = 0; row < n; row++) positive[row] = isPositive(row) ? 1 : 0;
      const rowsPer = new Float64Array(groups);
      const positivesPer = new Float64Array(groups);
      for (let e = 0; e < 50; e++) {
        rng.intervals(n - 1, drawn);
        rowsPer.fill(0);
        positivesPer.fill(0);
        for (let j = 0; j < size; j++) {
          const row = drawn[j]!;
          const g = groupOf[row]!;
          rowsPer[g]!++;
          positivesPer[g]! += positive[row]!;
        }
        results[e] = averagePrecisionOfScoreCounts(positivesPer, rowsPer);
      }
    } else {
      // Nearly all scores distinct and a reference much larger than a resample: an integer sort of the
      // resample's ranks.
      const rankOf = new Uint32Array(n);
      for (let r = 0; r < n; r++) rankOf[ascending[r]!] = r;
      const rows = new Uint32Array(size);
      for (let e = 0; e < 50; e++) {
        rng.intervals(n - 1, drawn);
        for (let j = 0; j < size; j++) drawn[j] = rankOf[drawn[j]!]!;
        drawn.sort();
        for (let j = 0; j < size; j++) rows[j] = ascending[drawn[j]!]!;
        results[e] = averagePrecisionOfOrder(isPositive, scores, rows);
      }
    }
    return { variance: numpyVar(results), sampleSize: size };
  });
}

/** σ / √(n · fraction). */
export function universalSamplingError(component: SamplingComponent, n: number): number {
  return Math.sqrt(component.variance) / Math.sqrt(n * component.fraction);
}

/** Multiclass: √(Σ_c v_c / (n · f_c)) / k (`_standard_deviation_of_variances`). */
export function multiclassSamplingError(components: readonly SamplingComponent[], n: number): number {
  const terms = Float64Array.from(components, (c) => c.variance / (n * c.fraction));
  return Math.sqrt(numpySum(terms)) / components.length;
}
