import { describe, expect, it } from 'vitest';
import { columnQuality } from '../../../src/core/quality/column-quality.ts';
import {
  countDuplicatedRows,
  datasetQuality,
  findDuplicatedColumns,
} from '../../../src/core/quality/dataset-quality.ts';
import { prepareColumn } from '../../../src/core/report/prepared-column.ts';
import { num, str, table } from '../../helpers/table.ts';

describe('column quality', () => {
  // numpy: a = [1, 2, 3, 4, 100, nan, inf]; finite part [1, 2, 3, 4, 100]
  // np.mean = 22, np.std(ddof=1) = 43.617656975128774, np.quantile(.25/.5/.75) = 2, 3, 4, q05 = 1.2, q95 = 80.8
  const ref = prepareColumn(num('x', [1, 2, 3, 4, 100, null, Number.POSITIVE_INFINITY]));
  it('summarises finite values, counts missing and infinite cells', () => {
    const q = columnQuality(ref, 'num', ref, true);
    expect(q).toMatchObject({
      count: 7,
      missingCount: 1,
      infiniteCount: 1,
      distinctCount: 6,
      min: 1,
      max: 100,
      mean: 22,
      q25: 2,
      q50: 3,
      q75: 4,
      outOfRangeShare: 0,
    });
    expect(q.missingShare).toBeCloseTo(1 / 7, 15);
    expect(q.std).toBeCloseTo(43.617656975128774, 12);
    expect(q.q05).toBeCloseTo(1.2, 12);
    expect(q.q95).toBeCloseTo(80.8, 12);
    // fences from reference quartiles: [2 − 1.5·2, 4 + 1.5·2] = [−1, 7] → 100 is an outlier (1 of 5 finite values)
    expect(q.outlierShare).toBe(0.2);
  });
  it('measures the current side against the reference range and fences', () => {
    const cur = prepareColumn(num('x', [0, 5, 8, 200, 50]));
    const q = columnQuality(cur, 'num', ref, false);
    expect(q.outOfRangeShare).toBe(0.4); // 0 and 200 outside [1, 100]
    expect(q.outlierShare).toBe(0.6); // 8, 200, 50 outside [−1, 7]
  });
  it('counts top values and categories unseen in the reference', () => {
    const r = prepareColumn(str('c', ['a', 'b', 'a', null]));
    const c = prepareColumn(str('c', ['a', 'z', 'z', 'b', null, null]));
    const q = columnQuality(c, 'cat', r, false);
    expect(q.topValues).toEqual([
      { value: 'z', count: 2, share: 0.5 },
      { value: 'a', count: 1, share: 0.25 },
      { value: 'b', count: 1, share: 0.25 },
    ]);
    expect(q.newCategoryShare).toBe(0.5);
    expect(q.missingShare).toBeCloseTo(2 / 6, 15);
    expect(q.mean).toBeNull();
  });
  it('treats an integer categorical column by value', () => {
    const r = prepareColumn(num('k', [1, 1, 2], 'int'));
    const c = prepareColumn(num('k', [1, 3, 3, 3], 'int'));
    const q = columnQuality(c, 'cat', r, false);
    expect(q.topValues[0]).toEqual({ value: '3', count: 3, share: 0.75 });
    expect(q.newCategoryShare).toBe(0.75);
  });
  it('copes with an all-missing column', () => {
    const p = prepareColumn(num('e', [null, null]));
    const q = columnQuality(p, 'num', p, true);
    expect(q).toMatchObject({
      missingShare: 1,
      distinctCount: 0,
      mean: null,
      std: null,
      q50: null,
      outlierShare: null,
    });
  });
});

describe('dataset quality', () => {
  const t = table(
    num('a', [1, 1, 2, null, null, 1]),
    str('b', ['x', 'x', 'y', null, null, 'x']),
    num('c', [1, 1, 2, null, null, 1]),
    num('k', [5, 5, 5, 5, 5, 5]),
    num('e', [null, null, null, null, null, null]),
  );
  const prepared = new Map(t.columns.map((c) => [c.name, prepareColumn(c)]));
  it('counts duplicated rows like pandas duplicated() (NaN equals NaN)', () => {
    // rows 0, 1, 5 are equal; rows 3 and 4 are equal (all missing but k = 5)
    expect(countDuplicatedRows(t)).toBe(3);
  });
  it('finds duplicated, constant, almost-constant and empty columns', () => {
    const q = datasetQuality(t, prepared);
    expect(q.duplicatedColumns).toEqual([['a', 'c']]);
    expect(q.constantColumns).toEqual(['k']);
    expect(q.emptyColumns).toEqual(['e']);
    expect(q.missingCells).toBe(2 + 2 + 2 + 6);
    expect(q.rows).toBe(6);
  });
  it('flags a column where one value covers ≥ 95%', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i < 96 ? 'same' : `v${i}`));
    const tt = table(str('s', values));
    const q = datasetQuality(tt, new Map([['s', prepareColumn(tt.columns[0]!)]]));
    expect(q.almostConstantColumns).toEqual(['s']);
  });
  it('does not report columns of different kinds as duplicates', () => {
    const t2 = table(num('n', [1, 2]), str('s', ['1', '2']));
    expect(findDuplicatedColumns(t2, new Map(t2.columns.map((c) => [c.name, prepareColumn(c)])))).toEqual([]);
  });
  it('finds no duplicate rows in distinct data and handles tiny tables', () => {
    expect(countDuplicatedRows(table(num('a', [1, 2, 3])))).toBe(0);
    expect(countDuplicatedRows(table(num('a', [1])))).toBe(0);
  });
});
