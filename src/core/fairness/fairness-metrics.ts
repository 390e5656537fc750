/**
 * Fairness metrics for one sensitive column: per-group rates, Fairlearn-style disparities, disparate impact
 * with the four-fifths rule, and SageMaker Clarify's post-training metrics per group (facet) against the rest.
 * Definitions and sources are listed in `index.ts`.
 * @module
 */
import { UsageError } from '../errors.ts';
import { type ClarifyCoreMetrics, clarifyPostTraining, type SideCounts } from './clarify-posttraining.ts';
import { FLIP_TEST_DEFAULT_MAX_PAIRS, type FlipTestSkipReason, flipTest } from './flip-test.ts';
import { type FourFifthsRule, fourFifthsRule } from './four-fifths-rule.ts';
import { generalizedEntropy } from './generalized-entropy.ts';
import { type ConfusionCounts, countByGroup, groupConfusion } from './group-counts.ts';
import { type GroupRates, groupRates } from './group-rates.ts';
import { rateRatio, type ZeroDivision } from './rate.ts';
import { spread } from './spread.ts';

/** Row-aligned input for one sensitive column. Rows with a missing target/prediction are dropped by the caller. */
export interface FairnessInput {
  /** Group index per row into `groups`; −1 marks a missing sensitive value (row ignored, counted). */
  readonly groupCodes: Int32Array;
  /** Group names by code (distinct). A group may have no rows. */
  readonly groups: readonly string[];
  /** Predicted label per row, 0/1 (1 = positive, i.e. favourable, outcome). */
  readonly prediction: Uint8Array;
  /** Observed label per row, 0/1. Without it only prediction-based metrics are computed; the rest are `null`. */
  readonly target?: Uint8Array;
  /**
   * The privileged (advantaged, reference) group for `disparateImpact`. Default: the compared group with the
   * highest selection rate (first in `groups` on ties), the four-fifths rule's reference group.
   */
  readonly privileged?: string;
  /**
   * Numeric feature columns for Clarify's flip test (FT), row-aligned, finite in the rows used. Without them
   * FT is `null` with `ftSkipped: 'noFeatures'`.
   */
  readonly features?: readonly Float64Array[];
}

/** Options of {@link fairnessMetrics}. */
export interface FairnessOptions {
  /** Groups with fewer rows are flagged `tooFewRows` (default 30, operations.md §5.3's audit minimum). */
  readonly minGroupRows?: number;
  /**
   * When `true`, groups flagged `tooFewRows` take no part in the overall gaps, ratios, the default privileged
   * group and the four-fifths rule (default `false`: every non-empty group does, as in Fairlearn).
   */
  readonly excludeSmallGroups?: boolean;
  /** Value of a per-group rate with a zero denominator (default `'nan'`; `0` reproduces Fairlearn/scikit-learn). */
  readonly zeroDivision?: ZeroDivision;
  /** Four-fifths rule threshold (default 0.8). */
  readonly fourFifthsThreshold?: number;
  /** Flip test budget: skip FT for a facet when n_a·n_d exceeds it (default 2e7). */
  readonly flipTestMaxPairs?: number;
}

/** Clarify's post-training metrics with this group as the facet d and every other row as a. */
export interface ClarifyFacetMetrics extends ClarifyCoreMetrics {
  /** n_d. */
  readonly facetRows: number;
  /** n_a (all other rows with a known group). */
  readonly restRows: number;
  /** Flip test, `null` when skipped. */
  readonly ft: number | null;
  /** Why FT was not computed, `null` when it was. */
  readonly ftSkipped: FlipTestSkipReason | null;
}

/** Metrics of one group. */
export interface GroupFairness extends GroupRates {
  readonly group: string;
  readonly rows: number;
  /** `rows < minGroupRows`: the rates are too noisy to read much into. */
  readonly tooFewRows: boolean;
  /** Whether the group took part in the overall gaps (non-empty, and not excluded as small). */
  readonly compared: boolean;
  /** Rows predicted positive (n̂⁽¹⁾). */
  readonly predictedPositives: number;
  /** Rows with target 1 (n⁽¹⁾), `null` without a target. */
  readonly positives: number | null;
  /** `null` without a target. */
  readonly confusionMatrix: ConfusionCounts | null;
  /** Selection rate ÷ the privileged group's selection rate (`NaN` if undefined, `Infinity` if it is 0). */
  readonly disparateImpact: number;
  readonly clarify: ClarifyFacetMetrics;
}

