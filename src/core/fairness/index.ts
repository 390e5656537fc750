/**
 * Fairness metrics for binary classifiers, one sensitive column at a time. Pure (no I/O).
 *
 * ## Input
 * Row-aligned typed arrays: group code per row (`Int32Array`, −1 = missing, those rows are ignored and
 * counted in `missingGroupRows`), group names, binary `prediction` and optional binary `target`
 * (`Uint8Array`, 1 = positive = the favourable outcome). Without a target only prediction-based metrics exist
 * (selection rate, demographic parity, disparate impact, Clarify DPPL and DI, FT); the others are `null`.
 *
 * ## Per group (`groups[]`)
 * rows, predictedPositives, positives, confusionMatrix {tn, fp, fn, tp}, selectionRate = n̂⁽¹⁾/n,
 * tpr = TP/(TP+FN), fpr = FP/(FP+TN), tnr = TN/(TN+FP), fnr = FN/(TP+FN), precision = TP/(TP+FP),
 * accuracy = (TP+TN)/n, disparateImpact = SR_g/SR_privileged, `tooFewRows` (rows < minGroupRows, default 30),
 * and `clarify` (below). A rate whose denominator is 0 is `NaN` (a group without positives has no TPR).
 * **Differs from scikit-learn/Fairlearn**, which return 0 there (`confusion_matrix(normalize='true')` applies
 * `np.nan_to_num`; `precision_score` has `zero_division='warn'` → 0.0): pass `zeroDivision: 0` to reproduce
 * Fairlearn exactly. An empty group (listed in `groups` but without rows) has NaN rates and is not compared.
 *
 * ## Overall (`overall`), Fairlearn definitions (fairlearn/fairlearn `fairlearn/metrics/_fairness_metrics.py`,
 * `method='between_groups'`: `group_max() − group_min()`, ratio `group_min() / group_max()`, NaN skipped)
 * - demographicParityDifference = max_g SR_g − min_g SR_g; demographicParityRatio = min_g SR_g / max_g SR_g.
 * - equalOpportunityDifference = max − min TPR (Fairlearn `equal_opportunity_difference`).
 * - equalizedOddsDifference = max(TPR difference, FPR difference) (Fairlearn `equalized_odds_difference`,
 *   agg='worst_case'); when one of the two is undefined the other is returned.
 * - predictiveParityDifference = max − min precision (PPV) (operations.md §5.1; same max−min convention).
 * - disparateImpact = min over the other compared groups of SR_g / SR_privileged, with `disparateImpactGroup`.
 *   **Privileged group**: `input.privileged` if given; otherwise the compared group with the highest selection
 *   rate (first on ties). Clarify itself has no privileged group: it compares each facet value with *all
 *   other rows* (see below), and the Uniform Guidelines compare every group with the highest-rate group. The
 *   highest-rate default follows the latter, so by default disparateImpact = demographicParityRatio ≤ 1;
 *   the largest group was rejected as a default because size says nothing about advantage.
 * - fourFifthsRule {passed, ratio, threshold, referenceGroup, failingGroups}: 29 CFR 1607.4(D), every compared
 *   group against the *highest-rate* group regardless of `privileged`; a ratio of exactly 0.8 passes;
 *   `passed: null` with fewer than two compared groups or when no group has a positive prediction.
 * - generalizedEntropy: Clarify GE (α = 2) over all rows.
 * "Compared" groups are the non-empty ones, minus those with rows < minGroupRows when `excludeSmallGroups`.
 *
 * ## SageMaker Clarify post-training metrics (`groups[].clarify`)
 * aws/amazon-sagemaker-clarify `src/smclarify/bias/metrics/posttraining.py` and `common.py`, exactly as
 * operations.md §5.2 tabulates them, computed for each group as the facet d against every other row (a), as
 * Clarify's report does for a categorical facet without named values: dppl, di, dcAcc (Clarify `DCA`), dcr,
 * rd, sd, dar, drr, ad, te, ft. Clarify's edge handling is mirrored: divide(0, 0) = 0, x/0 = ±∞, a difference
 * of two +∞ is 0, and an empty facet or rest gives `error` with every metric `null` (Clarify raises). Values
 * can therefore be ±Infinity; JSON writers must encode them (Clarify writes the string "Infinity").
 * Note the Clarify conventions differ from the per-group rates: Clarify's recall of a side without positives
 * is 0 (divide(0, 0)), not NaN.
 * - FT (flip test) needs no model, only the numeric features the model saw (`input.features`): a k-NN (k = 5,
 *   or 1 when a has ≤ 9 rows) fitted on a's features and *predicted* labels labels each d row "as if in a";
 *   FT = (#(model 1, k-NN 0) − #(model 0, k-NN 1)) / n_d. Without features FT is `null` with
 *   `ftSkipped: 'noFeatures'`; it is also skipped when n_a·n_d > `flipTestMaxPairs` (brute force), or a
 *   feature is not finite. Distance ties go to the lower row index (scikit-learn's order is unspecified).
 * - Not implemented: CDDPL (needs a stratifying group variable) and the pre-training metrics.
 * @module
 */

export { clarifyDifference, clarifyDivide } from './clarify-divide.ts';
export {
  CLARIFY_METRIC_CODES,
  type ClarifyCoreMetrics,
  type ClarifyError,
  clarifyPostTraining,
  type SideCounts,
} from './clarify-posttraining.ts';
export {
  type ClarifyFacetMetrics,
  type FairnessInput,
  type FairnessOptions,
  type FairnessOverall,
  type FairnessResult,
  fairnessMetrics,
  type GroupFairness,
} from './fairness-metrics.ts';
export {
  FLIP_TEST_DEFAULT_MAX_PAIRS,
  type FlipTestResult,
  type FlipTestSkipReason,
  flipTest,
} from './flip-test.ts';
export { type FourFifthsRule, fourFifthsRule } from './four-fifths-rule.ts';
export { generalizedEntropy } from './generalized-entropy.ts';
export { type ConfusionCounts, countByGroup, type GroupCounts, groupConfusion } from './group-counts.ts';
export { type GroupRates, groupRates } from './group-rates.ts';
export { rate, rateRatio, type ZeroDivision } from './rate.ts';
export { type Spread, spread } from './spread.ts';
