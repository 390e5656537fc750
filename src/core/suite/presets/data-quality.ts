/**
 * The `data-quality` preset, after Evidently's `DataSummaryPreset` default tests with a reference
 * (`metrics/dataset_statistics.py`, `metrics/column_statistics.py`), on the paths of driftwatch's result.
 * Dataset level (from `quality.<side>.dataset`):
 * - critical: current has rows (`rows gt 0`, Evidently's `RowCount` without reference; the row count
 *   relative to the reference is not tested, as batches legitimately differ in size);
 * - critical: as many columns as the reference (`ColumnCount eq Reference()`);
 * - critical: no more empty / constant columns than the reference (`EmptyColumnsCount`,
 *   `ConstantColumnsCount lte Reference()`); warning: the same for almost-constant and duplicated columns;
 * - warning: no duplicated rows, when the reference had none.
 * Per column of the reference (`quality.<side>.columns.<name>`):
 * - critical: no missing values where the reference had none (`missingShare eq 0`);
 * - warning: otherwise a missing share at most reference × (1 + relative) + absolute (Evidently tests the
 *   count and share two-sided at ±10 %; fewer missing values is not a problem, so this is one-sided);
 * - warning: no new categories (`newCategoryShare eq 0`) for columns where the reference reports one;
 * - warning: no values outside the reference range (`outOfRangeShare eq 0`) likewise (numeric columns;
 *   datetime columns report none, since time moves on).
 * Per-column statistics (mean, quantiles ± 10 % in Evidently's `ValueStats`) are left to the drift tests.
 * @module
 */
import { UsageError } from '../../errors.ts';
import { joinPath } from '../metric-path.ts';
import type { Severity, SuiteTest } from '../suite-types.ts';
import type { ResolvedPresetOptions } from './preset-options.ts';
import { numberAt, objectAt, valueAt } from './read-result.ts';

export function dataQualityPreset(result: unknown, options: ResolvedPresetOptions): SuiteTest[] {
  const columns = objectAt(result, 'quality', 'reference', 'columns');
  const dataset = objectAt(result, 'quality', 'reference', 'dataset');
  if (columns === undefined || dataset === undefined) {
    throw new UsageError(
      'DW_SUITE_PRESET_UNAVAILABLE',
      'preset data-quality: the result has no "quality.reference.columns" and "quality.reference.dataset"',
    );
  }
  const tests: SuiteTest[] = [];
  const cur = (...keys: string[]) => joinPath('quality', 'current', ...keys);
  const ref = (...keys: string[]) => joinPath('quality', 'reference', ...keys);

  if (typeof dataset.rows === 'number') {
    tests.push({
      name: 'current data has rows',
      metric: cur('dataset', 'rows'),
      condition: 'gt',
      threshold: 0,
      severity: 'critical',
    });
  }
  if (typeof dataset.columns === 'number') {
    tests.push({
      name: 'same number of columns as reference',
      metric: cur('dataset', 'columns'),
      condition: 'eq',
      threshold: { reference: ref('dataset', 'columns') },
      severity: 'critical',
    });
  }
  const lists: readonly [string, string, Severity][] = [
    ['emptyColumns', 'empty', 'critical'],
    ['constantColumns', 'constant', 'critical'],
    ['almostConstantColumns', 'almost constant', 'warning'],
    ['duplicatedColumns', 'duplicated', 'warning'],
  ];
  for (const [key, label, severity] of lists) {
    if (!Array.isArray(dataset[key])) continue;
    tests.push({
      name: `no more ${label} columns than reference`,
      metric: `${cur('dataset', key)}.length`,
      condition: 'lte',
      threshold: { reference: `${ref('dataset', key)}.length` },
      severity,
    });
  }
  if (dataset.duplicatedRows === 0) {
    tests.push({
      name: 'no duplicated rows (none in reference)',
      metric: cur('dataset', 'duplicatedRows'),
      condition: 'eq',
      threshold: 0,
      severity: 'warning',
    });
  }

  const { relative, absolute } = options.missingShareTolerance;
  for (const name of Object.keys(columns)) {
    const missingShare = numberAt(columns, name, 'missingShare');
    if (missingShare === 0) {
      tests.push({
        name: `no missing values in column ${name} (none in reference)`,
        metric: cur('columns', name, 'missingShare'),
        condition: 'eq',
        threshold: 0,
        severity: 'critical',
      });
    } else if (missingShare !== undefined) {
      tests.push({
        name: `missing share of column ${name} not far above reference`,
        metric: cur('columns', name, 'missingShare'),
        condition: 'lte',
        threshold: { reference: ref('columns', name, 'missingShare'), relative, absolute },
        severity: 'warning',
      });
    }
    if (typeof valueAt(columns, name, 'newCategoryShare') === 'number') {
      tests.push({
        name: `no new categories in column ${name}`,
        metric: cur('columns', name, 'newCategoryShare'),
        condition: 'eq',
        threshold: 0,
        severity: 'warning',
      });
    }
    if (typeof valueAt(columns, name, 'outOfRangeShare') === 'number') {
      tests.push({
        name: `no values outside the reference range in column ${name}`,
        metric: cur('columns', name, 'outOfRangeShare'),
        condition: 'eq',
        threshold: 0,
        severity: 'warning',
      });
    }
  }
  return tests;
}