/** Overall (between-group) metrics. */
export interface FairnessOverall {
  /** Selection rate over all rows with a known group. */
  readonly selectionRate: number;
  /** The privileged group used for `disparateImpact`, `null` when no group could be compared. */
  readonly privileged: string | null;
  /** Where `privileged` came from. */
  readonly privilegedSource: 'option' | 'highestSelectionRate';
  /** Groups that took part in the gaps, in input order. */
  readonly comparedGroups: readonly string[];
  /** Non-empty groups flagged `tooFewRows`, in input order. */
  readonly smallGroups: readonly string[];
  /** max − min selection rate (Fairlearn `demographic_parity_difference`, between_groups). */
  readonly demographicParityDifference: number;
  /** min ÷ max selection rate (Fairlearn `demographic_parity_ratio`). */
  readonly demographicParityRatio: number;
  /** Lowest selection-rate ratio of a compared unprivileged group to the privileged group. */
  readonly disparateImpact: number;
  /** The unprivileged group attaining `disparateImpact`. */
  readonly disparateImpactGroup: string | null;
  readonly fourFifthsRule: FourFifthsRule;
  /** max − min TPR (Fairlearn `equal_opportunity_difference`). */
  readonly equalOpportunityDifference: number | null;
  /** max(TPR gap, FPR gap) (Fairlearn `equalized_odds_difference`, agg='worst_case'). */
  readonly equalizedOddsDifference: number | null;
  /** max − min precision (PPV) across groups. */
  readonly predictiveParityDifference: number | null;
  /** Clarify GE (α = 2) over all rows with a known group. */
  readonly generalizedEntropy: number | null;
}

/** Result of {@link fairnessMetrics}. */
export interface FairnessResult {
  /** Rows with a known group. */
  readonly rows: number;
  /** Rows whose group code was −1, ignored. */
  readonly missingGroupRows: number;
  readonly hasTarget: boolean;
  /** One entry per group, in input order (empty groups included, with `NaN` rates). */
  readonly groups: readonly GroupFairness[];
  readonly overall: FairnessOverall;
}

function checkOptions(o: FairnessOptions): void {
  const bad = (name: string, v: unknown, want: string) =>
    new UsageError('DW_FAIRNESS_BAD_OPTION', `${name} is ${String(v)}; it must be ${want}.`);
  if (o.minGroupRows !== undefined && !(o.minGroupRows >= 0 && Number.isFinite(o.minGroupRows))) {
    throw bad('minGroupRows', o.minGroupRows, 'a finite number ≥ 0');
  }
  if (o.zeroDivision !== undefined && o.zeroDivision !== 'nan' && o.zeroDivision !== 0) {
    throw bad('zeroDivision', o.zeroDivision, "'nan' or 0");
  }
  if (o.fourFifthsThreshold !== undefined && !(o.fourFifthsThreshold > 0 && o.fourFifthsThreshold <= 1)) {
    throw bad('fourFifthsThreshold', o.fourFifthsThreshold, 'in (0, 1]');
  }
  if (o.flipTestMaxPairs !== undefined && !(o.flipTestMaxPairs >= 0)) {
    throw bad('flipTestMaxPairs', o.flipTestMaxPairs, 'a number ≥ 0');
  }
}

/** Row indices per group code (ascending), by counting sort. */
function rowsByGroup(codes: Int32Array, rows: Float64Array): Uint32Array[] {
  const out = Array.from(rows, (r) => new Uint32Array(r));
  const fill = new Int32Array(rows.length);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i]!;
    if (g >= 0) out[g]![fill[g]!++] = i;
  }
  return out;
}

/** Rows of every group but `g`, ascending. */
function restOf(codes: Int32Array, g: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let k = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= 0 && c !== g) out[k++] = i;
  }
  return out;
}

