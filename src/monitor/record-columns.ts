/**
 * Column names a window's records get in the table the check engine compares (and in the reference profiles the
 * server builds from production data). A reference dataset uploaded for a version should use the same names for
 * its model columns: features under their own names, and
 * - `prediction`: the record's `prediction`,
 * - `score`: the binary `score` (probability of the positive class),
 * - `score_<class>`: one per class of a multiclass `scores {}`,
 * - `target`: the joined label's `target`.
 * Segment keys become columns under their own names (unless a feature has that name: the feature is used).
 * A feature named like a model column is shadowed by the model column.
 * @module
 */

export const PREDICTION_COLUMN = 'prediction';
export const SCORE_COLUMN = 'score';
export const TARGET_COLUMN = 'target';
export const SCORE_COLUMN_PREFIX = 'score_';

export function scoreColumnFor(className: string): string {
  return `${SCORE_COLUMN_PREFIX}${className}`;
}

/** True for the model columns (never drift-tested as features). */
export function isModelColumn(name: string): boolean {
  return (
    name === PREDICTION_COLUMN ||
    name === SCORE_COLUMN ||
    name === TARGET_COLUMN ||
    name.startsWith(SCORE_COLUMN_PREFIX)
  );
}
