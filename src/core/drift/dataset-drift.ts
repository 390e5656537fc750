/**
 * Dataset-level drift: share of drifted columns against `driftShare`, Evidently's
 * `legacy/calculations/data_drift.py::get_dataset_drift` (share ≥ drift_share), with an optional
 * multiple-testing correction applied to the p-value columns first.
 * @module
 */
import type { ColumnDrift, DriftResult } from '../report/result-schema.ts';
import { type Correction, DEFAULT_DRIFT_SHARE } from './drift-options.ts';
import { isDrifted } from './method-spec.ts';
import { benjaminiHochberg, bonferroni } from './multiple-testing.ts';

export function datasetDrift(
  columns: ColumnDrift[],
  driftShare = DEFAULT_DRIFT_SHARE,
  correction: Correction = 'none',
): DriftResult {
  let corrected = columns;
  if (correction !== 'none') {
    const tested = columns.filter((c) => c.statisticKind === 'p_value' && c.statistic !== null);
    const raw = tested.map((c) => c.statistic!);
    const adjusted = correction === 'bonferroni' ? bonferroni(raw) : benjaminiHochberg(raw);
    const byColumn = new Map(tested.map((c, i) => [c, adjusted[i]!]));
    corrected = columns.map((c) => {
      const adj = byColumn.get(c);
      if (adj === undefined) return c;
      return { ...c, pValueAdjusted: adj, drifted: isDrifted(adj, c.threshold!, c.operator!) };
    });
  }
  const decided = corrected.filter((c) => c.drifted !== null);
  const driftedCount = decided.filter((c) => c.drifted === true).length;
  const columnCount = decided.length;
  const share = columnCount > 0 ? driftedCount / columnCount : 0;
  return {
    columns: corrected,
    columnCount,
    driftedCount,
    share,
    driftShare,
    datasetDrift: columnCount > 0 && share >= driftShare,
    correction,
  };
}