/**
 * Fairness metrics of one sensitive column.
 * @throws UsageError on mismatched lengths, out-of-range group codes, non-binary labels, duplicate group
 *   names, an unknown `privileged` group, feature columns of the wrong length, or bad options.
 */
export function fairnessMetrics(input: FairnessInput, options: FairnessOptions = {}): FairnessResult {
  checkOptions(options);
  const {
    minGroupRows = 30,
    excludeSmallGroups = false,
    zeroDivision = 'nan',
    fourFifthsThreshold = 0.8,
    flipTestMaxPairs = FLIP_TEST_DEFAULT_MAX_PAIRS,
  } = options;
  const { groupCodes, groups, prediction, target, privileged, features } = input;
  if (new Set(groups).size !== groups.length) {
    throw new UsageError(
      'DW_FAIRNESS_DUPLICATE_GROUP',
      `groups must be distinct: ${JSON.stringify(groups)}.`,
    );
  }
  if (features !== undefined) {
    for (const [j, f] of features.entries()) {
      if (f.length !== groupCodes.length) {
        throw new UsageError(
          'DW_FAIRNESS_LENGTH_MISMATCH',
          `features[${j}] has ${f.length} entries but there are ${groupCodes.length} rows.`,
        );
      }
    }
  }
  let privilegedCode = -1;
  if (privileged !== undefined) {
    privilegedCode = groups.indexOf(privileged);
    if (privilegedCode === -1) {
      throw new UsageError(
        'DW_FAIRNESS_UNKNOWN_PRIVILEGED',
        `privileged group ${JSON.stringify(privileged)} is not one of ${JSON.stringify(groups)}.`,
      );
    }
  }

  const counts = countByGroup(groupCodes, groups.length, prediction, target);
  const k = groups.length;
  const hasTarget = counts.confusion !== null;
  let totalRows = 0;
  let totalPredicted = 0;
  const total = { tn: 0, fp: 0, fn: 0, tp: 0 };
  const confusions: (ConfusionCounts | null)[] = [];
  for (let g = 0; g < k; g++) {
    totalRows += counts.rows[g]!;
    totalPredicted += counts.predictedPositives[g]!;
    const c = counts.confusion === null ? null : groupConfusion(counts.confusion, g);
    confusions.push(c);
    if (c !== null) {
      total.tn += c.tn;
      total.fp += c.fp;
      total.fn += c.fn;
      total.tp += c.tp;
    }
  }

  const rates = confusions.map((c, g) =>
    groupRates(counts.rows[g]!, counts.predictedPositives[g]!, c, zeroDivision),
  );
  const small = Array.from(counts.rows, (r) => r < minGroupRows);
  const compared = Array.from(counts.rows, (r, g) => r > 0 && !(excludeSmallGroups && small[g]));

  // Privileged group: the option, else the compared group with the highest selection rate.
  const privilegedSource = privileged !== undefined ? 'option' : 'highestSelectionRate';
  if (privileged === undefined) {
    for (let g = 0; g < k; g++) {
      if (!compared[g]) continue;
      if (
        privilegedCode === -1 ||
        counts.predictedPositives[g]! * counts.rows[privilegedCode]! >
          counts.predictedPositives[privilegedCode]! * counts.rows[g]!
      ) {
        privilegedCode = g;
      }
    }
  }
  const diByGroup = Array.from(counts.rows, (r, g) =>
    privilegedCode === -1 || r === 0 || counts.rows[privilegedCode]! === 0
      ? Number.NaN
      : rateRatio(
          counts.predictedPositives[g]!,
          r,
          counts.predictedPositives[privilegedCode]!,
          counts.rows[privilegedCode]!,
        ),
  );
  let disparateImpact = Number.NaN;
  let disparateImpactGroup: string | null = null;
  if (privilegedCode !== -1 && compared[privilegedCode]) {
    for (let g = 0; g < k; g++) {
      if (g === privilegedCode || !compared[g] || Number.isNaN(diByGroup[g]!)) continue;
      if (disparateImpactGroup === null || diByGroup[g]! < disparateImpact) {
        disparateImpact = diByGroup[g]!;
        disparateImpactGroup = groups[g]!;
      }
    }
  }

  const sr = spread(
    rates.map((r) => r.selectionRate),
    compared,
  );
  let equalOpportunityDifference: number | null = null;
  let equalizedOddsDifference: number | null = null;
  let predictiveParityDifference: number | null = null;
  let ge: number | null = null;
  if (hasTarget) {
    const tprGap = spread(
      rates.map((r) => r.tpr!),
      compared,
    ).difference;
    const fprGap = spread(
      rates.map((r) => r.fpr!),
      compared,
    ).difference;
    equalOpportunityDifference = tprGap;
    // Fairlearn takes max() of the two gaps; an undefined gap (no compared group has positives, resp.
    // negatives) is left out rather than making the result depend on argument order as Python's max does.
    equalizedOddsDifference = Number.isNaN(tprGap)
      ? fprGap
      : Number.isNaN(fprGap)
        ? tprGap
        : Math.max(tprGap, fprGap);
    predictiveParityDifference = spread(
      rates.map((r) => r.precision!),
      compared,
    ).difference;
    ge = generalizedEntropy(total);
  }

  // Clarify, one facet per group against all other rows with a known group.
  const byGroupRows = features !== undefined ? rowsByGroup(groupCodes, counts.rows) : null;
  const groupResults: GroupFairness[] = [];
  for (let g = 0; g < k; g++) {
    const rows = counts.rows[g]!;
    const c = confusions[g]!;
    const d: SideCounts = { rows, predictedPositives: counts.predictedPositives[g]!, confusion: c };
    const a: SideCounts = {
      rows: totalRows - rows,
      predictedPositives: totalPredicted - d.predictedPositives,
      confusion:
        c === null
          ? null
          : { tn: total.tn - c.tn, fp: total.fp - c.fp, fn: total.fn - c.fn, tp: total.tp - c.tp },
    };
    const core = clarifyPostTraining(a, d);
    let ft: number | null = null;
    let ftSkipped: FlipTestSkipReason | null = null;
    if (core.error !== null) ftSkipped = core.error;
    else if (byGroupRows === null || features === undefined) ftSkipped = 'noFeatures';
    else if (a.rows * d.rows > flipTestMaxPairs) ftSkipped = 'tooManyPairs';
    else {
      const res = flipTest(
        features,
        byGroupRows[g]!,
        restOf(groupCodes, g, a.rows),
        prediction,
        flipTestMaxPairs,
      );
      ft = res.value;
      ftSkipped = res.skipped;
    }
    groupResults.push(
      Object.freeze({
        group: groups[g]!,
        rows,
        tooFewRows: small[g]!,
        compared: compared[g]!,
        predictedPositives: d.predictedPositives,
        positives: c === null ? null : c.tp + c.fn,
        confusionMatrix: c === null ? null : Object.freeze({ ...c }),
        ...rates[g]!,
        disparateImpact: diByGroup[g]!,
        clarify: Object.freeze({ ...core, facetRows: d.rows, restRows: a.rows, ft, ftSkipped }),
      }),
    );
  }

  const overall: FairnessOverall = Object.freeze({
    selectionRate: totalRows === 0 ? Number.NaN : totalPredicted / totalRows,
    privileged: privilegedCode === -1 ? null : groups[privilegedCode]!,
    privilegedSource,
    comparedGroups: Object.freeze(groups.filter((_, g) => compared[g])),
    smallGroups: Object.freeze(groups.filter((_, g) => small[g] && counts.rows[g]! > 0)),
    demographicParityDifference: sr.difference,
    demographicParityRatio: sr.ratio,
    disparateImpact,
    disparateImpactGroup,
    fourFifthsRule: fourFifthsRule(
      counts.predictedPositives,
      counts.rows,
      compared,
      groups,
      fourFifthsThreshold,
    ),
    equalOpportunityDifference,
    equalizedOddsDifference,
    predictiveParityDifference,
    generalizedEntropy: ge,
  });
  return Object.freeze({
    rows: totalRows,
    missingGroupRows: counts.missingGroupRows,
    hasTarget,
    groups: Object.freeze(groupResults),
    overall,
  });
}
