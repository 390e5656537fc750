/**
 * Rank segments by how much worse their metric is than the same segment's metric on the reference data,
 * with the sampling error beside each change so that small segments are flagged instead of read as findings.
 * @module
 */
import { UsageError } from '../errors.ts';
import { proportionStandardError } from './standard-error.ts';

/** One segment's metric on the current data and on the reference data. */
export interface SegmentMetricRow {
  readonly segment: string | readonly [string, string];
  readonly value: string | readonly [string, string];
  /** Rows of the segment in the current data. */
  readonly rows: number;
  /** The metric on the segment's current rows. */
  readonly metric: number;
  /** The metric on the same segment's reference rows, `null` when the segment has no reference rows. */
  readonly referenceMetric: number | null;
  /**
   * Standard error of `metric` when the caller knows it (e.g. from `bootstrapStandardError` or
   * `meanStandardError`). Without it, a proportion metric gets sqrt(p(1−p)/n); other metrics get none.
   */
  readonly standardError?: number;
  /** Standard error of `referenceMetric`, as above. */
  readonly referenceStandardError?: number;
  /**
   * Observations a proportion metric is taken over, when they are not the rows (positives for recall,
   * predicted positives for precision). Default: `rows`.
   */
  readonly sampleSize?: number;
  /** Observations of the reference proportion (reference rows, positives, ...). Needed for its standard error. */
  readonly referenceSampleSize?: number;
}

/** Options of {@link rankSegments}. */
export interface RankSegmentsOptions {
  /** `true` for accuracy, F1, AUC...; `false` for errors (MAE, log loss...). Required. */
  readonly higherIsBetter: boolean;
  /** The metric is a proportion in [0, 1], so its standard error is sqrt(p(1−p)/n) (default `false`). */
  readonly proportion?: boolean;
  /** Segments with fewer current rows are flagged `tooFewRows` and ranked after the others (default 30). */
  readonly minRows?: number;
  /** A degradation within ±z standard errors is flagged `withinNoise` (default 1.96, a 95 % two-sided band). */
  readonly z?: number;
}

/** A ranked segment. */
export interface RankedSegment {
  /** 1 = worst. */
  readonly rank: number;
  readonly segment: string | readonly [string, string];
  readonly value: string | readonly [string, string];
  readonly rows: number;
  readonly metric: number;
  readonly referenceMetric: number | null;
  /**
   * How much worse than its reference, in metric units: reference − metric when higher is better, metric −
   * reference otherwise. Positive = degraded. `null` without a reference or when either value is not finite.
   */
  readonly degradation: number | null;
  /** `degradation / |referenceMetric|`; `null` when undefined (no reference, reference 0). */
  readonly relativeDegradation: number | null;
  /** Standard error of `metric` (given, or the proportion formula), `null` when unknown. */
  readonly standardError: number | null;
  /**
   * Standard error of `degradation`: sqrt(se² + seRef²), with seRef taken as 0 when unknown (then it
   * understates the noise a little; the reference is usually the larger sample). `null` when se is unknown.
   */
  readonly degradationStandardError: number | null;
  /** `rows < minRows`. */
  readonly tooFewRows: boolean;
  /** |degradation| ≤ z·degradationStandardError; `null` when either is unknown. */
  readonly withinNoise: boolean | null;
}

function knownSe(se: number | undefined): number | null {
  return se !== undefined && Number.isFinite(se) && se >= 0 ? se : null;
}

/**
 * Rank segments, worst first: segments with enough rows and a defined degradation by decreasing degradation;
 * then segments with too few rows, also by decreasing degradation; then segments without a defined
 * degradation. Ties keep the larger segment first, then input order.
 */
export function rankSegments(
  rows: readonly SegmentMetricRow[],
  options: RankSegmentsOptions,
): readonly RankedSegment[] {
  const { higherIsBetter, proportion = false, minRows = 30, z = 1.96 } = options;
  if (typeof higherIsBetter !== 'boolean') {
    throw new UsageError('DW_SEGMENTS_BAD_OPTION', 'higherIsBetter must be true or false.');
  }
  if (!(minRows >= 0) || !(z >= 0)) {
    throw new UsageError('DW_SEGMENTS_BAD_OPTION', `minRows (${minRows}) and z (${z}) must be ≥ 0.`);
  }
  const ranked = rows.map((r, index) => {
    const ref = r.referenceMetric;
    const defined = ref !== null && Number.isFinite(ref) && Number.isFinite(r.metric);
    const degradation = defined ? (higherIsBetter ? ref - r.metric : r.metric - ref) : null;
    const relativeDegradation = degradation !== null && ref !== 0 ? degradation / Math.abs(ref!) : null;
    let se = knownSe(r.standardError);
    if (se === null && proportion) se = knownSe(proportionStandardError(r.metric, r.sampleSize ?? r.rows));
    let seRef = knownSe(r.referenceStandardError);
    if (seRef === null && proportion && ref !== null && r.referenceSampleSize !== undefined) {
      seRef = knownSe(proportionStandardError(ref, r.referenceSampleSize));
    }
    const degradationStandardError = se === null ? null : Math.hypot(se, seRef ?? 0);
    const withinNoise =
      degradation === null || degradationStandardError === null
        ? null
        : Math.abs(degradation) <= z * degradationStandardError;
    const tooFewRows = r.rows < minRows;
    const tier = degradation === null ? 2 : tooFewRows ? 1 : 0;
    return {
      index,
      tier,
      out: {
        segment: r.segment,
        value: r.value,
        rows: r.rows,
        metric: r.metric,
        referenceMetric: ref,
        degradation,
        relativeDegradation,
        standardError: se,
        degradationStandardError,
        tooFewRows,
        withinNoise,
      },
    };
  });
  ranked.sort(
    (p, q) =>
      p.tier - q.tier ||
      (q.out.degradation ?? 0) - (p.out.degradation ?? 0) ||
      q.out.rows - p.out.rows ||
      p.index - q.index,
  );
  return Object.freeze(ranked.map((r, i) => Object.freeze({ rank: i + 1, ...r.out })));
}
