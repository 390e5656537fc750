/**
 * One pass over the rows: per-group row counts and binary confusion counts.
 * Everything in the fairness module is derived from these integer counts, so each rate is a single
 * correctly rounded division of two integers.
 * @module
 */
import { UsageError } from '../errors.ts';

/** Confusion counts of one group (or of any set of rows). Positive class = 1. */
export interface ConfusionCounts {
  readonly tn: number;
  readonly fp: number;
  readonly fn: number;
  readonly tp: number;
}

/** Per-group counts, indexed by group code. */
export interface GroupCounts {
  /** Number of groups (= `groups.length`). */
  readonly groupCount: number;
  /** Rows per group. */
  readonly rows: Float64Array;
  /** Rows predicted positive (Ŷ = 1) per group. */
  readonly predictedPositives: Float64Array;
  /**
   * Confusion counts per group, 4 per group in the order tn, fp, fn, tp (index `4·g + 2·y + ŷ`);
   * `null` when no target was given.
   */
  readonly confusion: Float64Array | null;
  /** Rows whose group code is −1 (missing sensitive value); they take no part in any metric. */
  readonly missingGroupRows: number;
}

/**
 * Count rows, predicted positives and (with a target) tn/fp/fn/tp per group.
 * @param groupCodes - group index per row (0..groupCount−1), or −1 for a missing value.
 * @param groupCount - number of groups.
 * @param prediction - 0/1 per row.
 * @param target - 0/1 per row, optional.
 * @throws UsageError `DW_FAIRNESS_LENGTH_MISMATCH`, `DW_FAIRNESS_BAD_GROUP_CODE`, `DW_FAIRNESS_NOT_BINARY`.
 */
export function countByGroup(
  groupCodes: Int32Array,
  groupCount: number,
  prediction: Uint8Array,
  target?: Uint8Array,
): GroupCounts {
  const n = groupCodes.length;
  if (prediction.length !== n || (target !== undefined && target.length !== n)) {
    throw new UsageError(
      'DW_FAIRNESS_LENGTH_MISMATCH',
      `groupCodes (${n}), prediction (${prediction.length})` +
        (target === undefined ? '' : ` and target (${target.length})`) +
        ' must have the same length (one entry per row).',
    );
  }
  const rows = new Float64Array(groupCount);
  const predictedPositives = new Float64Array(groupCount);
  const confusion = target === undefined ? null : new Float64Array(4 * groupCount);
  let missingGroupRows = 0;
  for (let i = 0; i < n; i++) {
    const g = groupCodes[i]!;
    if (g === -1) {
      missingGroupRows++;
      continue;
    }
    if (g < 0 || g >= groupCount) {
      throw new UsageError(
        'DW_FAIRNESS_BAD_GROUP_CODE',
        `groupCodes[${i}] is ${g}, but there are ${groupCount} groups (codes 0..${groupCount - 1}, or -1 for missing).`,
      );
    }
    const p = prediction[i]!;
    if (p > 1) throw notBinary('prediction', i, p);
    rows[g]!++;
    predictedPositives[g]! += p;
    if (confusion !== null) {
      const t = target![i]!;
      if (t > 1) throw notBinary('target', i, t);
      confusion[4 * g + 2 * t + p]!++;
    }
  }
  return { groupCount, rows, predictedPositives, confusion, missingGroupRows };
}

function notBinary(name: string, i: number, v: number): UsageError {
  return new UsageError(
    'DW_FAIRNESS_NOT_BINARY',
    `${name}[${i}] is ${v}; binary ${name}s must be 0 or 1 (1 = positive class).`,
  );
}

/** Confusion counts of group `g` from `GroupCounts.confusion`. */
export function groupConfusion(confusion: Float64Array, g: number): ConfusionCounts {
  const o = 4 * g;
  return { tn: confusion[o]!, fp: confusion[o + 1]!, fn: confusion[o + 2]!, tp: confusion[o + 3]! };
}
