/**
 * Segment (cohort) analysis. Pure (no I/O).
 *
 * 1. `segmentTable(columns, options)` lists the segments: every value of each segment column (whatever its
 *    size) and, with `pairs` (default), every combination of two columns' values with at least `minRows`
 *    rows (default 30). Each segment has `rowIndices` (ascending `Uint32Array`). Guards: the
 *    `maxValuesPerColumn` (default 100) most frequent values per column, at most `maxSegments` (default 1000)
 *    segments, singles first. Rows with a missing value (code −1) are in no segment of that column unless
 *    `missingValue` names a segment for them.
 * 2. The caller computes any metric per segment on both sides: `selectRows(array, seg.rowIndices)` gathers a
 *    typed array's rows, so every metric function written for whole columns works unchanged. The reference
 *    side of the same segment comes from a `segmentTable` of the reference columns (match on `segment` and
 *    `value`; both tables should use the same column dictionaries or compare by value strings).
 * 3. `rankSegments(rows, { higherIsBetter })` orders them worst first by *degradation* versus their own
 *    reference (reference − metric when higher is better, metric − reference otherwise), flags segments with
 *    fewer than `minRows` rows (`tooFewRows`, ranked after the others), and gives the sampling error:
 *    - proportion metrics (`proportion: true`: accuracy, precision, recall, rates): the binomial standard error
 *      sqrt(p(1−p)/n), n = `sampleSize` (default rows; positives for recall, predicted positives for precision);
 *    - means of per-row terms (mean error, MAE, MSE, Brier, log loss): pass `meanStandardError(terms, rows)`;
 *    - anything else (ROC AUC, F1, RMSE, R², ...): pass `bootstrapStandardError(rows, metricFn)` (seeded);
 *    - the degradation's standard error is sqrt(se² + seRef²) and `withinNoise` marks |degradation| ≤ 1.96·it.
 *    When no standard error is known it is `null`; the segment is then only flagged by its row count.
 * @module
 */
export {
  type BootstrapOptions,
  type BootstrapStandardError,
  bootstrapStandardError,
} from './bootstrap-standard-error.ts';
export {
  type RankedSegment,
  type RankSegmentsOptions,
  rankSegments,
  type SegmentMetricRow,
} from './rank-segments.ts';
export {
  type Segment,
  type SegmentColumn,
  type SegmentTable,
  type SegmentTableOptions,
  segmentTable,
} from './segment-table.ts';
export { type RowArray, selectRows } from './select-rows.ts';
export { meanStandardError, proportionStandardError } from './standard-error.ts';
