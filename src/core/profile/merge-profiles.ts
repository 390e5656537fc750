/**
 * `mergeProfiles`: the profile of the union of two datasets' rows, from their profiles.
 * @module
 */
import { UsageError } from '../errors.ts';
import { CategoricalAccumulator } from './categorical-accumulator.ts';
import { NumericAccumulator } from './numeric-accumulator.ts';
import {
  type DatasetProfile,
  isNumericProfileColumn,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type ProfileColumn,
} from './profile-types.ts';

function accumulatorOf(c: ProfileColumn): NumericAccumulator | CategoricalAccumulator {
  return isNumericProfileColumn(c) ? NumericAccumulator.fromColumn(c) : CategoricalAccumulator.fromColumn(c);
}

/**
 * Merges two profiles (neither is modified). Associative; commutative up to the order of columns and of
 * equal-count items. Columns are matched by name, in the order of `a` then the new ones of `b`; a column
 * present on one side only gets missing cells for the other side's rows (as when reading partitions where
 * some lack a column), so `count + missing = rows` holds. int ∪ float = float, bool ∪ string = string, and
 * an int column with missing cells becomes float (pandas' typing, which the readers follow).
 * Sketch parameters (caps, k) of `a` win where they differ. `createdAtMs` is the earlier of the two;
 * `source` is kept when both agree.
 * @throws UsageError `DW_PROFILE_MERGE_MISMATCH` when a column is numeric in one profile and text in the other
 *   (or datetime and number).
 */
export function mergeProfiles(a: DatasetProfile, b: DatasetProfile): DatasetProfile {
  const bByName = new Map(b.columns.map((c) => [c.name, c]));
  const aNames = new Set(a.columns.map((c) => c.name));
  const columns: ProfileColumn[] = [];
  for (const ca of a.columns) {
    const cb = bByName.get(ca.name);
    const acc = accumulatorOf(ca);
    if (cb === undefined) {
      acc.addMissing(b.rows);
    } else {
      const other = accumulatorOf(cb);
      if (acc instanceof NumericAccumulator && other instanceof NumericAccumulator) acc.merge(other);
      else if (acc instanceof CategoricalAccumulator && other instanceof CategoricalAccumulator)
        acc.merge(other);
      else {
        throw new UsageError(
          'DW_PROFILE_MERGE_MISMATCH',
          `column '${ca.name}' is ${ca.dtype} in one profile and ${cb.dtype} in the other: cannot merge`,
        );
      }
    }
    columns.push(acc.toColumn());
  }
  for (const cb of b.columns) {
    if (aNames.has(cb.name)) continue;
    const acc = accumulatorOf(cb);
    acc.addMissing(a.rows);
    columns.push(acc.toColumn());
  }
  const created = [a.createdAtMs, b.createdAtMs].filter((t): t is number => t !== undefined);
  return {
    format: PROFILE_FORMAT,
    formatVersion: PROFILE_FORMAT_VERSION,
    rows: a.rows + b.rows,
    exact: columns.every((c) => c.exact),
    columns,
    ...(created.length > 0 ? { createdAtMs: Math.min(...created) } : {}),
    ...(a.source !== undefined && a.source === b.source ? { source: a.source } : {}),
  };
}
