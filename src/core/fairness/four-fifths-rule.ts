/**
 * The four-fifths (80 %) rule of the US Uniform Guidelines on Employee Selection Procedures,
 * 29 CFR 1607.4(D) (https://www.law.cornell.edu/cfr/text/29/1607.4): "A selection rate for any race, sex, or
 * ethnic group which is less than four-fifths (4/5) (or eighty percent) of the rate for the group with the
 * highest rate will generally be regarded ... as evidence of adverse impact". So every group is compared
 * with the highest-rate group, whichever group is called privileged, and a ratio of exactly 0.8 passes.
 * It is a screening heuristic, not a finding (operations.md §5.1).
 * @module
 */
import { rateRatio } from './rate.ts';

/** Outcome of the four-fifths rule. */
export interface FourFifthsRule {
  /**
   * `true` when every compared group's selection rate is at least `threshold` × the highest rate;
   * `null` when it cannot be judged (fewer than two compared groups, or no group has any positive prediction).
   */
  readonly passed: boolean | null;
  /** Lowest selection rate ÷ highest selection rate over the compared groups (`NaN` when not judged). */
  readonly ratio: number;
  /** The threshold used (default 0.8). */
  readonly threshold: number;
  /** The group with the highest selection rate (first one on ties), `null` when not judged. */
  readonly referenceGroup: string | null;
  /** Groups whose ratio to the reference group is below the threshold, in input order. */
  readonly failingGroups: readonly string[];
}

/**
 * Apply the rule to per-group counts.
 * @param predictedPositives - selected rows per group code.
 * @param rows - rows per group code.
 * @param compared - which groups take part (non-empty, and large enough if the caller excludes small groups).
 * @param groups - group names by code.
 * @param threshold - default 0.8.
 */
export function fourFifthsRule(
  predictedPositives: ArrayLike<number>,
  rows: ArrayLike<number>,
  compared: ArrayLike<boolean>,
  groups: readonly string[],
  threshold = 0.8,
): FourFifthsRule {
  let ref = -1;
  let count = 0;
  for (let g = 0; g < groups.length; g++) {
    if (!compared[g]) continue;
    count++;
    // Compare x_g/n_g > x_ref/n_ref by cross-multiplication (exact for realistic counts).
    if (ref === -1 || predictedPositives[g]! * rows[ref]! > predictedPositives[ref]! * rows[g]!) ref = g;
  }
  const notJudged = Object.freeze({
    passed: null,
    ratio: Number.NaN,
    threshold,
    referenceGroup: null,
    failingGroups: Object.freeze([]),
  });
  if (count < 2 || ref === -1 || predictedPositives[ref]! === 0) return notJudged;
  const failing: string[] = [];
  let ratio = 1;
  for (let g = 0; g < groups.length; g++) {
    if (!compared[g]) continue;
    const r = rateRatio(predictedPositives[g]!, rows[g]!, predictedPositives[ref]!, rows[ref]!);
    if (r < ratio) ratio = r;
    if (r < threshold) failing.push(groups[g]!);
  }
  return Object.freeze({
    passed: failing.length === 0,
    ratio,
    threshold,
    referenceGroup: groups[ref]!,
    failingGroups: Object.freeze(failing),
  });
}
