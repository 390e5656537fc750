/**
 * SageMaker Clarify post-training bias metrics for one facet `d` against the rest `a`
 * (operations.md §5.2). Ported from aws/amazon-sagemaker-clarify `src/smclarify/bias/metrics/posttraining.py`
 * (DPPL, DI, DCA, DCR, RD, SD, DAR, DRR, AD, TE) and `common.py` (`DPL`, `DCO`, `DLR`, `DLA`), computed from
 * confusion counts instead of boolean pandas masks. Clarify's report, when no facet value is named, computes
 * every metric once per facet value `v` with d = rows where the facet equals `v` and a = all other rows
 * (`report.py` `_do_report`: `[[val] for val in facet_data_series.unique()]`); we do the same per group.
 *
 * Notation (Clarify's): n_a, n_d rows; n⁽¹⁾ observed positives, n⁽⁰⁾ observed negatives; n̂⁽¹⁾, n̂⁽⁰⁾ predicted
 * positives/negatives; TP, FP, FN, TN per side. `divide` is Clarify's (0/0 = 0, x/0 = ±∞) and a difference of
 * two +∞ is 0 (see `clarify-divide.ts`).
 * - DPPL = n̂_a⁽¹⁾/n_a − n̂_d⁽¹⁾/n_d (plain division: both sides are non-empty)
 * - DI = divide(n̂_d⁽¹⁾/n_d, n̂_a⁽¹⁾/n_a)
 * - DCAcc = divide(n_a⁽¹⁾, n̂_a⁽¹⁾) − divide(n_d⁽¹⁾, n̂_d⁽¹⁾)   (Clarify's function is named `DCA`)
 * - DCR = divide(n_d⁽⁰⁾, n̂_d⁽⁰⁾) − divide(n_a⁽⁰⁾, n̂_a⁽⁰⁾)
 * - RD = divide(TP_a, TP_a+FN_a) − divide(TP_d, TP_d+FN_d)
 * - SD = divide(TN_d, TN_d+FP_d) − divide(TN_a, TN_a+FP_a)
 * - DAR = divide(TP_a, n̂_a⁽¹⁾) − divide(TP_d, n̂_d⁽¹⁾)
 * - DRR = divide(TN_d, n̂_d⁽⁰⁾) − divide(TN_a, n̂_a⁽⁰⁾)
 * - AD = divide(TP_a+TN_a, n_a) − divide(TP_d+TN_d, n_d)
 * - TE = divide(FN_d, FP_d) − divide(FN_a, FP_a)
 * Clarify raises `ValueError("Facet set is empty")` / `("Negated facet set is empty")` for an empty side and
 * its report turns that into a metric without a value; we return `null` metrics with `error` set.
 * @module
 */
import { clarifyDifference as diff, clarifyDivide as divide } from './clarify-divide.ts';
import type { ConfusionCounts } from './group-counts.ts';

/** Counts of one side (facet d or rest a). */
export interface SideCounts {
  readonly rows: number;
  readonly predictedPositives: number;
  /** `null` when there is no target. */
  readonly confusion: ConfusionCounts | null;
}

/** Why Clarify would not compute the metrics for a facet. */
export type ClarifyError = 'emptyFacet' | 'emptyRest';

/** Clarify's post-training metrics other than FT (see `flip-test.ts`). Label-based ones are `null` without a target. */
export interface ClarifyCoreMetrics {
  /** `null` when the metrics could be computed; otherwise why not (every metric is then `null`). */
  readonly error: ClarifyError | null;
  readonly dppl: number | null;
  readonly di: number | null;
  readonly dcAcc: number | null;
  readonly dcr: number | null;
  readonly rd: number | null;
  readonly sd: number | null;
  readonly dar: number | null;
  readonly drr: number | null;
  readonly ad: number | null;
  readonly te: number | null;
}

/** Display codes of the metrics, as Clarify and its model-monitor documentation name them. */
export const CLARIFY_METRIC_CODES = Object.freeze({
  dppl: 'DPPL',
  di: 'DI',
  dcAcc: 'DCAcc',
  dcr: 'DCR',
  rd: 'RD',
  sd: 'SD',
  dar: 'DAR',
  drr: 'DRR',
  ad: 'AD',
  te: 'TE',
  ft: 'FT',
} as const);

const NO_METRICS = {
  dppl: null,
  di: null,
  dcAcc: null,
  dcr: null,
  rd: null,
  sd: null,
  dar: null,
  drr: null,
  ad: null,
  te: null,
} as const;

/**
 * Clarify post-training metrics of facet `d` against the rest `a`.
 * @param a - counts of the rest (Clarify's "negated facet", the advantaged side).
 * @param d - counts of the facet (Clarify's "sensitive facet").
 */
export function clarifyPostTraining(a: SideCounts, d: SideCounts): ClarifyCoreMetrics {
  if (d.rows === 0) return { error: 'emptyFacet', ...NO_METRICS };
  if (a.rows === 0) return { error: 'emptyRest', ...NO_METRICS };
  const qa = a.predictedPositives / a.rows;
  const qd = d.predictedPositives / d.rows;
  const dppl = qa - qd;
  const di = divide(qd, qa);
  if (a.confusion === null || d.confusion === null) {
    return { ...NO_METRICS, error: null, dppl, di };
  }
  const A = a.confusion;
  const D = d.confusion;
  const aNeg = a.rows - a.predictedPositives;
  const dNeg = d.rows - d.predictedPositives;
  return {
    error: null,
    dppl,
    di,
    dcAcc: diff(divide(A.fn + A.tp, a.predictedPositives), divide(D.fn + D.tp, d.predictedPositives)),
    dcr: diff(divide(D.tn + D.fp, dNeg), divide(A.tn + A.fp, aNeg)),
    rd: diff(divide(A.tp, A.tp + A.fn), divide(D.tp, D.tp + D.fn)),
    sd: diff(divide(D.tn, D.tn + D.fp), divide(A.tn, A.tn + A.fp)),
    dar: diff(divide(A.tp, a.predictedPositives), divide(D.tp, d.predictedPositives)),
    drr: diff(divide(D.tn, dNeg), divide(A.tn, aNeg)),
    ad: diff(divide(A.tp + A.tn, a.rows), divide(D.tp + D.tn, d.rows)),
    te: diff(divide(D.fn, D.fp), divide(A.fn, A.fp)),
  };
}
