/**
 * The `data-drift` preset, after Evidently's `DataDriftPreset` default tests
 * (`metrics/column_statistics.py`: `DriftedColumnsCount._default_tests_with_reference` is
 * `lt(drift_share)` on the share; `ValueDrift` fails when the column drifted):
 * - critical: `drift.share lt <driftShare>` (the run's threshold, pinned; dataset drift is share ≥ driftShare);
 * - one test per drift-tested column: `drift.columns[column=<name>].drifted eq false`, as warnings by
 *   default (Evidently makes them critical, which makes the share test redundant).
 * Columns whose drift verdict is null (text, untestable) get no test.
 * @module
 */
import { UsageError } from '../../errors.ts';
import { formatSelector } from '../metric-path.ts';
import type { SuiteTest } from '../suite-types.ts';
import type { ResolvedPresetOptions } from './preset-options.ts';
import { numberAt, valueAt } from './read-result.ts';

/** Evidently's `DriftedColumnsCount.drift_share` default, used when the result carries none. */
const DEFAULT_DRIFT_SHARE = 0.5;

export function dataDriftPreset(result: unknown, options: ResolvedPresetOptions): SuiteTest[] {
  const drift = valueAt(result, 'drift');
  if (drift === null || typeof drift !== 'object') {
    throw new UsageError(
      'DW_SUITE_PRESET_UNAVAILABLE',
      'preset data-drift: the result has no "drift" section',
    );
  }
  const driftShare = numberAt(result, 'drift', 'driftShare') ?? DEFAULT_DRIFT_SHARE;
  const tests: SuiteTest[] = [
    {
      name: `share of drifted columns below ${driftShare}`,
      metric: 'drift.share',
      condition: 'lt',
      threshold: driftShare,
      severity: 'critical',
    },
  ];
  const columns = valueAt(result, 'drift', 'columns');
  if (Array.isArray(columns)) {
    for (const column of columns) {
      if (column === null || typeof column !== 'object') continue;
      const { column: name, drifted } = column as { column?: unknown; drifted?: unknown };
      if (typeof name !== 'string' || typeof drifted !== 'boolean') continue;
      tests.push({
        name: `no drift in column ${name}`,
        metric: `drift.columns${formatSelector('column', name)}.drifted`,
        condition: 'eq',
        threshold: false,
        severity: options.columnDriftSeverity,
      });
    }
  }
  return tests;
}
